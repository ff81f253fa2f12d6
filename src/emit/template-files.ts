import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's `templates/` folder. This file sits at src/emit/ (tests) or lib/emit/ (the
 * built CLI): both are two levels below the package root.
 */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

/** Read one file of `templates/` as text. @example await readTemplate('guide.html.hbs') */
export function readTemplate(name: string): Promise<string> {
  return readFile(path.join(TEMPLATES_DIR, name), 'utf8');
}
