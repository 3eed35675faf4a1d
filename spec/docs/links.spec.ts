/**
 * Every relative link of README.md and docs/*.md resolves: the file exists, and a `#anchor` is a
 * heading of the target as GitHub renders it (its slug rules, duplicate headings numbered).
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { headingSlug } from '../../src/docs/markdown.js';
import { packageRoot } from '../../src/package-info.js';

/** The Markdown outside fenced code blocks and inline code spans, where links and headings live. */
function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/** The anchors GitHub gives a document's headings: slugs, the second of a kind `-1`, and so on. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const text = (match[1] ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = headingSlug(text);
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

/** Relative link targets of a document (images included), without external URLs. */
export function relativeLinks(markdown: string): string[] {
  return [...proseOf(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** The links of the document at `path` (its text: `markdown`) that do not resolve, each as `target (why)`. */
export function brokenLinks(path: string, markdown = readFileSync(path, 'utf8')): string[] {
  const broken: string[] = [];
  for (const target of relativeLinks(markdown)) {
    const [file = '', anchor] = target.split('#', 2);
    const resolved = file === '' ? path : join(dirname(path), decodeURIComponent(file));
    if (!existsSync(resolved)) {
      broken.push(`${target} (no file ${relative(packageRoot(), resolved)})`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
      broken.push(`${target} (no heading #${anchor} in ${relative(packageRoot(), resolved)})`);
    }
  }
  return broken;
}

const DOCUMENTS = ['README.md', ...readdirSync(join(packageRoot(), 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('documentation links', () => {
  it('slugs headings as GitHub does', () => {
    expect(headingSlug('Profiles: any Basic-authentication server')).to.equal('profiles-any-basic-authentication-server');
    expect(headingSlug("The suite's power, measured")).to.equal('the-suites-power-measured');
    expect(headingSlug('`serve` and `run --ca`')).to.equal('serve-and-run---ca');
    expect(headingSlug('X-v3io-session-key')).to.equal('x-v3io-session-key');
    expect(headingSlug('Verdict and exit codes')).to.equal('verdict-and-exit-codes');
    expect([...anchorsOf('# A\n## Notes\n```\n# not a heading\n```\n### Notes\n')]).to.deep.equal(['a', 'notes', 'notes-1']);
  });

  it('finds a missing file, a missing anchor, and ignores code and external URLs', () => {
    const sample = 'See [a](docs/missing.md), [b](README.md#no-such-heading), [c](https://example.com/x), `[d](nowhere.md)`.\n';
    expect(relativeLinks(sample)).to.deep.equal(['docs/missing.md', 'README.md#no-such-heading']);
    expect(brokenLinks(join(packageRoot(), 'README.md'), `${sample}[e](docs/cli.md#run) [f](#install)\n`)).to.deep.equal([
      'docs/missing.md (no file docs/missing.md)',
      'README.md#no-such-heading (no heading #no-such-heading in README.md)',
    ]);
  });

  it('covers the README and every page under docs/', () => {
    expect(DOCUMENTS).to.include.members(['README.md', 'docs/catalogue.md', 'docs/cli.md', 'docs/running.md', 'docs/ci.md', 'docs/interop.md', 'docs/power.md', 'docs/reference-server.md']);
  });

  for (const document of DOCUMENTS) {
    it(`every relative link of ${document} resolves`, () => {
      const path = join(packageRoot(), document);
      expect(relativeLinks(readFileSync(path, 'utf8')), `${document} has no relative link`).to.not.be.empty;
      expect(brokenLinks(path)).to.deep.equal([]);
    });
  }
});
