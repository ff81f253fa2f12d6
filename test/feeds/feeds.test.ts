import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { feedsEmitter } from '../../src/emit/feeds/feeds-emitter.js';
import { InvalidFeedError, loadFeedValidator, type FeedKind } from '../../src/emit/feeds/feed-validator.js';
import { FEED_SCHEMA_FILES } from '../../src/schema/feeds.js';
import { checkInline } from '../inline.js';
import { FIXTURE } from './fixture.js';
import { memoryContext } from '../memory-sink.js';
import { errorsOf, publishedValidator } from './published-schemas.js';
import { ROOT, tempDir } from '../helpers.js';

async function emitFixture(options: Record<string, unknown> = {}) {
  const { catalog } = checkInline(FIXTURE);
  const { out, context } = memoryContext(options);
  await feedsEmitter.emit(catalog, context);
  return out;
}

describe('feeds emitter', () => {
  it('writes one feed per hall of every tier, one per item, and the index', async () => {
    const sink = await emitFixture();
    const paths = sink.names();
    expect(paths.filter((p) => p.startsWith('feeds/halls/'))).toHaveLength(10);
    expect(paths.filter((p) => p.startsWith('feeds/items/'))).toEqual([
      'feeds/items/440101001000.json',
      'feeds/items/440101005000.json',
      'feeds/items/440102010000.json',
    ]);
    const index = sink.json('feeds/index.json');
    expect(index.halls.map((p: { city: string; file: string }) => [p.city, p.file])).toEqual([
      ['440000', 'feeds/index/halls/440000.json'],
      ['440100', 'feeds/index/halls/440100.json'],
      ['441900', 'feeds/index/halls/441900.json'],
    ]);
    const halls = index.halls.flatMap((p: { file: string }) => sink.json(p.file).halls);
    expect(halls.map((h: { region: string }) => h.region)).toEqual([
      '440000',
      '440100',
      '440106',
      '440106001',
      '440106001001',
      '440106002',
      '440106002008',
      '441900',
      '441900003',
      '441900003001',
    ]);
    const town = halls.find((h: { region: string }) => h.region === '440106001');
    expect(town).toEqual({ region: '440106001', tier: 'town', name: '五山街道', parent: '440106', items: 2, file: 'feeds/halls/440106001.json' });
    expect(index.counts).toEqual({ halls: 10, items: 3, offerings: halls.reduce((n: number, h: { items: number }) => n + h.items, 0) });
    expect(index.tiers.map((t: { tier: string; items: number }) => [t.tier, t.items])).toEqual([
      ['province', 1],
      ['city', 2],
      ['county', 1],
      ['town', 2],
      ['village', 1],
    ]);
  });

  it('names, in a village hall’s feed, the body above it accepts for and the implementation codes', async () => {
    const sink = await emitFixture();
    const village = sink.json('feeds/halls/440106001001.json');
    expect(village.hall).toEqual({ region: '440106001001', tier: 'village', name: '岳洲社区居委会', parent: '440106001' });
    expect(village.items).toBe('feeds/tiers/village.json');
    expect(village.offers).toHaveLength(1);
    const [item] = village.offers;
    expect(item).toMatchObject({
      code: '440102010000',
      role: 'accepts',
      body: { region: '440106001', tier: 'town', name: '广州市天河区五山街道办事处', uscc: '114401063MAJW3QH3E' },
    });
    // The item's elements are in the tier bundle the hall feed names.
    expect(sink.json('feeds/tiers/village.json').items.map((i: { code: string; name: string }) => [i.code, i.name])).toEqual([
      ['440102010000', '农村村民宅基地审批'],
    ]);
    expect(item.implementationCodes.map((c: { code: string }) => c.code)).toEqual(['114401063MAJW3QH3E544010201000001', '114401063MAJW3QH3E544010201000002']);
    // No element of the item in the hall feed: editing an item rewrites no hall feed.
    for (const key of ['name', 'type', 'department', 'sha256', 'legalBasis', 'conditions', 'materials', 'process', 'timeLimit', 'fees', 'result'])
      expect(item).not.toHaveProperty(key);
  });

  it('carries local facts and the shorter local commitment into the hall feed', async () => {
    const sink = await emitFixture();
    const county = sink.json('feeds/halls/440106.json');
    expect(county.hall).toMatchObject({ hallName: '广州市天河区政务服务中心', address: '广州市天河区天府路1号', phone: '020-12345' });
    expect(county.offers[0]).toMatchObject({ role: 'decides', window: '市场监管专窗', localPromised: { value: 5, unit: 'working-day' } });
    expect(county.offers[0].implementationCodes).toEqual([{ code: '11440106PGK86L058G4440101001000' }]);
  });

  it('lists items not offered at a hall with the reason, and marks Dongguan’s county-level power', async () => {
    const sink = await emitFixture();
    const yuancun = sink.json('feeds/halls/440106002.json');
    expect(yuancun.offers).toEqual([]);
    expect(yuancun.notOffered).toEqual([{ code: '440101001000', reason: '本街道暂未设市场监管受理窗口，请到天河区政务服务中心办理。' }]);
    const dongguan = sink.json('feeds/halls/441900.json');
    expect(dongguan.offers[0]).toMatchObject({ code: '440101001000', role: 'decides', exercises: 'county', body: { region: '441900', tier: 'city' } });
  });

  it('writes every unified element once, in the item feed, without the halls offering it', async () => {
    const sink = await emitFixture();
    const food = sink.json('feeds/items/440101001000.json');
    expect(food.item.timeLimit.promised).toEqual({ value: 10, unit: 'working-day' });
    expect(food.unified).toEqual(['code', 'name', 'type', 'legalBasis', 'conditions', 'materials', 'process', 'timeLimit', 'fees', 'result']);
    expect(Object.keys(food).sort()).toEqual(['$schema', 'item', 'unified', 'version']);
  });

  it('produces feeds that validate against the published schemas', async () => {
    const sink = await emitFixture({ buildTime: '2026-11-01T00:00:00.000Z' });
    let checked = 0;
    for (const path of sink.names()) {
      if (!path.endsWith('.json') || path.startsWith('schemas/') || path === 'openapi.json') continue;
      const data = JSON.parse(sink.text(path));
      const file = /schemas\/([a-z-]+\.schema\.json)$/.exec(data.$schema)![1]!;
      expect(data.version).toBe(2);
      const validate = publishedValidator(file);
      expect(validate(data), `${path}: ${errorsOf(validate)}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(sink.json('feeds/index.json').buildTime).toBe('2026-11-01T00:00:00.000Z');
  });

  it('puts no timestamp anywhere unless one is given', async () => {
    const sink = await emitFixture();
    for (const path of sink.names()) expect(sink.text(path)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });

  it('fails before writing a feed that does not match its schema', async () => {
    const { catalog } = checkInline(FIXTURE);
    // A body whose credit code is cut short can only come from a bug; the schema catches it.
    catalog.departments!.bodies['market']!['440106']!.uscc = 'BROKEN';
    const { out: sink, context } = memoryContext();
    const error = await feedsEmitter.emit(catalog, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFeedError);
    expect((error as InvalidFeedError).file).toBe('feeds/halls/440106.json');
    expect(sink.files.has('feeds/halls/440106.json')).toBe(false);
  });

  it('rejects a feed missing a required member', async () => {
    const validator = await loadFeedValidator();
    expect(() => validator.check('index', 'feeds/index.json', { version: 2 })).toThrow(InvalidFeedError);
  });

  it("knows that a tier bundle's items have an item feed's item schema, and no other (a build then checks each item once)", async () => {
    expect((await loadFeedValidator()).itemsShared).toBe(true);
    // Published schemas whose bundle items differ from the item feed's item: not shared.
    const dir = tempDir();
    for (const file of Object.values(FEED_SCHEMA_FILES)) writeFileSync(path.join(dir, file), readFileSync(path.join(ROOT, 'schemas', file)));
    const tierFile = path.join(dir, FEED_SCHEMA_FILES.tier);
    const tier = JSON.parse(readFileSync(tierFile, 'utf8')) as { properties: { items: { items: { minProperties?: number } } } };
    tier.properties.items.items.minProperties = 1;
    writeFileSync(tierFile, JSON.stringify(tier));
    expect((await loadFeedValidator(dir)).itemsShared).toBe(false);
  });
});

describe('feed validators compiled ahead of time', () => {
  /** The built install's validator module (npm test builds lib/ first). */
  const built = () =>
    import(pathToFileURL(path.join(ROOT, 'lib', 'emit', 'feeds', 'feed-validator.js')).href) as Promise<
      typeof import('../../src/emit/feeds/feed-validator.js')
    >;

  /** Every feed of the fixture, and broken copies of them: a member dropped, retyped, added. */
  async function feedsToJudge() {
    const sink = await emitFixture();
    const cases: { kind: FeedKind; name: string; data: unknown }[] = [];
    const kinds = new Map<string, FeedKind>(Object.entries(FEED_SCHEMA_FILES).map(([kind, file]): [string, FeedKind] => [file, kind as FeedKind]));
    for (const file of sink.names()) {
      if (!file.startsWith('feeds/') && !file.startsWith('codes/') && file !== 'changes.json') continue;
      const kind = kinds.get(/([a-z-]+\.schema\.json)$/.exec(sink.json(file).$schema)![1]!)!;
      const data = sink.json(file) as Record<string, unknown>;
      cases.push({ kind, name: file, data });
      for (const key of Object.keys(data)) {
        const { [key]: _dropped, ...rest } = data;
        cases.push({ kind, name: `${file} without ${key}`, data: rest });
        cases.push({ kind, name: `${file} with ${key} a number`, data: { ...data, [key]: 7 } });
      }
      cases.push({ kind, name: `${file} with an unknown member`, data: { ...data, extra: true } });
    }
    return cases;
  }

  it('are what a built install uses, and judge every feed as compiling the published schemas does', async () => {
    const precompiled = await (await built()).loadFeedValidator();
    expect(precompiled.origin).toBe('precompiled');
    const compiled = await loadFeedValidator();
    expect(compiled.origin).toBe('compiled');
    const verdict = (v: typeof compiled, c: { kind: FeedKind; name: string; data: unknown }) => {
      try {
        v.check(c.kind, c.name, c.data);
        return 'valid';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const cases = await feedsToJudge();
    const files = new Set(cases.map((c) => c.name.split(' ')[0]));
    // Each file valid as written; of its broken copies, only those of optional members pass.
    expect(cases.filter((c) => verdict(compiled, c) === 'valid' && !c.name.includes(' ')).length).toBe(files.size);
    expect(files.size).toBeGreaterThan(20);
    for (const c of cases) expect(verdict(precompiled, c), c.name).toBe(verdict(compiled, c));
  });

  it('are not used for schemas other than the ones they were made from', async () => {
    const dir = tempDir();
    cpSync(path.join(ROOT, 'schemas'), dir, { recursive: true });
    const file = path.join(dir, 'feed-index.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { required: string[]; properties: Record<string, unknown> };
    schema.properties['publisher'] = { type: 'string' };
    schema.required.push('publisher');
    writeFileSync(file, JSON.stringify(schema));
    const validator = await (await built()).loadFeedValidator(dir);
    expect(validator.origin).toBe('compiled');
    const sink = await emitFixture();
    expect(() => validator.check('index', 'feeds/index.json', sink.json('feeds/index.json'))).toThrow(/publisher/);
  });
});
