import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

/**
 * The `yaml` library, loaded on first use. It gives exact positions, so it serves the paths that
 * explain a problem (a syntax error, locating a finding); a clean catalog never needs it, and
 * loading it (some 60 modules) costs about as much as parsing a few hundred item files.
 * @example const { parseDocument } = yamlLibrary();
 */
export function yamlLibrary(): typeof Yaml {
  library ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return library;
}
