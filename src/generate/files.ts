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
export function renderGenerated(cases: readonly ConformanceCase[]): RenderedFile[] {
  return GENERATED_FILES.map((file) => ({ path: file.path, content: renderJson(file.build(cases)) }));
}

/** A file to commit: its path relative to the package root and its whole text. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

/** Writes `files` under `rootDir`; returns the paths written (relative). */
export function writeFiles(rootDir: string, files: readonly RenderedFile[]): string[] {
  return files.map(({ path, content }) => {
    const target = join(rootDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return path;
  });
}

/** The paths of `files` that are missing under `rootDir` or differ from their content there. */
export function staleFiles(rootDir: string, files: readonly RenderedFile[]): string[] {
  return files
    .filter(({ path, content }) => {
      try {
        return readFileSync(join(rootDir, path), 'utf8') !== content;
      } catch {
        return true;
      }
    })
    .map(({ path }) => path);
}

/** Writes every generated file under `rootDir`; returns the paths written (relative). */
export function writeGenerated(rootDir: string, cases: readonly ConformanceCase[]): string[] {
  return writeFiles(rootDir, renderGenerated(cases));
}

/** The generated files under `rootDir` that are missing or differ from what the cases generate. */
export function checkGenerated(rootDir: string, cases: readonly ConformanceCase[]): { stale: string[] } {
  return { stale: staleFiles(rootDir, renderGenerated(cases)) };
}

/** The directory holding this package's package.json (the code runs from dist/src/...). */
export function findPackageRoot(): string {
  return packageRoot();
}
