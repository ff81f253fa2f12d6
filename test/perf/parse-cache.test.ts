import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeDigest } from '../../src/load/code-digest.js';
import { editSealed, parsePacks, readSealedText } from '../sealed-cache.js';
import { copySample, licat, ROOT, tempDir } from '../helpers.js';

const HOSTILE = path.join(ROOT, 'test/fixtures/hostile');

/** The sample with the hostile corpus added: every kind of load problem, located. */
function troubledCatalog(): string {
  const dir = copySample();
  for (const name of readdirSync(HOSTILE)) if (name !== 'expected.json') copyFileSync(path.join(HOSTILE, name), path.join(dir, 'items', name));
  return dir;
}

describe('the cache of parsed files (validate --cache-dir)', () => {
  /** The report of `dir` with and without the cache; the cached run must match the uncached one. */
  function compare(dir: string, cache: string, label: string) {
    for (const format of ['json', 'junit']) {
      const plain = licat(['validate', dir, '--format', format]);
      const cached = licat(['validate', dir, '--format', format, '--cache-dir', cache]);
      expect(cached.code, label).toBe(plain.code);
      expect(cached.stdout, `${label} (${format})`).toBe(plain.stdout);
    }
  }

  it('never serves a stale result: warm, after an edit, a rename, a deletion and a fix', () => {
    const dir = troubledCatalog();
    const cache = path.join(tempDir(), 'cache');
    compare(dir, cache, 'cold');
    // One pack per shard that holds entries (the first hex digit of each entry's sha256).
    const packs = parsePacks(cache);
    expect(packs.length).toBeGreaterThan(1);
    for (const pack of packs) expect(path.basename(pack)).toMatch(/^parsed-[0-9a-f]+-[0-9a-f]\.json$/);
    compare(dir, cache, 'warm');

    const food = path.join(dir, 'items/market/food-business.yaml');
    const original = readFileSync(food, 'utf8');
    writeFileSync(food, original.replace(/^conditions:\n/m, 'conditions:\n  - 法律、法规规定的其他条件。\n'));
    compare(dir, cache, 'edited to add a catch-all clause');
    writeFileSync(food, original.replace(/^name: .*$/m, 'name: 食品经营许可（改名）'));
    compare(dir, cache, 'edited to rename the item');

    mkdirSync(path.join(dir, 'items/moved'));
    renameSync(food, path.join(dir, 'items/moved/food.yaml'));
    compare(dir, cache, 'file moved');

    rmSync(path.join(dir, 'items/moved/food.yaml'));
    compare(dir, cache, 'file deleted');

    writeFileSync(food, original);
    compare(dir, cache, 'file restored');
  }, 300_000);

  it("keeps what the item rules found with the item's bytes, and names the file as it is now called", () => {
    const dir = copySample();
    const cache = path.join(tempDir(), 'cache');
    const food = path.join(dir, 'items/market/food-business.yaml');
    writeFileSync(food, readFileSync(food, 'utf8').replace(/^conditions:\n/m, 'conditions:\n  - 法律、法规规定的其他条件。\n'));
    // Parsed on a worker, where the item rules run with the parse (as on any catalog of 300 files or more).
    const env = { env: { LICAT_WORKERS: '1' } };
    const run = () => licat(['validate', dir, '--format', 'json', '--cache-dir', cache], env);
    const plain = licat(['validate', dir, '--format', 'json']);
    expect(run().stdout).toBe(plain.stdout);
    // The packs hold the finding with the item, under no file name.
    const entries = parsePacks(cache).flatMap((pack) => {
      const text = readSealedText(pack);
      return Object.values(
        (JSON.parse(text.slice(text.indexOf('\n') + 1)) as { entries: Record<string, { items?: { findings: Record<string, Array<{ file: string }>> } }> })
          .entries,
      );
    });
    const kept = entries.flatMap((e) => e.items?.findings['catch-all-clause'] ?? []);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.file).toBe('');
    expect(run().stdout).toBe(plain.stdout);

    mkdirSync(path.join(dir, 'items/moved'));
    renameSync(food, path.join(dir, 'items/moved/food.yaml'));
    const moved = run();
    expect(moved.stdout).toBe(licat(['validate', dir, '--format', 'json']).stdout);
    expect(moved.stdout).toContain('items/moved/food.yaml');
    expect(moved.stdout).not.toContain('food-business.yaml');
  }, 120_000);

  it('--no-cache uses and writes no cache, even with --cache-dir', () => {
    const dir = copySample();
    const cache = path.join(tempDir(), 'cache');
    const plain = licat(['validate', dir, '--format', 'json']);
    const r = licat(['validate', dir, '--format', 'json', '--cache-dir', cache, '--no-cache']);
    expect(r.stdout).toBe(plain.stdout);
    expect(existsSync(cache)).toBe(false);
  });

  it('rewrites only the packs of what changed: none for a catalog checked again, at most two for one edited file', () => {
    const dir = copySample();
    const cache = path.join(tempDir(), 'cache');
    const packs = () => new Map(parsePacks(cache).map((file) => [path.basename(file), readFileSync(file, 'latin1')]));
    const changed = (before: Map<string, string>, after: Map<string, string>) =>
      [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));
    compare(dir, cache, 'cold');
    const cold = packs();
    compare(dir, cache, 'warm');
    expect(changed(cold, packs())).toEqual([]);
    const food = path.join(dir, 'items/market/food-business.yaml');
    writeFileSync(food, readFileSync(food, 'utf8').replace(/^name: .*$/m, 'name: 食品经营许可（改名）'));
    compare(dir, cache, 'one file edited');
    const edited = changed(cold, packs());
    expect(edited.length).toBeGreaterThan(0);
    expect(edited.length).toBeLessThanOrEqual(2);
  });

  it('treats two files with the same bytes as two items', () => {
    const dir = copySample();
    const cache = path.join(tempDir(), 'cache');
    copyFileSync(path.join(dir, 'items/market/food-business.yaml'), path.join(dir, 'items/market/food-business-copy.yaml'));
    compare(dir, cache, 'cold');
    compare(dir, cache, 'warm');
  });
});

describe('a cache written by another version of licat or its schemas', () => {
  /** A copy of the installed licat (bin, lib, package.json, data, schemas, templates) to modify. */
  function install(): string {
    const dir = path.join(tempDir('licat-install-'), 'licat');
    mkdirSync(dir);
    for (const name of ['bin', 'lib', 'data', 'schemas', 'templates', 'package.json']) cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    return dir;
  }

  /** Run a copy of licat. */
  const run = (bin: string, args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  /** Rewrite every cached item name, so that output built from the cache is recognisable. */
  function poison(cache: string, root: string): string[] {
    const packs = parsePacks(cache);
    // Sealed again with the user's key, as a process of the same user could: only the code tells.
    for (const file of packs)
      editSealed(file, 'parse', [codeDigest(root)], (data: { entries: Record<string, { value: { name?: string } }> }) => {
        for (const { value } of Object.values(data.entries)) if (typeof value.name === 'string') value.name = `STALE ${value.name}`;
      });
    return packs.map((file) => path.basename(file));
  }

  it('is not used once licat or a schema changes, and the poisoned control shows it would be seen', () => {
    const copy = install();
    const bin = path.join(copy, 'bin', 'licat.cjs');
    const dir = copySample();
    const cache = path.join(tempDir(), 'cache');
    const names = (extra: string[]) => {
      const out = path.join(tempDir(), 'out');
      const r = run(bin, ['build', dir, '--only', 'feeds', '--out', out, '--quiet', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(path.join(out, 'feeds/items/440101001000.json'), 'utf8');
    };
    const clean = names(['--no-cache']);
    expect(names(['--cache-dir', cache])).toBe(clean);

    // Control: a poisoned cache of the same version is served (this is what the test would catch).
    const packs = poison(cache, copy);
    expect(names(['--cache-dir', cache])).toContain('STALE ');

    // A new version of licat: the old pack is ignored and replaced.
    const pkgFile = path.join(copy, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
    writeFileSync(pkgFile, JSON.stringify({ ...pkg, version: `${pkg.version}-next` }));
    expect(names(['--cache-dir', cache])).toBe(clean);
    for (const pack of packs) expect(readdirSync(cache)).not.toContain(pack);

    // A changed schema (same version number): ignored again.
    const packs2 = poison(cache, copy);
    const schema = path.join(copy, 'lib/schema/item.js');
    writeFileSync(schema, `${readFileSync(schema, 'utf8')}\n// a change to the item schema\n`);
    expect(names(['--cache-dir', cache])).toBe(clean);
    for (const pack of packs2) expect(readdirSync(cache)).not.toContain(pack);
  }, 300_000);
});
