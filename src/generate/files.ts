/**
 * The generated files committed in the repository (each profile's collection and two environments):
 * their content, writing them, and checking that the committed ones are up to date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROFILES, type ConformanceCase } from '../cases/model.js';
import { profileNamed } from '../cases/profiles.js';
import { packageRoot, PROFILE_PATHS } from '../package-info.js';
import { buildCollection } from './collection.js';
import { buildReferenceEnvironment, buildTargetExampleEnvironment } from './environments.js';

export interface GeneratedFile {
  /** Relative to the package root, `/`-separated. */
  readonly path: string;
  readonly build: (cases: readonly ConformanceCase[]) => object;
}

/** Each profile's collection, reference environment and example environment. */
export const GENERATED_FILES: readonly GeneratedFile[] = PROFILES.flatMap((id): GeneratedFile[] => {
  const profile = profileNamed(id);
  const paths = PROFILE_PATHS[id];
  return [
    { path: paths.collection, build: (cases) => buildCollection(cases, profile) },
    { path: paths.referenceEnvironment, build: () => buildReferenceEnvironment(profile) },
    { path: paths.targetExampleEnvironment, build: () => buildTargetExampleEnvironment(profile) },
  ];
});

/** The text of a generated file: two-space JSON and a final newline. */
export function renderJson(value: object): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Each generated file's path and content. */
export function renderGenerated(cases: readonly ConformanceCase[]): { path: string; content: string }[] {
  return GENERATED_FILES.map((file) => ({ path: file.path, content: renderJson(file.build(cases)) }));
}

/** Writes every generated file under `rootDir`; returns the paths written (relative). */
export function writeGenerated(rootDir: string, cases: readonly ConformanceCase[]): string[] {
  return renderGenerated(cases).map(({ path, content }) => {
    const target = join(rootDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return path;
  });
}

/** The generated files under `rootDir` that are missing or differ from what the cases generate. */
export function checkGenerated(rootDir: string, cases: readonly ConformanceCase[]): { stale: string[] } {
  const stale = renderGenerated(cases)
    .filter(({ path, content }) => {
      try {
        return readFileSync(join(rootDir, path), 'utf8') !== content;
      } catch {
        return true;
      }
    })
    .map(({ path }) => path);
  return { stale };
}

/** The directory holding this package's package.json (the code runs from dist/src/...). */
export function findPackageRoot(): string {
  return packageRoot();
}
