import type { ItemEntry } from '../../model/catalog.js';
import { FEED_SCHEMA_FILES, FEED_VERSION, schemaUrl, type ItemFeed } from '../../schema/feeds.js';
import type { CatalogRef } from './feed-paths.js';

/** Region codes of the halls offering one item, by role, each list sorted by code. */
export interface ItemHalls {
  decides: string[];
  accepts: string[];
}

/**
 * The feed of one item: all its elements once (the unified ones named in `unified`), and the
 * halls that offer it as region codes grouped by role. Pure.
 */
export function itemFeed(catalog: CatalogRef, unified: readonly string[], entry: ItemEntry, halls: ItemHalls): ItemFeed {
  return {
    $schema: schemaUrl(FEED_SCHEMA_FILES.item),
    version: FEED_VERSION,
    catalog,
    unified: [...unified],
    item: entry.item,
    halls: { decides: halls.decides, accepts: halls.accepts },
  };
}
