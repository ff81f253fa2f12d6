import type { ExpandedHall } from '../../model/expand.js';
import { implementationCodes } from '../../model/derive-implementation-code.js';
import { FEED_VERSION, schemaRef, type HallFeed } from '../../schema/feeds.js';
import { hallFeedPath, tierBundlePath } from './feed-paths.js';

/**
 * The feed of one hall: its region and local facts, per offered item the implementation (role,
 * deciding body, implementation codes, local facts), and the items it does not offer. The items'
 * own elements are in the tier bundle it names (`items`), never repeated here, so that editing an
 * item rewrites no hall feed. Pure.
 * @example hallFeed(expansion.expandHall(region))
 */
export function hallFeed(expanded: ExpandedHall, baseUrl?: string): HallFeed {
  const { region, hall } = expanded;
  const facts = hall?.hall;
  return {
    $schema: schemaRef('hall', hallFeedPath(region.code), baseUrl),
    version: FEED_VERSION,
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
    items: tierBundlePath(region.tier),
    offers: expanded.offers.map((offer) => {
      const { item } = offer.entry;
      const local = offer.local;
      return {
        code: item.code,
        role: offer.role,
        body: { region: offer.decider.code, tier: offer.decider.tier, name: offer.body.name, uscc: offer.body.uscc },
        ...(offer.power !== offer.decider.tier && { exercises: offer.power }),
        implementationCodes: implementationCodes(offer.body.uscc, offer.decider.tier, item),
        ...(local?.window !== undefined && { window: local.window }),
        ...(local?.promised !== undefined && { localPromised: local.promised }),
        ...(local?.note !== undefined && { note: local.note }),
      };
    }),
    notOffered: expanded.notOffered.map(({ entry, reason }) => ({ code: entry.item.code, reason })),
  };
}
