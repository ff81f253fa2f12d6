import type { ItemEntry } from '../../model/catalog.js';
import type { Tier } from '../../schema/common.js';
import { FEED_VERSION, schemaRef, type ItemFeed, type TierBundle } from '../../schema/feeds.js';
import { itemFeedPath, tierBundlePath } from './feed-paths.js';

/**
 * The feed of one item: all its elements once, and the names of the elements no hall may change
 * (`unified`). It does not list the halls offering it (the database's `offerings` table does). Pure.
 * @example itemFeed(entry, ['code', 'name'])
 */
export function itemFeed(entry: ItemEntry, unified: readonly string[], baseUrl?: string): ItemFeed {
  return { $schema: schemaRef('item', itemFeedPath(entry.item.code), baseUrl), version: FEED_VERSION, unified: [...unified], item: entry.item };
}

/**
 * Every item offered at some hall of `tier`, in full, sorted by code: with the hall feed, all a
 * hall page needs. `entries` are the catalog's items in code order. Pure.
 */
export function tierBundle(tier: Tier, entries: readonly ItemEntry[], unified: readonly string[], baseUrl?: string): TierBundle {
  return {
    $schema: schemaRef('tier', tierBundlePath(tier), baseUrl),
    version: FEED_VERSION,
    tier,
    unified: [...unified],
    items: entries.map((e) => e.item),
  };
}
