import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareFeeds, HALL_FEED_FACTS } from '../../src/diff/hall-feeds.js';
import { feedText } from '../../src/emit/feeds/feed-paths.js';
import { hallFeed } from '../../src/emit/feeds/hall-feed.js';
import { itemFeed } from '../../src/emit/feeds/item-feed.js';
import type { Catalog } from '../../src/model/catalog.js';
import { planExpansion } from '../../src/model/expand.js';
import { UNIFIED_DEFAULT } from '../../src/schema/catalog.js';
import { BASE, checkInline, sampleItem } from '../inline.js';

/**
 * The oracle: build every item and hall feed with the build's own code (as feeds-emitter does),
 * hash it, and compare the hashes. compareFeeds must agree with it.
 */
function feedDigests(catalog: Catalog): { items: Map<string, string>; halls: Map<string, string> } {
  const expansion = planExpansion(catalog);
  const unified = catalog.meta?.unified ?? [...UNIFIED_DEFAULT];
  const items = new Map<string, string>();
  for (const entry of expansion.items)
    items.set(
      entry.item.code,
      createHash('sha256')
        .update(feedText(itemFeed(entry, unified)))
        .digest('hex'),
    );
  const halls = new Map<string, string>();
  for (const hall of expansion.halls())
    halls.set(
      hall.region.code,
      createHash('sha256')
        .update(feedText(hallFeed(hall)))
        .digest('hex'),
    );
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
    ['an item’s promised limit', { 'items/food.yaml': FOOD.replace('value: 10, unit: working-day', 'value: 8, unit: working-day') }, 0],
    ['acceptedAt reaching villages', { 'items/food.yaml': FOOD.replace('acceptedAt: [town]', 'acceptedAt: [town, village]') }, 1],
    ['a hall’s local window', { 'halls/440106001.yaml': HALL.replace('综合受理窗口 2 号', '综合受理窗口 3 号') }, 1],
    ['a hall’s address', { 'halls/440106001.yaml': HALL.replace('五山路 1 号', '五山路 2 号') }, 1],
    ['a hall-file key the feed does not carry', { 'halls/440106001.yaml': HALL + 'internal: 仅内部使用\n' }, 0],
    ['an item not offered at a hall', { 'halls/440106001.yaml': HALL + 'notOffered:\n  - { code: "440101001000", reason: 暂不具备条件 }\n' }, 1],
    ['the deciding body’s credit code', { 'departments.yaml': BASE['departments.yaml']!.replace('114403006939513773', '114507210081153718') }, 2],
    ['a town renamed in the region table', { 'regions/test.csv': BASE['regions/test.csv']!.replace('五山街道', '五山街') }, 1],
    ['the catalog version only', { 'catalog.yaml': BASE['catalog.yaml']!.replace('version: "1"', 'version: "2"') }, 0],
    ['the unified list', { 'catalog.yaml': BASE['catalog.yaml']!.replace('result]', 'result, handling]') }, 0],
    ['an item renamed', { 'items/food.yaml': FOOD.replace('name: 食品经营许可\n', 'name: 食品经营许可（新）\n') }, 0],
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
      if (f.rel === 'items/market/food-business.yaml')
        text = text.replace('  promised: { value: 10, unit: working-day }', '  promised: { value: 9, unit: working-day }');
      if (f.rel === 'departments.yaml')
        text = text.replace(/( {4}"440103": \{ name: [^,]+, uscc: ")([0-9A-Z]{18})/, (_m, a: string) => `${a}11440103MB0000000X`);
      return { ...f, bytes: new TextEncoder().encode(text) };
    });
    const b = composeCatalog('catalog', read.files).catalog;
    const h = composeCatalog('catalog', files).catalog;
    const fast = compareFeeds(b, h).changes;
    const slow = oracle(b, h);
    expect(fast.items).toEqual(slow.items);
    expect(fast.halls.changed).toEqual(slow.halls.changed);
    // The item's own edit changes no hall feed; the body's new code changes the halls that name it.
    expect(slow.items.changed).toEqual(['440101001000']);
    expect(slow.halls.changed.length).toBeGreaterThan(1);
    expect(slow.halls.changed.every((r) => r.startsWith('440103'))).toBe(true);
  });
});

describe('what a hall feed is made of', () => {
  it('is what compareFeeds compares: update src/diff/hall-feeds.ts when this changes', () => {
    const catalog = checkInline({
      'items/food.yaml': FOOD,
      'halls/440106001.yaml': HALL + 'hours: 9-17\nphone: "020-1"\ncomplaintPhone: "12345"\nnotOffered: []\n',
    }).catalog;
    const expansion = planExpansion(catalog);
    const hall = expansion.expandHall(catalog.regionByCode.get('440106001')!);
    const feed = hallFeed(hall);
    expect(Object.keys(feed).sort()).toEqual(['$schema', 'hall', 'items', 'notOffered', 'offers', 'version']);
    // The hall: its region, and the hall-file facts compareFeeds lists in HALL_FEED_FACTS.
    expect(Object.keys(feed.hall).sort()).toEqual(['address', 'complaintPhone', 'hallName', 'hours', 'name', 'parent', 'phone', 'region', 'tier', 'windows']);
    expect(HALL_FEED_FACTS).toEqual(['name', 'address', 'hours', 'phone', 'complaintPhone', 'windows']);
    // Per offer: from the item only its code and handling items (in the implementation codes), the
    // role, the deciding region and body, the exercised tier and the local facts.
    expect(Object.keys(feed.offers[0]!).sort()).toEqual(['body', 'code', 'implementationCodes', 'role', 'window']);
  });
});
