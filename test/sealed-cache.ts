import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, unsealBytes, writeSealed } from '../src/load/cache-seal.js';

/**
 * Edit a sealed cache file as a process of the same user could (it can read the key): unseal it
 * with whichever of `codes` (code digests, see src/load/code-digest.ts) it was sealed for, edit
 * the JSON, seal it again for that code. Tests use it for controls: a record falsified but
 * properly sealed is believed, which shows what a stale read would look like.
 */
export function editSealed(file: string, purpose: string, codes: readonly string[], edit: (data: any) => void): void {
  const key = cacheKey();
  if (!key) throw new Error('no cache key');
  const bytes = readFileSync(file);
  for (const code of codes) {
    const body = unsealBytes(key, purpose, code, bytes);
    if (body === undefined) continue;
    const data = JSON.parse(body);
    edit(data);
    writeSealed(file, key, purpose, code, JSON.stringify(data));
    return;
  }
  throw new Error(`${file} is not sealed for any of ${codes.join(', ')}`);
}

/** The packs of the parse cache in `dir` (one per shard that holds entries), as full paths, sorted. */
export function parsePacks(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('parsed-') && name.endsWith('.json'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** A sealed cache file as text: its seal line, a newline and its body. */
export function readSealedText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Write `text` as a sealed cache file, sealing nothing: as an editor or another user could. */
export function writeSealedText(file: string, text: string): void {
  writeFileSync(file, text);
}
