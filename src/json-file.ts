/** JSON files the tool reads (environments, reports), with a one-line error naming the file. */
import { readFileSync } from 'node:fs';
import { HarnessError } from './errors.js';

/** Reads a JSON file, naming the file in every error. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HarnessError('file-not-found', `${what} not found: ${path}`);
    if (code === 'EISDIR') throw new HarnessError('file-unreadable', `${what} is a directory, not a file: ${path}`);
    throw new HarnessError('file-unreadable', `cannot read ${what} ${path}: ${code ?? 'unknown error'}`);
  }
  // Editors on Windows save UTF-8 with a byte order mark, which JSON.parse refuses.
  if (text.startsWith('\ufeff')) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new HarnessError('malformed-json', `${what} ${path} is not valid JSON: ${detail}`);
  }
}
