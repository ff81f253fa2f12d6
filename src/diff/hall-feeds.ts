import type { Catalog, ItemEntry, Region } from '../model/catalog.js';
import { planExpansion, type ExpandedHall, type Expansion } from '../model/expand.js';
import { UNIFIED_DEFAULT } from '../schema/catalog.js';
import { TIERS, type Tier } from '../schema/common.js';
import { sameData } from './canonical.js';
import type { FeedChanges } from './diff-result.js';

/** Region codes of the halls offering one item, by role. */
interface ItemHalls {
  decides: string[];
  accepts: string[];
}

export interface FeedComparison {
  changes: FeedChanges;
  /** Per item code, how many halls offer it on each side. */
  offeredAt: Map<string, { base: number; head: number }>;
  /** Number of halls on each side. */
  halls: { base: number; head: number };
}

/** The hall-file facts a hall feed repeats (src/emit/feeds/hall-feed.ts). */
export const HALL_FEED_FACTS = ['name', 'address', 'hours', 'phone', 'complaintPhone', 'windows'] as const;

/**
 * Which feeds `licat build` would write with different content, found by walking both catalogs'
 * hall expansions (src/model/expand.ts, the build's own) side by side and comparing what each
 * feed is made of, without building the feeds:
 * - an item feed (src/emit/feeds/item-feed.ts) holds the catalog's unified list and the item;
 * - a hall feed (src/emit/feeds/hall-feed.ts) holds the hall's region and hall-file facts, per
 *   offered item its code, role, deciding region and body, exercised tier, implementation codes
 *   (which follow from the body and the item's handling items) and local facts, and the items not
 *   offered with their reasons. No element of the item itself: editing an item changes its item
 *   feed only (and the tier bundles holding it, which are not counted here).
 * Feeds carry no catalog id or version. test/diff/feeds-oracle.test.ts checks this against the
 * real feed builders.
 * Pure.
 */
export function compareFeeds(base: Catalog, head: Catalog): FeedComparison {
  const b = planExpansion(base);
  const h = planExpansion(head);
  const bHalls = hallsOfItems(b);
  const hHalls = hallsOfItems(h);
  const unifiedSame = sameData(base.meta?.unified ?? [...UNIFIED_DEFAULT], head.meta?.unified ?? [...UNIFIED_DEFAULT]);

  const changes: FeedChanges = {
    items: { added: [], removed: [], changed: [] },
    halls: { added: [], removed: [], changed: [], unchanged: 0 },
    hallsByTier: {},
  };
  const offeredAt = new Map<string, { base: number; head: number }>();
  for (const code of [...new Set([...bHalls.keys(), ...hHalls.keys()])].sort()) {
    const x = bHalls.get(code);
    const y = hHalls.get(code);
    offeredAt.set(code, { base: x ? x.halls.decides.length + x.halls.accepts.length : 0, head: y ? y.halls.decides.length + y.halls.accepts.length : 0 });
    if (!x) changes.items.added.push(code);
    else if (!y) changes.items.removed.push(code);
    else if (!unifiedSame || !sameData(x.entry.item, y.entry.item)) changes.items.changed.push(code);
  }

  const tally = (tier: Tier, key: 'added' | 'removed' | 'changed' | 'total') => {
    const entry = (changes.hallsByTier[tier] ??= { added: 0, removed: 0, changed: 0, total: 0 });
    entry[key]++;
  };
  const bList = b.tree.halls;
  const hList = h.tree.halls;
  let i = 0;
  let j = 0;
  while (i < bList.length || j < hList.length) {
    const x = bList[i];
    const y = hList[j];
    if (y && (!x || y.code < x.code)) {
      changes.halls.added.push(y.code);
      tally(y.tier, 'added');
      tally(y.tier, 'total');
      j++;
    } else if (x && (!y || x.code < y.code)) {
      changes.halls.removed.push(x.code);
      tally(x.tier, 'removed');
      i++;
    } else if (x && y) {
      tally(y.tier, 'total');
      if (sameHallFeed(b.expandHall(x), h.expandHall(y))) changes.halls.unchanged++;
      else {
        changes.halls.changed.push(y.code);
        tally(y.tier, 'changed');
      }
      i++;
      j++;
    }
  }
  const ordered: FeedChanges['hallsByTier'] = {};
  for (const tier of TIERS) if (changes.hallsByTier[tier]) ordered[tier] = changes.hallsByTier[tier];
  changes.hallsByTier = ordered;
  return { changes, offeredAt, halls: { base: bList.length, head: hList.length } };
}

/** Per item code, its entry and the halls that decide or accept it (the last entry of a code, as the build keeps). */
function hallsOfItems(expansion: Expansion): Map<string, { entry: ItemEntry; halls: ItemHalls }> {
  const byEntry = new Map<ItemEntry, ItemHalls>(expansion.items.map((e) => [e, { decides: [], accepts: [] }]));
  for (const hall of expansion.halls()) {
    for (const offer of hall.offers) byEntry.get(offer.entry)![offer.role].push(hall.region.code);
  }
  const out = new Map<string, { entry: ItemEntry; halls: ItemHalls }>();
  for (const [entry, halls] of byEntry) out.set(entry.item.code, { entry, halls });
  return out;
}

/** Whether two expansions of the same hall give the same feed content. */
function sameHallFeed(x: ExpandedHall, y: ExpandedHall): boolean {
  if (!sameRegion(x.region, y.region)) return false;
  const fx = x.hall?.hall as Record<string, unknown> | undefined;
  const fy = y.hall?.hall as Record<string, unknown> | undefined;
  if ((fx === undefined) !== (fy === undefined)) return false;
  if (fx && fy && HALL_FEED_FACTS.some((k) => !sameData(fx[k], fy[k]))) return false;
  if (x.offers.length !== y.offers.length || x.notOffered.length !== y.notOffered.length) return false;
  for (let k = 0; k < x.offers.length; k++) {
    const a = x.offers[k]!;
    const c = y.offers[k]!;
    const code = a.entry.item.code;
    if (code !== c.entry.item.code || !sameData(a.entry.item.handlingItems, c.entry.item.handlingItems)) return false;
    if (a.role !== c.role || a.power !== c.power || !sameRegion(a.decider, c.decider)) return false;
    if (a.body.name !== c.body.name || a.body.uscc !== c.body.uscc) return false;
    if ((a.local !== undefined || c.local !== undefined) && !sameData(a.local, c.local)) return false;
  }
  for (let k = 0; k < x.notOffered.length; k++) {
    const a = x.notOffered[k]!;
    const c = y.notOffered[k]!;
    if (a.entry.item.code !== c.entry.item.code || a.reason !== c.reason) return false;
  }
  return true;
}

function sameRegion(a: Region, b: Region): boolean {
  return a.code === b.code && a.name === b.name && a.tier === b.tier && a.parent === b.parent;
}
