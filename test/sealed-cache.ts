import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, unsealBytes, writeSealed, type SealedEncoding } from '../src/load/cache-seal.js';

/** How the body of a sealed cache file of `purpose` is stored (the parse cache's packs: UTF-16). */
const encodingOf = (purpose: string): SealedEncoding => (purpose === 'parse' ? 'utf16le' : 'utf8');

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
    const body = unsealBytes(key, purpose, code, bytes, encodingOf(purpose));
    if (body === undefined) continue;
    const data = JSON.parse(body);
    edit(data);
    writeSealed(file, key, purpose, code, JSON.stringify(data), encodingOf(purpose));
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

/** A sealed cache file as text: its seal line, a newline and its body, each decoded as it is stored. */
export function readSealedText(file: string): string {
  const bytes = readFileSync(file);
  const newline = bytes.indexOf(0x0a);
  const head = bytes.toString('latin1', 0, newline);
  return `${head}\n${bytes.subarray(newline + 1).toString(encodingOf(head.split(' ')[1] ?? ''))}`;
}

/**
 * Write `text` as a sealed cache file of `purpose` would be stored (seal line up to the first
 * newline, body in the purpose's encoding), without sealing anything: as an editor or another
 * user could.
 */
export function writeSealedText(file: string, purpose: string, text: string): void {
  const newline = text.indexOf('\n');
  if (newline < 0) return writeFileSync(file, text);
  writeFileSync(file, Buffer.concat([Buffer.from(text.slice(0, newline + 1), 'utf8'), Buffer.from(text.slice(newline + 1), encodingOf(purpose))]));
}
