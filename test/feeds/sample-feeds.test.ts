import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitOutput } from '../../src/emit/build.js';
import { databaseEmitter } from '../../src/emit/database/database-emitter.js';
import { feedsEmitter } from '../../src/emit/feeds/feeds-emitter.js';
import { composeCatalog } from '../../src/model/compose-catalog.js';
import { readCatalog } from '../../src/load/read-catalog.js';
import { ROOT, SAMPLE, tempDir } from '../helpers.js';
import { codedValues } from './coded-values.js';

// The sample catalog as composed (schema-valid files only), emitted in-process: these tests are
// about the feeds of the real region tree, not about the items others are still writing.
let out: string;
let work: string;

beforeAll(async () => {
  const read = await readCatalog(SAMPLE, ROOT);
  const { catalog } = composeCatalog('catalog', read.files);
  work = tempDir('licat-sample-feeds-');
  out = path.join(work, 'dist');
  await emitOutput(catalog, { out, emitters: [feedsEmitter, databaseEmitter], lang: 'en' }).done;
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const readJson = (rel: string) => JSON.parse(readFileSync(path.join(out, rel), 'utf8'));
const size = (rel: string) => statSync(path.join(out, rel)).size;
const list = (rel: string) => readdirSync(path.join(out, rel)).sort();

/** Every JSON file of the output, by path. */
function jsonFiles(): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(out, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.json')) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

describe('feeds v2 of the sample catalog', () => {
  it('validate, every JSON file, against the schemas in dist/schemas alone (offline, by the $schema each names)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const file of list('schemas')) ajv.addSchema(JSON.parse(readFileSync(path.join(out, 'schemas', file), 'utf8')) as object);
    const invalid: string[] = [];
    let checked = 0;
    for (const rel of jsonFiles()) {
      if (rel.startsWith('schemas/') || rel === 'openapi.json') continue;
      const data = readJson(rel);
      expect(data.version, rel).toBe(2);
      // The $schema is relative to the file; resolved, it is dist/schemas/<file>, whose $id is <file>.
      const schemaFile = path.posix.normalize(path.posix.join(path.posix.dirname(rel), data.$schema));
      expect(schemaFile, rel).toMatch(/^schemas\/[a-z-]+\.schema\.json$/);
      const validate = ajv.getSchema(schemaFile.slice('schemas/'.length))!;
      if (!validate(data)) invalid.push(`${rel}: ${ajv.errorsText(validate.errors)}`);
      checked++;
    }
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(28_743 + 44);
  });

  it('give every region of every tier a hall feed, and page the hall index by city', () => {
    const regions = readFileSync(path.join(SAMPLE, 'regions/guangdong.csv'), 'utf8').trim().split('\n').slice(1);
    expect(list('feeds/halls')).toHaveLength(regions.length);
    const index = readJson('feeds/index.json');
    expect(index.counts).toEqual({ halls: 28_743, items: 44, offerings: expect.any(Number) });
    expect(index.halls).toHaveLength(22); // the province's page and 21 cities
    const tiers = new Map<string, number>();
    let offerings = 0;
    for (const page of index.halls) {
      const halls = readJson(page.file).halls;
      expect(halls).toHaveLength(page.halls);
      for (const h of halls) {
        tiers.set(h.tier, (tiers.get(h.tier) ?? 0) + 1);
        offerings += h.items;
      }
    }
    expect(Object.fromEntries(tiers)).toEqual({ province: 1, city: 21, county: 122, town: 1757, village: 26_842 });
    expect(offerings).toBe(index.counts.offerings);
    const guangzhou = readJson('feeds/index/halls/440100.json');
    expect(guangzhou.halls.find((h: { region: string }) => h.region === '440106')).toMatchObject({
      tier: 'county',
      name: '天河区',
      parent: '440100',
      file: 'feeds/halls/440106.json',
    });
    const items = index.items.flatMap((p: { file: string }) => readJson(p.file).items);
    expect(items).toHaveLength(44);
  });

  it('serve any village hall’s page in 3 requests of at most 100 KB in all: hall feed, tier bundle, labels', () => {
    const village = readJson('feeds/tiers/village.json');
    const inBundle = new Set(village.items.map((i: { code: string }) => i.code));
    const fixed = size('feeds/tiers/village.json') + size('codes/labels.json');
    let largest = 0;
    for (const file of list('feeds/halls').filter((f) => f.length === 'xxxxxxxxxxxx.json'.length)) {
      const rel = `feeds/halls/${file}`;
      const feed = readJson(rel);
      expect(feed.items).toBe('feeds/tiers/village.json');
      for (const offer of feed.offers) expect(inBundle.has(offer.code), `${rel} ${offer.code}`).toBe(true);
      largest = Math.max(largest, size(rel));
    }
    expect(fixed + largest).toBeLessThanOrEqual(100 * 1024);
  });

  it('list, in a village hall’s feed, what the village accepts for bodies above it, without item elements', () => {
    const feed = readJson('feeds/halls/440106001002.json'); // 茶山社区居委会, 五山街道, 天河区
    expect(feed.hall).toMatchObject({ tier: 'village', name: '茶山社区居委会', parent: '440106001' });
    expect(feed.offers.length).toBeGreaterThan(0);
    for (const offer of feed.offers) {
      expect(offer.role).toBe('accepts');
      expect(['440106', '440106001']).toContain(offer.body.region);
      expect(offer.implementationCodes[0].code.slice(0, 18)).toBe(offer.body.uscc);
      expect(offer).not.toHaveProperty('name');
      expect(offer).not.toHaveProperty('sha256');
    }
  });

  it('write item feeds without their halls, and keep index and manifest files under 1 MB', () => {
    for (const file of list('feeds/items')) {
      const feed = readJson(`feeds/items/${file}`);
      expect(`${feed.item.code}.json`).toBe(file);
      expect(Object.keys(feed).sort()).toEqual(['$schema', 'item', 'unified', 'version']);
    }
    const big = jsonFiles().filter((rel) => (rel.startsWith('feeds/index') || rel.startsWith('manifest')) && size(rel) > 1024 * 1024);
    expect(big).toEqual([]);
  });

  it('keep dist/feeds at most half of the 131 MB of the v1 feeds', () => {
    let bytes = 0;
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const abs = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(abs);
        else bytes += statSync(abs).size;
      }
    };
    walk(path.join(out, 'feeds'));
    expect(bytes).toBeLessThanOrEqual(131e6 / 2);
  });

  it('resolve every coded value of every feed in dist/codes', () => {
    const lists = readJson('codes/labels.json').lists as Record<string, Array<{ code: string; zh: string; en: string }>>;
    const known = new Map(Object.entries(lists).map(([name, labels]) => [name, new Set(labels.map((l) => l.code))]));
    for (const labels of Object.values(lists)) for (const l of labels) expect(l.zh && l.en, JSON.stringify(l)).toBeTruthy();
    const regions = new Set<string>();
    const addRegions = (nodes: Array<{ code: string; children?: unknown[] }>) => {
      for (const n of nodes) {
        regions.add(n.code);
        addRegions((n.children ?? []) as Array<{ code: string }>);
      }
    };
    const root = readJson('codes/regions.json');
    addRegions(root.regions);
    for (const page of root.pages) addRegions(readJson(page.file).regions);
    known.set('region', regions);
    const bodies = new Set<string>();
    for (const kind of readJson('codes/departments.json').kinds) for (const b of kind.bodies) bodies.add(`${b.region} ${b.uscc}`);
    known.set('body', bodies);
    const missing = new Set<string>();
    let values = 0;
    for (const rel of jsonFiles()) {
      if (!rel.startsWith('feeds/')) continue;
      for (const [list, value] of codedValues(readJson(rel))) {
        values++;
        if (!known.get(list)?.has(value)) missing.add(`${list} ${value} (${rel})`);
      }
    }
    expect([...missing].slice(0, 20)).toEqual([]);
    expect(values).toBeGreaterThan(157_000);
  });

  it('list every file in the paged manifest with its size and sha256', () => {
    const manifest = readJson('manifest.json');
    expect(manifest.catalog).toEqual({ id: 'guangdong-licensing', version: expect.any(String) });
    const listed: string[] = manifest.files.map((f: { path: string }) => f.path);
    for (const page of manifest.pages) {
      expect(size(page.path)).toBe(page.size);
      const files = readJson(page.path).files;
      expect(files).toHaveLength(page.files);
      listed.push(...files.map((f: { path: string }) => f.path));
    }
    expect(listed.length).toBe(manifest.count);
    expect(listed).toContain('feeds/index.json');
    expect(listed).toContain('catalog.sqlite');
    expect(listed.filter((p) => p.startsWith('feeds/halls/'))).toHaveLength(28_743);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('write a first changes.json with every item, hall and offering added', () => {
    const changes = readJson('changes.json');
    expect(changes.from).toBeNull();
    const kinds = new Map<string, number>();
    for (const r of changes.records) {
      expect(r.operation).toBe('add');
      kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    }
    expect(Object.fromEntries(kinds)).toEqual({ item: 44, hall: 28_743, offering: readJson('feeds/index.json').counts.offerings });
  });
});

/** Run SQL against the database with the sqlite3 command-line shell (an independent client). */
function sql(query: string): string[][] {
  const text = execFileSync('sqlite3', ['-readonly', '-separator', '\t', path.join(out, 'catalog.sqlite'), query], { encoding: 'utf8' });
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

describe('catalog.sqlite of the sample, read with the sqlite3 shell', () => {
  it('finds items by full-text search over names, conditions and materials (trigram, Chinese)', () => {
    const byName = sql("SELECT code FROM search WHERE search MATCH '食品经营' ORDER BY code");
    expect(byName.map((r) => r[0])).toContain('440101001000');
    const byMaterial = sql("SELECT s.code FROM search s WHERE s.materials MATCH '营业执照' ORDER BY s.code");
    expect(byMaterial.length).toBeGreaterThan(0);
    const byCondition = sql("SELECT code FROM search WHERE conditions MATCH '公共场所卫生' ORDER BY code");
    expect(byCondition.map((r) => r[0])).toContain('440101006000');
  });

  it('lists the items of a hall, with role and deciding body, as the hall feed does', () => {
    const feed = readJson('feeds/halls/440106001001.json');
    const rows = sql(
      "SELECT o.item_code, o.role, o.body_uscc, i.name FROM offerings o JOIN items i ON i.code = o.item_code WHERE o.region = '440106001001' ORDER BY o.item_code",
    );
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual(
      feed.offers.map((o: { code: string; role: string; body: { uscc: string } }) => [o.code, o.role, o.body.uscc]),
    );
    expect(rows.every((r) => r[3]!.length > 0)).toBe(true);
  });

  it('lists the items of a department, and counts halls and offerings as the index does', () => {
    const market = sql("SELECT code FROM items WHERE department = 'market' ORDER BY code").map((r) => r[0]);
    expect(market).toEqual(readJson('feeds/index/items/market.json').items.map((i: { code: string }) => i.code));
    const [[halls, offerings]] = sql('SELECT (SELECT count(*) FROM halls), (SELECT count(*) FROM offerings)') as [[string, string]];
    expect(Number(halls)).toBe(28_743);
    expect(Number(offerings)).toBe(readJson('feeds/index.json').counts.offerings);
    const labels = sql("SELECT c.zh, c.en FROM items i JOIN codes c ON c.list = 'itemType' AND c.code = i.type WHERE i.code = '440101001000'");
    expect(labels).toEqual([['行政许可', 'Administrative licensing']]);
    const materials = sql("SELECT count(*) FROM materials WHERE item_code = '440101001000'");
    expect(Number(materials[0]![0])).toBe(readJson('feeds/items/440101001000.json').item.materials.length);
  });
});
