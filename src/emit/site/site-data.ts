import type { Tier } from '../../schema/common.js';
import type { Duration } from '../../schema/common.js';
import { durationText } from '../labels.js';

/**
 * What the portal preview reads of one hall's feed: the hall, its local facts, and per offered
 * item its role, deciding body and local facts. A structural subset of the hall feed, so the
 * preview is driven by the same objects the feeds are written from.
 */
export interface SiteHallFeed {
  hall: {
    region: string;
    tier: Tier;
    name: string;
    parent: string | null;
    hallName?: string;
    address?: string;
    hours?: string;
    phone?: string;
    complaintPhone?: string;
  };
  offers: Array<{
    code: string;
    role: 'decides' | 'accepts';
    body: { region: string; name: string; uscc: string };
    window?: string;
    localPromised?: Duration;
    note?: string;
  }>;
}

/** Local facts of a hall with a hall file, as the page shows them. */
export interface SiteHallFacts {
  name: string;
  address?: string;
  hours?: string;
  phone?: string;
  complaintPhone?: string;
}

/**
 * One group of halls as written to `site/data/halls/<group>.js`: the province hall on its own,
 * else every hall of one city (the city, its counties, towns and villages). Halls with the same
 * offerings share one profile: the villages of a town mostly offer the same items, accepted for
 * the same bodies.
 */
export interface SiteHallGroup {
  group: string;
  /** Deciding bodies as `[name, unified social credit code]`, by index. */
  bodies: Array<[string, string]>;
  /**
   * Offer lists. An offer is `[item index, 0 decides | 1 accepts, deciding region, body index]`,
   * plus `[window, local commitment, note]` (empty strings when absent) when the hall file gives
   * local facts for the item.
   */
  profiles: Array<Array<[number, 0 | 1, string, number] | [number, 0 | 1, string, number, string, string, string]>>;
  /** Hall region code → profile index. */
  halls: Record<string, number>;
  /** Local facts of the halls of this group that have a hall file. */
  facts: Record<string, SiteHallFacts>;
}

/**
 * Collects hall feeds, in region-code order (a hall after its parent), into the groups the page
 * loads one at a time: a city's file when a hall of that city is chosen.
 */
export class SiteHallGroups {
  private readonly groupOf = new Map<string, string>();
  private readonly groups = new Map<string, { bodies: Map<string, number>; profiles: Map<string, number>; out: SiteHallGroup }>();
  /** Offers in all, for the build's figures. */
  offers = 0;

  constructor(private readonly itemIndex: ReadonlyMap<string, number>) {}

  add(feed: SiteHallFeed): void {
    const { hall } = feed;
    const group = hall.tier === 'province' || hall.tier === 'city' || hall.parent === null ? hall.region : (this.groupOf.get(hall.parent) ?? hall.parent);
    this.groupOf.set(hall.region, group);
    let state = this.groups.get(group);
    if (!state) {
      state = { bodies: new Map(), profiles: new Map(), out: { group, bodies: [], profiles: [], halls: {}, facts: {} } };
      this.groups.set(group, state);
    }
    const { bodies, profiles, out } = state;
    const offers: SiteHallGroup['profiles'][number] = [];
    for (const offer of feed.offers) {
      const index = this.itemIndex.get(offer.code);
      if (index === undefined) throw new Error(`hall ${hall.region}: item ${offer.code} is not in the catalog`);
      const bodyKey = `${offer.body.name}\u0000${offer.body.uscc}`;
      let body = bodies.get(bodyKey);
      if (body === undefined) {
        body = out.bodies.push([offer.body.name, offer.body.uscc]) - 1;
        bodies.set(bodyKey, body);
      }
      const role = offer.role === 'decides' ? 0 : 1;
      const local = offer.window !== undefined || offer.localPromised !== undefined || offer.note !== undefined;
      offers.push(
        local
          ? [index, role, offer.body.region, body, offer.window ?? '', offer.localPromised ? durationText(offer.localPromised) : '', offer.note ?? '']
          : [index, role, offer.body.region, body],
      );
    }
    this.offers += offers.length;
    const key = JSON.stringify(offers);
    let profile = profiles.get(key);
    if (profile === undefined) {
      profile = out.profiles.push(offers) - 1;
      profiles.set(key, profile);
    }
    out.halls[hall.region] = profile;
    if (hall.hallName !== undefined) {
      out.facts[hall.region] = {
        name: hall.hallName,
        ...(hall.address !== undefined && { address: hall.address }),
        ...(hall.hours !== undefined && { hours: hall.hours }),
        ...(hall.phone !== undefined && { phone: hall.phone }),
        ...(hall.complaintPhone !== undefined && { complaintPhone: hall.complaintPhone }),
      };
    }
  }

  /** The groups, by group code. */
  result(): SiteHallGroup[] {
    return [...this.groups.values()].map((g) => g.out).sort((a, b) => (a.group < b.group ? -1 : 1));
  }
}

/**
 * A data file of the page: a script that hands its value to the page's loader, so it loads from
 * `file://` as well as from a web server (a page opened from disk may not fetch() local files).
 * `</` is escaped so no catalog text can end the script.
 * @example dataScript('halls', '440100', group) // LICAT_SITE.put("halls","440100",{...});
 */
export function dataScript(kind: string, key: string, value: unknown): string {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `LICAT_SITE.put(${JSON.stringify(kind)},${JSON.stringify(key)},${json});\n`;
}
