import { createHash } from 'node:crypto';
import type { Catalog, Region } from '../model/catalog.js';
import { TIERS, type Tier } from '../schema/common.js';
import { canonicalJson } from './canonical.js';

/** What decides whether a hall's feed, or an item's feed, has different content. */
export interface FeedIndex {
  /** Every hall (a region of a tier the catalog uses): its tier and a digest of its feed's content. */
  halls: Map<string, { tier: Tier; digest: string }>;
  /** Per item code: how many halls offer it and a digest of which halls those are. */
  itemHalls: Map<string, { count: number; digest: string }>;
}

/**
 * Index what every hall feed and every item's hall list would hold, as digests to compare two
 * catalogs by. An item is offered at every hall of a tier in its `levels` or `acceptedAt`,
 * unless the hall file lists it under `notOffered`. A hall feed holds, per offered item, the
 * item (its feed's content), the deciding body (the hall's own region when its tier decides,
 * else the nearest region above whose tier does, and that region's body in departments.yaml) and
 * the hall's local facts; plus the hall's own region and hall file. `itemDigests` gives each
 * compared item's content digest. Pure.
 */
export function indexFeeds(catalog: Catalog, itemDigests: ReadonlyMap<string, string>): FeedIndex {
  const tiers = new Set<Tier>(catalog.meta?.tiers ?? TIERS);
  const hallFiles = new Map<string, Record<string, unknown>>();
  for (const { hall } of catalog.halls) if (!hallFiles.has(hall.region)) hallFiles.set(hall.region, hall as Record<string, unknown>);

  interface Offer {
    code: string;
    prefix: string;
    department: string;
    levels: ReadonlySet<Tier>;
    halls: string[];
  }
  const byTier = new Map<Tier, Offer[]>();
  const offers: Offer[] = [];
  const seen = new Set<string>();
  for (const { item } of [...catalog.items].sort((a, b) => (a.item.code < b.item.code ? -1 : a.item.code > b.item.code ? 1 : 0))) {
    const digest = itemDigests.get(item.code);
    if (digest === undefined || seen.has(item.code)) continue;
    seen.add(item.code);
    const offer: Offer = { code: item.code, prefix: `${item.code}|${digest}`, department: item.department, levels: new Set(item.levels), halls: [] };
    offers.push(offer);
    for (const tier of new Set([...item.levels, ...(item.acceptedAt ?? [])])) {
      if (!tiers.has(tier)) continue;
      let list = byTier.get(tier);
      if (!list) byTier.set(tier, (list = []));
      list.push(offer);
    }
  }

  const bodies = (catalog.departments?.bodies ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const bodyText = new Map<string, Map<string, string>>();
  const bodyOf = (department: string, region: string): string => {
    let byRegion = bodyText.get(department);
    if (!byRegion) bodyText.set(department, (byRegion = new Map()));
    let text = byRegion.get(region);
    if (text === undefined) {
      const body = bodies[department]?.[region];
      byRegion.set(region, (text = body === undefined ? '' : canonicalJson(body)));
    }
    return text;
  };
  const decider = (region: Region, levels: ReadonlySet<Tier>): Region | undefined => {
    let at: Region | undefined = region;
    for (let depth = 0; at && depth < 8; depth++) {
      if (levels.has(at.tier)) return at;
      at = at.parent === null ? undefined : catalog.regionByCode.get(at.parent);
    }
    return undefined;
  };

  const halls = new Map<string, { tier: Tier; digest: string }>();
  for (const region of catalog.regions) {
    if (!tiers.has(region.tier)) continue;
    const file = hallFiles.get(region.code);
    const notOffered = new Set(((file?.notOffered ?? []) as Array<{ code: string }>).map((n) => n.code));
    const local = (file?.items ?? {}) as Record<string, unknown>;
    const facts = file ? canonicalJson({ ...file, items: undefined, notOffered: undefined }) : '';
    const parts = [`${region.code}|${region.name}|${region.tier}|${region.parent ?? ''}|${facts}`];
    for (const offer of byTier.get(region.tier) ?? []) {
      if (notOffered.has(offer.code)) continue;
      const by = decider(region, offer.levels);
      const localFacts = local[offer.code];
      parts.push(`${offer.prefix}|${by?.code ?? ''}|${by ? bodyOf(offer.department, by.code) : ''}|${localFacts === undefined ? '' : canonicalJson(localFacts)}`);
      offer.halls.push(region.code);
    }
    halls.set(region.code, { tier: region.tier, digest: createHash('sha1').update(parts.join('\n')).digest('hex') });
  }
  const itemHalls = new Map<string, { count: number; digest: string }>();
  for (const offer of offers) itemHalls.set(offer.code, { count: offer.halls.length, digest: createHash('sha1').update(offer.halls.join('\n')).digest('hex') });
  return { halls, itemHalls };
}
