/** Where this package lives on disk, its version, and the paths of the generated files in it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ProfileId } from './cases/model.js';

export interface ProfilePaths {
  readonly collection: string;
  readonly referenceEnvironment: string;
  readonly targetExampleEnvironment: string;
}

/** Paths of each profile's committed, generated files, relative to the package root. */
export const PROFILE_PATHS: Readonly<Record<ProfileId, ProfilePaths>> = {
  v3io: {
    collection: 'collections/v3io-auth-conformance.postman_collection.json',
    referenceEnvironment: 'environments/reference.postman_environment.json',
    targetExampleEnvironment: 'environments/target.example.postman_environment.json',
  },
  basic: {
    collection: 'collections/basic-auth-conformance.postman_collection.json',
    referenceEnvironment: 'environments/reference-basic.postman_environment.json',
    targetExampleEnvironment: 'environments/basic-target.example.postman_environment.json',
  },
};

/** The v3io profile's generated files (the default profile). */
export const GENERATED_PATHS = PROFILE_PATHS.v3io;

let cachedRoot: string | undefined;

/** The directory holding this package's package.json (the code runs from dist/src/...). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'v3io-auth-conformance') {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the v3io-auth-conformance package root');
    dir = parent;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
