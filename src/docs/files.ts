/** The generated docs committed under docs/: each one's path and how it is rendered. */
import type { Command } from 'commander';
import type { ConformanceCase } from '../cases/model.js';
import { renderCatalogueDoc } from './catalogue-doc.js';
import { renderCliDoc } from './cli-doc.js';

/** What a generated doc is rendered from: the catalogue, and the program's definition (never parsed). */
export interface DocSources {
  readonly cases: readonly ConformanceCase[];
  readonly program: Command;
}

export interface GeneratedDoc {
  /** Relative to the package root, `/`-separated. */
  readonly path: string;
  readonly render: (sources: DocSources) => string;
}

export const GENERATED_DOCS: readonly GeneratedDoc[] = [
  { path: 'docs/catalogue.md', render: ({ cases }) => renderCatalogueDoc(cases) },
  { path: 'docs/cli.md', render: ({ program }) => renderCliDoc(program) },
];

/** Each generated doc's path and content. */
export function renderDocs(sources: DocSources): { path: string; content: string }[] {
  return GENERATED_DOCS.map((doc) => ({ path: doc.path, content: doc.render(sources) }));
}
