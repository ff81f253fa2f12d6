import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTexts, verifyAgainstManifest, writeRegionCatalog } from '../build/catalogs.js';
import { licat, tempDir } from '../helpers.js';

/** Every file of an output with its inode: a file rewritten (or new) gets another. */
function inodes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const rel of fileTexts(dir).keys()) out.set(rel, statSync(path.join(dir, rel)).ino);
  return out;
}

describe('a rebuild after editing an item offered at every village', () => {
  it('rewrites at most 10 files (no hall feed), and gives the output a fresh build gives', () => {
    const catalog = writeRegionCatalog();
    const food = path.join(catalog, 'items/market/food-business.yaml');
    writeFileSync(food, readFileSync(food, 'utf8').replace('acceptedAt: [town]', 'acceptedAt: [town, village]'));
    const out = path.join(tempDir('licat-rewrites-'), 'dist');
    const build = (dir: string, extra: string[] = []) => {
      const r = licat(['build', catalog, '--only', 'feeds,database', '--out', dir, '--quiet', ...extra]);
      expect(r.code, r.stderr).toBe(0);
    };
    build(out);
    build(out); // the second build leaves a spare that the third recycles
    const before = inodes(out);
    expect([...before.keys()].filter((f) => f.startsWith('feeds/halls/'))).toHaveLength(28_743);

    writeFileSync(food, readFileSync(food, 'utf8').replace(/^conditions:\n {2}- (.*)$/m, 'conditions:\n  - $1另须无不良记录。'));
    build(out);
    const after = inodes(out);
    const rewritten = [...after]
      .filter(([rel, ino]) => before.get(rel) !== ino)
      .map(([rel]) => rel)
      .sort();
    expect(rewritten).toEqual(
      expect.arrayContaining(['feeds/items/440101001000.json', 'feeds/tiers/village.json', 'changes.json', 'manifest.json', 'catalog.sqlite']),
    );
    expect(rewritten.filter((f) => f.startsWith('feeds/halls/'))).toEqual([]);
    expect(rewritten.length).toBeLessThanOrEqual(10);
    expect(JSON.parse(readFileSync(path.join(out, 'changes.json'), 'utf8')).records).toEqual([{ kind: 'item', key: '440101001000', operation: 'update' }]);
    expect(verifyAgainstManifest(out)).toEqual([]);

    const fresh = path.join(tempDir('licat-rewrites-'), 'dist');
    build(fresh, ['--no-cache']);
    const a = fileTexts(out);
    const b = fileTexts(fresh);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [rel, text] of b) if (rel !== 'changes.json' && !rel.startsWith('manifest')) expect(a.get(rel) === text, rel).toBe(true);
  }, 600_000);
});
