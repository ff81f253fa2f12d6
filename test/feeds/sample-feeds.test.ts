import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitOutput } from '../../src/emit/build.js';
import { feedsEmitter } from '../../src/emit/feeds/feeds-emitter.js';
import { composeCatalog } from '../../src/model/compose-catalog.js';
import { readCatalog } from '../../src/load/read-catalog.js';
import { ROOT, SAMPLE, tempDir } from '../helpers.js';
import { errorsOf, publishedValidator } from './published-schemas.js';

// The sample catalog as composed (schema-valid files only), emitted in-process: these tests are
// about the feeds of the real region tree, not about the items others are still writing.
let out: string;
let work: string;

beforeAll(async () => {
  const read = await readCatalog(SAMPLE, ROOT);
  const { catalog } = composeCatalog('catalog', read.files);
  work = tempDir('licat-sample-feeds-');
  out = path.join(work, 'dist');
  await emitOutput(catalog, { out, emitters: [feedsEmitter], lang: 'en' }).done;
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const readJson = (rel: string) => JSON.parse(readFileSync(path.join(out, rel), 'utf8'));

describe('feeds of the sample catalog', () => {
  it('give every region of every tier a hall feed, each valid against the published schema', () => {
    const regions = readFileSync(path.join(SAMPLE, 'regions/guangdong.csv'), 'utf8').trim().split('\n').slice(1);
    const files = readdirSync(path.join(out, 'feeds/halls')).sort();
    expect(files).toHaveLength(regions.length);
    expect(files).toHaveLength(28_743);
    const validate = publishedValidator('hall-feed.schema.json');
    const invalid: string[] = [];
    for (const file of files) {
      const feed = JSON.parse(readFileSync(path.join(out, 'feeds/halls', file), 'utf8'));
      if (!validate(feed)) invalid.push(`${file}: ${errorsOf(validate)}`);
    }
    expect(invalid).toEqual([]);
  });

  it('index every hall with its tier, parent, item count and the feed’s sha256', () => {
    const index = readJson('feeds/index.json');
    expect(publishedValidator('feed-index.schema.json')(index)).toBe(true);
    expect(index.halls).toHaveLength(28_743);
    const tiers = new Map<string, number>();
    for (const h of index.halls) tiers.set(h.tier, (tiers.get(h.tier) ?? 0) + 1);
    expect(Object.fromEntries(tiers)).toEqual({ province: 1, city: 21, county: 122, town: 1757, village: 26_842 });
    const tianhe = index.halls.find((h: { region: string }) => h.region === '440106');
    expect(tianhe).toMatchObject({ tier: 'county', name: '天河区', parent: '440100', file: 'feeds/halls/440106.json' });
  });

  it('list, in a village hall’s feed, what the village accepts for bodies above it', () => {
    const feed = readJson('feeds/halls/440106001002.json'); // 茶山社区居委会, 五山街道, 天河区
    expect(feed.hall).toMatchObject({ tier: 'village', name: '茶山社区居委会', parent: '440106001' });
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expect(item.role).toBe('accepts');
      expect(['440106', '440106001']).toContain(item.body.region);
      expect(item.implementationCodes[0].code.slice(0, 18)).toBe(item.body.uscc);
    }
  });

  it('write item feeds that validate, each naming its halls', () => {
    const validate = publishedValidator('item-feed.schema.json');
    for (const file of readdirSync(path.join(out, 'feeds/items'))) {
      const feed = readJson(`feeds/items/${file}`);
      expect(validate(feed), `${file}: ${errorsOf(validate)}`).toBe(true);
      expect(`${feed.item.code}.json`).toBe(file);
    }
  });

  it('list every file in the manifest with its size and sha256', () => {
    const manifest = readJson('manifest.json');
    expect(publishedValidator('manifest.schema.json')(manifest)).toBe(true);
    expect(manifest.catalog).toEqual({ id: 'guangdong-licensing', version: expect.any(String) });
    const listed = manifest.files.map((f: { path: string }) => f.path);
    expect(listed).toContain('feeds/index.json');
    expect(listed.filter((p: string) => p.startsWith('feeds/halls/'))).toHaveLength(28_743);
    expect([...listed].sort()).toEqual(listed);
  });
});
