import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareFeeds, HALL_FEED_FACTS } from '../../src/diff/hall-feeds.js';
import { feedText, itemFeedPath, type CatalogRef, type FileRef } from '../../src/emit/feeds/feed-paths.js';
import { hallFeed } from '../../src/emit/feeds/hall-feed.js';
import { itemFeed, type ItemHalls } from '../../src/emit/feeds/item-feed.js';
import type { Catalog, ItemEntry } from '../../src/model/catalog.js';
import { planExpansion } from '../../src/model/expand.js';
import { UNIFIED_DEFAULT } from '../../src/schema/catalog.js';
import { BASE, checkInline, sampleItem } from '../inline.js';

/**
 * The oracle: build every feed with the build's own code (as feeds-emitter does, without the
 * catalog id and version stamp), hash it, and compare the hashes. compareFeeds must agree with it.
 */
const NEUTRAL: CatalogRef = { id: '', version: '' };

function feedDigests(catalog: Catalog): { items: Map<string, string>; halls: Map<string, string> } {
  const expansion = planExpansion(catalog);
  const unified = catalog.meta?.unified ?? [...UNIFIED_DEFAULT];
  const hallsOf = new Map<ItemEntry, ItemHalls>(expansion.items.map((e) => [e, { decides: [], accepts: [] }]));
  for (const hall of expansion.halls()) for (const offer of hall.offers) hallsOf.get(offer.entry)![offer.role].push(hall.region.code);
  const itemFeeds = new Map<string, FileRef>();
  const items = new Map<string, string>();
  for (const entry of expansion.items) {
    const sha256 = createHash('sha256').update(feedText(itemFeed(NEUTRAL, unified, entry, hallsOf.get(entry)!))).digest('hex');
    itemFeeds.set(entry.item.code, { path: itemFeedPath(entry.item.code), sha256 });
    items.set(entry.item.code, sha256);
  }
  const halls = new Map<string, string>();
  for (const hall of expansion.halls()) halls.set(hall.region.code, createHash('sha256').update(feedText(hallFeed(NEUTRAL, hall, itemFeeds))).digest('hex'));
  return { items, halls };
}

function oracle(base: Catalog, head: Catalog) {
  const b = feedDigests(base);
  const h = feedDigests(head);
  const split = (x: Map<string, string>, y: Map<string, string>) => ({
    added: [...y.keys()].filter((k) => !x.has(k)).sort(),
    removed: [...x.keys()].filter((k) => !y.has(k)).sort(),
    changed: [...y.keys()].filter((k) => x.has(k) && x.get(k) !== y.get(k)).sort(),
  });
  return { items: split(b.items, h.items), halls: split(b.halls, h.halls) };
}

type Files = Record<string, string | null>;

function agree(base: Files, head: Files) {
  const b = checkInline(base).catalog;
  const h = checkInline(head).catalog;
  const fast = compareFeeds(b, h).changes;
  const slow = oracle(b, h);
  expect({ items: fast.items, halls: { added: fast.halls.added, removed: fast.halls.removed, changed: fast.halls.changed } }).toEqual(slow);
  return slow;
}

const FOOD = sampleItem();
const HALL = [
  'region: "440106001"',
  'name: 五山街道政务服务中心',
  'address: 五山路 1 号',
  'windows: [综合受理窗口 1-4 号]',
  'items:',
  '  "440101001000": { window: 综合受理窗口 2 号 }',
  '',
].join('\n');
const start: Files = { 'items/food.yaml': FOOD, 'halls/440106001.yaml': HALL };

describe('compareFeeds agrees with the feeds the build writes', () => {
  const cases: Array<[string, Files, number]> = [
    ['an item’s promised limit', { 'items/food.yaml': FOOD.replace('value: 10, unit: working-day', 'value: 8, unit: working-day') }, 2],
    ['acceptedAt reaching villages', { 'items/food.yaml': FOOD.replace('acceptedAt: [town]', 'acceptedAt: [town, village]') }, 3],
    ['a hall’s local window', { 'halls/440106001.yaml': HALL.replace('综合受理窗口 2 号', '综合受理窗口 3 号') }, 1],
    ['a hall’s address', { 'halls/440106001.yaml': HALL.replace('五山路 1 号', '五山路 2 号') }, 1],
    ['a hall-file key the feed does not carry', { 'halls/440106001.yaml': HALL + 'internal: 仅内部使用\n' }, 0],
    ['an item not offered at a hall', { 'halls/440106001.yaml': HALL + 'notOffered:\n  - { code: "440101001000", reason: 暂不具备条件 }\n' }, 2],
    ['the deciding body’s credit code', { 'departments.yaml': BASE['departments.yaml']!.replace('114403006939513773', '114507210081153718') }, 2],
    ['a town renamed in the region table', { 'regions/test.csv': BASE['regions/test.csv']!.replace('五山街道', '五山街') }, 1],
    ['the catalog version only', { 'catalog.yaml': BASE['catalog.yaml']!.replace('version: "1"', 'version: "2"') }, 0],
    ['the unified list', { 'catalog.yaml': BASE['catalog.yaml']!.replace('result]', 'result, handling]') }, 2],
    ['an item renamed', { 'items/food.yaml': FOOD.replace('name: 食品经营许可\n', 'name: 食品经营许可（新）\n') }, 2],
    ['a new village', { 'regions/test.csv': BASE['regions/test.csv'] + '440106001002,新村社区居委会,village,440106001\n' }, 0],
    ['the village tier dropped', { 'catalog.yaml': BASE['catalog.yaml']!.replace('town, village]', 'town]') }, 0],
  ];
  for (const [what, edit, changedHalls] of cases) {
    it(`on ${what}`, () => {
      const result = agree(start, { ...start, ...edit });
      expect(result.halls.changed.length).toBe(changedHalls);
    });
  }

  it('on the sample catalog, for a change to an item and to a department’s bodies', async () => {
    const { readCatalog } = await import('../../src/load/read-catalog.js');
    const { composeCatalog } = await import('../../src/model/compose-catalog.js');
    const read = await readCatalog('catalog');
    const files = read.files.map((f) => {
      let text = new TextDecoder().decode(f.bytes);
      if (f.rel === 'items/market/food-business.yaml') text = text.replace('  promised: { value: 10, unit: working-day }', '  promised: { value: 9, unit: working-day }');
      if (f.rel === 'departments.yaml') text = text.replace(/( {4}"440103": \{ name: [^,]+, uscc: ")([0-9A-Z]{18})/, (_m, a: string) => `${a}11440103MB0000000X`);
      return { ...f, bytes: new TextEncoder().encode(text) };
    });
    const b = composeCatalog('catalog', read.files).catalog;
    const h = composeCatalog('catalog', files).catalog;
    const fast = compareFeeds(b, h).changes;
    const slow = oracle(b, h);
    expect(fast.items).toEqual(slow.items);
    expect(fast.halls.changed).toEqual(slow.halls.changed);
    expect(slow.halls.changed.length).toBeGreaterThan(1000);
  });
});

describe('what a hall feed is made of', () => {
  it('is what compareFeeds compares: update src/diff/hall-feeds.ts when this changes', () => {
    const catalog = checkInline({ 'items/food.yaml': FOOD, 'halls/440106001.yaml': HALL + 'hours: 9-17\nphone: "020-1"\ncomplaintPhone: "12345"\nnotOffered: []\n' }).catalog;
    const expansion = planExpansion(catalog);
    const hall = expansion.expandHall(catalog.regionByCode.get('440106001')!);
    const feed = hallFeed(NEUTRAL, hall, new Map([['440101001000', { path: 'x', sha256: 'y' }]]));
    expect(Object.keys(feed).sort()).toEqual(['$schema', 'catalog', 'hall', 'items', 'notOffered', 'version']);
    // The hall: its region, and the hall-file facts compareFeeds lists in HALL_FEED_FACTS.
    expect(Object.keys(feed.hall).sort()).toEqual(['address', 'complaintPhone', 'hallName', 'hours', 'name', 'parent', 'phone', 'region', 'tier', 'windows']);
    expect(HALL_FEED_FACTS).toEqual(['name', 'address', 'hours', 'phone', 'complaintPhone', 'windows']);
    // Per offer: from the item (code, name, type, department, handling items), the role, the deciding
    // region and body, the exercised tier, the local facts and the item feed.
    expect(Object.keys(feed.items[0]!).sort()).toEqual(['body', 'code', 'department', 'feed', 'implementationCodes', 'name', 'role', 'sha256', 'type', 'window']);
  });
});
