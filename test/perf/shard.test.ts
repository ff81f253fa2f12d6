import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTexts as tree, writeSmallCatalog } from '../build/catalogs.js';
import { licat, tempDir } from '../helpers.js';

function build(catalog: string, extra: string[]): string {
  const out = path.join(tempDir('licat-shard-'), 'out');
  const r = licat(['build', catalog, '--only', 'feeds', '--out', out, '--quiet', '--no-cache', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

describe('licat build --shard i/n and licat merge', () => {
  for (const [count, time] of [
    [1, undefined],
    [2, '2026-01-01T00:00:00Z'],
    [3, undefined],
  ] as const) {
    it(`${count} shard${count > 1 ? 's' : ''}${time ? ' with a build time' : ''} merge into exactly the single build`, () => {
      const catalog = writeSmallCatalog();
      const times = time ? ['--build-time', time] : [];
      const single = tree(build(catalog, times));
      const shards = Array.from({ length: count }, (_, i) => build(catalog, ['--shard', `${i + 1}/${count}`, ...times]));

      // Each shard holds a disjoint part of the feeds, and together they hold them all.
      const parts = shards.map((dir) => [...tree(dir).keys()].filter((f) => f.startsWith('feeds/')));
      const all = parts.flat();
      expect(new Set(all).size).toBe(all.length);
      // licat merge writes the hall index and the root index (they need every shard's halls).
      expect(all.sort()).toEqual(
        [...single.keys()].filter((f) => f.startsWith('feeds/') && f !== 'feeds/index.json' && !f.startsWith('feeds/index/halls/')).sort(),
      );
      if (count > 1) for (const part of parts) expect(part.some((f) => f.startsWith('feeds/halls/'))).toBe(true);

      const merged = path.join(tempDir('licat-merged-'), 'dist');
      const r = licat(['merge', ...shards.reverse(), '--out', merged, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      const joined = tree(merged);
      expect([...joined.keys()]).toEqual([...single.keys()]);
      for (const [file, text] of single) expect(joined.get(file), file).toBe(text);
    }, 120_000);
  }

  it('refuses shards that do not fit together, naming the problem, and leaves the output alone (exit 2)', () => {
    const catalog = writeSmallCatalog();
    const one = build(catalog, ['--shard', '1/2']);
    const two = build(catalog, ['--shard', '2/2']);
    const out = path.join(tempDir('licat-merged-'), 'dist');
    const merge = (...dirs: string[]) => licat(['merge', ...dirs, '--out', out, '--quiet'], { env: { LICAT_LANG: 'en' } });

    expect(merge(one)).toMatchObject({ code: 2, stderr: 'licat: shard 2/2 is missing\n' });
    expect(merge(one, one).stderr).toContain('are the same shard (1/2)');
    expect(merge(one, two, build(catalog, ['--shard', '1/3'])).stderr).toContain('is a shard of 3, the others of 2');
    expect(merge(one, build(catalog, ['--shard', '2/2', '--build-time', '2026-01-01T00:00:00Z'])).stderr).toContain('another build time');

    const food = path.join(catalog, 'items/food-business.yaml');
    writeFileSync(food, readFileSync(food, 'utf8').replace('name: 食品经营许可', 'name: 食品经营许可（新）'));
    expect(merge(one, build(catalog, ['--shard', '2/2'])).stderr).toContain('are not shards of one build');

    const damaged = path.join(two, 'feeds/halls', readdirSync(path.join(two, 'feeds/halls'))[0]!);
    writeFileSync(damaged, readFileSync(damaged, 'utf8').replace('"version":2', '"version":2 '));
    expect(merge(one, two).stderr).toMatch(/is not what its manifest says \(sha256\): the shard output is incomplete or damaged/);
    expect(merge(one, path.dirname(out)).stderr).toContain('is not an output folder of licat build --shard');
    expect(() => readdirSync(out)).toThrow();
  }, 120_000);

  it('takes --shard only with --only feeds and as i/n (exit 2)', () => {
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir('licat-shard-'), 'out');
    const en = { env: { LICAT_LANG: 'en' } };
    expect(licat(['build', catalog, '--out', out, '--shard', '1/2'], en)).toMatchObject({ code: 2 });
    expect(licat(['build', catalog, '--out', out, '--shard', '1/2'], en).stderr).toContain('--shard splits the feeds only; use it with --only feeds');
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) {
      const r = licat(['build', catalog, '--only', 'feeds', '--out', out, '--shard', bad], en);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toContain('--shard takes i/n');
    }
  }, 120_000);
});
