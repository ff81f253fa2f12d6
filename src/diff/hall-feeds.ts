import { createHash } from 'node:crypto';
import { feedText, itemFeedPath, type CatalogRef, type FileRef } from '../emit/feeds/feed-paths.js';
import { hallFeed } from '../emit/feeds/hall-feed.js';
import { itemFeed, type ItemHalls } from '../emit/feeds/item-feed.js';
import type { Catalog, ItemEntry } from '../model/catalog.js';
import { planExpansion } from '../model/expand.js';
import { UNIFIED_DEFAULT } from '../schema/catalog.js';
import type { Tier } from '../schema/common.js';

/** What decides whether a hall's feed, or an item's feed, has different content. */
export interface FeedIndex {
  /** Every hall (a region of a tier the catalog uses): its tier and a digest of its feed. */
  halls: Map<string, { tier: Tier; digest: string }>;
  /** Per item code: how many halls offer it and a digest of its feed. */
  items: Map<string, { count: number; digest: string }>;
}

/**
 * Every feed carries the catalog's id and version. They are left out here: a version bump alone
 * would change every feed's bytes, and what a portal needs to know is whose content changed.
 */
const NEUTRAL: CatalogRef = { id: '', version: '' };

/**
 * Digest the feed `licat build` writes for every hall and every item, built by the build's own
 * code (planExpansion, itemFeed, hallFeed), so the diff names exactly the feeds a build would
 * change: a hall's feed holds, per offered item, its deciding body, implementation codes, local
 * facts and the digest of the item's feed, so any change to an item reaches every hall offering
 * it. The catalog id and version stamp is left out (see NEUTRAL). Pure.
 */
export function indexFeeds(catalog: Catalog): FeedIndex {
  const expansion = planExpansion(catalog);
  const unified = catalog.meta?.unified ?? [...UNIFIED_DEFAULT];
  const hallsOf = new Map<ItemEntry, ItemHalls>(expansion.items.map((e) => [e, { decides: [], accepts: [] }]));
  for (const hall of expansion.halls()) {
    for (const offer of hall.offers) hallsOf.get(offer.entry)![offer.role].push(hall.region.code);
  }
  const itemFeeds = new Map<string, FileRef>();
  const items = new Map<string, { count: number; digest: string }>();
  for (const entry of expansion.items) {
    const halls = hallsOf.get(entry)!;
    const sha256 = createHash('sha256').update(feedText(itemFeed(NEUTRAL, unified, entry, halls))).digest('hex');
    // A code in two files: the build keeps the last; so does this.
    itemFeeds.set(entry.item.code, { path: itemFeedPath(entry.item.code), sha256 });
    items.set(entry.item.code, { count: halls.decides.length + halls.accepts.length, digest: sha256 });
  }
  const halls = new Map<string, { tier: Tier; digest: string }>();
  for (const hall of expansion.halls()) {
    const digest = createHash('sha1').update(feedText(hallFeed(NEUTRAL, hall, itemFeeds))).digest('hex');
    halls.set(hall.region.code, { tier: hall.region.tier, digest });
  }
  return { halls, items };
}
