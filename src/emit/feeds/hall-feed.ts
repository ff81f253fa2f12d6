import type { ExpandedHall } from '../../model/expand.js';
import { implementationCodes } from '../../model/derive-implementation-code.js';
import { FEED_SCHEMA_FILES, FEED_VERSION, schemaUrl, type HallFeed } from '../../schema/feeds.js';
import type { CatalogRef, FileRef } from './feed-paths.js';

/**
 * The feed of one hall: the hall's region and local facts, and per offered item its code, name,
 * type, department, role, deciding body, implementation codes, local facts and the item feed it
 * points to. Unified elements stay in the item feed. Pure.
 * @example hallFeed(ref, expansion.expandHall(region), itemFeeds)
 */
export function hallFeed(catalog: CatalogRef, expanded: ExpandedHall, itemFeeds: ReadonlyMap<string, FileRef>): HallFeed {
  const { region, hall } = expanded;
  const facts = hall?.hall;
  const feed: HallFeed = {
    $schema: schemaUrl(FEED_SCHEMA_FILES.hall),
    version: FEED_VERSION,
    catalog,
    hall: {
      region: region.code,
      tier: region.tier,
      name: region.name,
      parent: region.parent,
      ...(facts && {
        hallName: facts.name,
        ...(facts.address !== undefined && { address: facts.address }),
        ...(facts.hours !== undefined && { hours: facts.hours }),
        ...(facts.phone !== undefined && { phone: facts.phone }),
        ...(facts.complaintPhone !== undefined && { complaintPhone: facts.complaintPhone }),
        ...(facts.windows !== undefined && { windows: facts.windows }),
      }),
    },
    items: [],
    notOffered: expanded.notOffered.map(({ entry, reason }) => ({ code: entry.item.code, name: entry.item.name, reason })),
  };
  for (const offer of expanded.offers) {
    const { item } = offer.entry;
    const ref = itemFeeds.get(item.code);
    if (!ref) throw new Error(`no item feed for ${item.code}`);
    const local = offer.local;
    feed.items.push({
      code: item.code,
      name: item.name,
      type: item.type,
      department: item.department,
      role: offer.role,
      body: { region: offer.decider.code, tier: offer.decider.tier, name: offer.body.name, uscc: offer.body.uscc },
      ...(offer.power !== offer.decider.tier && { exercises: offer.power }),
      implementationCodes: implementationCodes(offer.body.uscc, offer.decider.tier, item),
      ...(local?.window !== undefined && { window: local.window }),
      ...(local?.promised !== undefined && { localPromised: local.promised }),
      ...(local?.note !== undefined && { note: local.note }),
      feed: ref.path,
      sha256: ref.sha256,
    });
  }
  return feed;
}
