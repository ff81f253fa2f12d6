import type { ItemEntry } from '../../model/catalog.js';
import type { Tier } from '../../schema/common.js';
import { FEED_VERSION, schemaRef, type FeedIndex, type HallIndexEntry, type HallIndexPage, type ItemIndexPage } from '../../schema/feeds.js';
import {
  CODE_LABELS,
  DEPARTMENT_CODES,
  FEED_INDEX,
  hallIndexPath,
  itemFeedPath,
  itemIndexPath,
  REGION_CODES,
  tierBundlePath,
  type CatalogRef,
} from './feed-paths.js';

/** One city's page of the hall index, with the city's name. */
export interface HallPage {
  city: string;
  name: string;
  halls: HallIndexEntry[];
}

/** The pages of the hall index: `entries` (in region-code order) grouped by `city`. Pure. */
export function hallIndexPages(entries: ReadonlyArray<{ city: string; entry: HallIndexEntry }>, names: ReadonlyMap<string, string>): HallPage[] {
  const pages = new Map<string, HallPage>();
  for (const { city, entry } of entries) {
    let page = pages.get(city);
    if (!page) pages.set(city, (page = { city, name: names.get(city) ?? city, halls: [] }));
    page.halls.push(entry);
  }
  return [...pages.values()].sort((a, b) => (a.city < b.city ? -1 : a.city > b.city ? 1 : 0));
}

/** `feeds/index/halls/<city>.json`. Pure. */
export function hallIndexPage(page: HallPage, baseUrl?: string): HallIndexPage {
  return { $schema: schemaRef('hallIndex', hallIndexPath(page.city), baseUrl), version: FEED_VERSION, city: page.city, halls: page.halls };
}

/** `feeds/index/items/<department>.json` for every department with items, in order. Pure. */
export function itemIndexPages(items: readonly ItemEntry[], baseUrl?: string): ItemIndexPage[] {
  const byDepartment = new Map<string, ItemIndexPage>();
  for (const { item } of items) {
    let page = byDepartment.get(item.department);
    if (!page) {
      page = { $schema: schemaRef('itemIndex', itemIndexPath(item.department), baseUrl), version: FEED_VERSION, department: item.department, items: [] };
      byDepartment.set(item.department, page);
    }
    page.items.push({
      code: item.code,
      name: item.name,
      type: item.type,
      levels: item.levels,
      acceptedAt: item.acceptedAt ?? [],
      file: itemFeedPath(item.code),
    });
  }
  return [...byDepartment.values()].sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
}

export interface RootIndexInput {
  catalog: CatalogRef;
  buildTime?: string;
  offerings: number;
  items: number;
  tiers: ReadonlyArray<{ tier: Tier; halls: number; items: number }>;
  hallPages: readonly HallPage[];
  itemPages: ReadonlyArray<{ department: string; items: number }>;
}

/** `feeds/index.json`: the catalog, the counts and every page. Pure. */
export function rootIndex(input: RootIndexInput, baseUrl?: string): FeedIndex {
  return {
    $schema: schemaRef('index', FEED_INDEX, baseUrl),
    version: FEED_VERSION,
    catalog: input.catalog,
    ...(input.buildTime !== undefined && { buildTime: input.buildTime }),
    counts: { halls: input.hallPages.reduce((n, p) => n + p.halls.length, 0), items: input.items, offerings: input.offerings },
    tiers: input.tiers.map((t) => ({ tier: t.tier, file: tierBundlePath(t.tier), halls: t.halls, items: t.items })),
    halls: input.hallPages.map((p) => ({ city: p.city, name: p.name, file: hallIndexPath(p.city), halls: p.halls.length })),
    items: input.itemPages.map((p) => ({ department: p.department, file: itemIndexPath(p.department), items: p.items })),
    codes: { labels: CODE_LABELS, departments: DEPARTMENT_CODES, regions: REGION_CODES },
  };
}
