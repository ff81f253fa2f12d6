import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeSmallCatalog } from '../build/catalogs.js';
import { licat, tempDir } from '../helpers.js';
import { parsePacks, readSealedText, writeSealedText } from '../sealed-cache.js';
import { memoryContext } from '../memory-sink.js';
import { MergeError, mergedCatalog, mergeEmitter, readShards } from '../../src/emit/merge-shards.js';
import { FeedsCache } from '../../src/emit/feeds/feeds-cache.js';
import { checkCatalog } from '../../src/pipeline/check-catalog.js';

/** Paths a hostile manifest might name. */
const HOSTILE_PATHS = [
  '../x.json',
  '/etc/passwd',
  'feeds//x.json',
  'feeds/../../x',
  '.hidden',
  'manifest.json',
  'shard.json',
  '__proto__',
  'feeds/halls/440000.json',
  '',
];

/** A value at a random place of a JSON document: replaced, removed, or set to a hostile path. */
function mutateJson(doc: unknown, pick: number, value: unknown, mode: number): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const places: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        places.push([node, i]);
        walk(v);
      });
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        places.push([node as Record<string, unknown>, k]);
        walk(v);
      }
    }
  };
  walk(copy);
  const [parent, key] = places[pick % places.length]!;
  if (mode === 0) (parent as Record<string | number, unknown>)[key] = value;
  else if (mode === 1 && Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (mode === 1) delete (parent as Record<string, unknown>)[key as string];
  else (parent as Record<string | number, unknown>)[key] = HOSTILE_PATHS[pick % HOSTILE_PATHS.length];
  return copy;
}

const jsonMutation = fc.tuple(fc.nat(), fc.oneof(fc.jsonValue(), fc.constantFrom(...HOSTILE_PATHS)), fc.nat(2));
const textEdit = fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 8 }));
function editText(text: string, [at, cut, insert]: [number, number, string]): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + cut);
}

describe('property: mutated shard manifests and cache entries crash nothing and change no output', () => {
  it('a merge of a shard with a mutated manifest.json or shard.json is refused with a MergeError, or gives the very same output', async () => {
    const catalog = writeSmallCatalog();
    const shards = ['1/2', '2/2'].map((shard) => {
      const out = path.join(tempDir('licat-shard-'), 'out');
      expect(licat(['build', catalog, '--only', 'feeds', '--out', out, '--quiet', '--no-cache', '--shard', shard]).code).toBe(0);
      return out;
    });
    const merge = async (dirs: string[]) => {
      const { out, context } = memoryContext();
      const read = await readShards(dirs);
      await mergeEmitter(read).emit(mergedCatalog(read), context);
      return new Map([...out.files].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));
    };
    const reference = await merge(shards);
    const work = path.join(tempDir('licat-shard-'), 'work');
    cpSync(shards[0]!, work, { recursive: true });
    const originals = Object.fromEntries(['manifest.json', 'shard.json'].map((name) => [name, readFileSync(path.join(shards[0]!, name), 'utf8')]));
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('manifest.json', 'shard.json'),
        fc.oneof(
          jsonMutation.map((m) => ['json', m] as const),
          textEdit.map((e) => ['text', e] as const),
        ),
        async (name, [kind, change]) => {
          for (const [file, text] of Object.entries(originals)) writeFileSync(path.join(work, file), text);
          const original = originals[name]!;
          const mutated =
            kind === 'json' ? JSON.stringify(mutateJson(JSON.parse(original), ...(change as [number, unknown, number]))) : editText(original, change);
          writeFileSync(path.join(work, name), mutated);
          try {
            expect(await merge([work, shards[1]!])).toEqual(reference);
          } catch (error) {
            if (!(error instanceof MergeError)) throw error;
            refused++;
          }
        },
      ),
      { numRuns: 150, seed: 20261206 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('a mutated parse cache pack never changes what a check finds or loads', async () => {
    const catalog = writeSmallCatalog();
    const cacheDir = path.join(tempDir(), 'cache');
    const fingerprint = (r: Awaited<ReturnType<typeof checkCatalog>>) => JSON.stringify({ d: r.diagnostics, items: r.catalog.items, halls: r.catalog.halls });
    const reference = fingerprint(await checkCatalog(catalog, process.cwd()));
    expect(fingerprint(await checkCatalog(catalog, process.cwd(), { cacheDir }))).toBe(reference);
    // The largest pack (the cache is sharded by the entries' sha256).
    const pack = parsePacks(cacheDir).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const sealed = readSealedText(pack);
    const newline = sealed.indexOf('\n');
    const body = JSON.parse(sealed.slice(newline + 1)) as unknown;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          jsonMutation.map((m) => ['json', m] as const),
          textEdit.map((e) => ['text', e] as const),
        ),
        async ([kind, change]) => {
          const mutated =
            kind === 'json'
              ? `${sealed.slice(0, newline + 1)}${JSON.stringify(mutateJson(body, ...(change as [number, unknown, number])))}`
              : editText(sealed, change);
          writeSealedText(pack, mutated);
          expect(fingerprint(await checkCatalog(catalog, process.cwd(), { cacheDir }))).toBe(reference);
        },
      ),
      { numRuns: 60, seed: 20261206 },
    );
  });

  it('a mutated feeds record is never used', () => {
    const catalog = writeSmallCatalog();
    const cacheDir = path.join(tempDir(), 'cache');
    const out = path.join(tempDir(), 'dist');
    for (let i = 0; i < 2; i++) expect(licat(['build', catalog, '--only', 'feeds', '--out', out, '--quiet', '--cache-dir', cacheDir]).code).toBe(0);
    // The record, and the hall table it names, a file of its own beside it.
    const files = ['.json', '-halls.json'].map((end) =>
      path.join(
        cacheDir,
        readdirSync(cacheDir).find((n) => n.startsWith('feeds-') && n.endsWith(end) && (end !== '.json' || !n.endsWith('-halls.json')))!,
      ),
    );
    const originals = files.map((file) => readFileSync(file, 'utf8'));
    const structure = (JSON.parse(originals[0]!.slice(originals[0]!.indexOf('\n') + 1)) as { structure: string }).structure;
    expect(FeedsCache.open(cacheDir, out, structure).warm).toBe(true);
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.oneof(
          jsonMutation.map((m) => ['json', m] as const),
          textEdit.map((e) => ['text', e] as const),
        ),
        (which, [kind, change]) => {
          const sealed = originals[which]!;
          const newline = sealed.indexOf('\n');
          const body = JSON.parse(sealed.slice(newline + 1)) as unknown;
          const mutated =
            kind === 'json'
              ? `${sealed.slice(0, newline + 1)}${JSON.stringify(mutateJson(body, ...(change as [number, unknown, number])))}`
              : editText(sealed, change);
          fc.pre(mutated !== sealed && mutated.slice(newline + 1) !== JSON.stringify(body));
          files.forEach((file, k) => writeFileSync(file, k === which ? mutated : originals[k]!));
          expect(FeedsCache.open(cacheDir, out, structure).warm).toBe(false);
        },
      ),
      { numRuns: 300, seed: 20261206 },
    );
  });
});
