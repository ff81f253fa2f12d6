import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

/**
 * The `yaml` library, loaded on first use. It gives exact positions, so it serves the paths that
 * explain a problem (a syntax error, locating a finding); a clean catalog never needs it, and
 * loading it (some 60 modules) costs about as much as parsing a few hundred item files.
 * @example const { parseDocument } = yamlLibrary();
 */
export function yamlLibrary(): typeof Yaml {
  if (!library) {
    // `npm run build` bundles the same package into one file (scripts/bundle.mjs): one file to
    // load instead of some 60. Running from the sources, the package itself.
    const bundled = new URL('../bundle/yaml.cjs', import.meta.url);
    const require = createRequire(import.meta.url);
    library = (existsSync(fileURLToPath(bundled)) ? require(fileURLToPath(bundled)) : require('yaml')) as typeof Yaml;
  }
  return library;
}
