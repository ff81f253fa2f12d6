import { readFileSync, writeFileSync } from 'node:fs';
import { cacheKey, sealText, unsealText } from '../src/load/cache-seal.js';

/**
 * Edit a sealed cache file as a process of the same user could (it can read the key): unseal it
 * with whichever of `codes` (code digests, see src/load/code-digest.ts) it was sealed for, edit
 * the JSON, seal it again for that code. Tests use it for controls: a record falsified but
 * properly sealed is believed, which shows what a stale read would look like.
 */
export function editSealed(file: string, purpose: string, codes: readonly string[], edit: (data: any) => void): void {
  const key = cacheKey();
  if (!key) throw new Error('no cache key');
  const text = readFileSync(file, 'utf8');
  for (const code of codes) {
    const body = unsealText(key, purpose, code, text);
    if (body === undefined) continue;
    const data = JSON.parse(body);
    edit(data);
    writeFileSync(file, sealText(key, purpose, code, JSON.stringify(data)));
    return;
  }
  throw new Error(`${file} is not sealed for any of ${codes.join(', ')}`);
}
