import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the compiled (or source) modules: lib/ (or src/). */
const BASE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const digests = new Map<string, string>();

/**
 * A digest of the code that shapes a cached result: licat's version, the modules of the given
 * folders (relative to lib/, e.g. `load`, `schema`) and the versions of the given packages. A
 * cache keyed by it never meets a result of other code, even without a version bump.
 * @example codeDigest(['load', 'schema'], ['js-yaml', 'zod']) // '8aa388ecc06a0a35'
 */
export function codeDigest(folders: readonly string[], packages: readonly string[] = []): string {
  const id = `${folders.join(',')}|${packages.join(',')}`;
  const known = digests.get(id);
  if (known) return known;
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  const versionOf = (file: string) => String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version);
  hash.update(versionOf(path.join(BASE, '../package.json'))).update('\0');
  for (const pkg of packages) hash.update(pkg).update('@').update(versionOf(require.resolve(`${pkg}/package.json`))).update('\0');
  for (const folder of folders) {
    const dir = path.join(BASE, folder);
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(js|ts)$/.test(name) || name.endsWith('.d.ts')) continue;
      hash.update(`${folder}/${name}`).update('\0').update(readFileSync(path.join(dir, name))).update('\0');
    }
  }
  const digest = hash.digest('hex').slice(0, 16);
  digests.set(id, digest);
  return digest;
}
