import type { Catalog, HallEntry, ItemEntry, Region } from './catalog.js';
import type { Body } from '../schema/departments.js';
import type { Tier } from '../schema/common.js';
import type { Hall } from '../schema/hall.js';
import { ancestorsOf, buildRegionTree, type RegionTree } from './region-tree.js';

/** How a hall offers an item: its own body decides, or it accepts for the deciding body above. */
export type Role = 'decides' | 'accepts';

/** Local facts a hall file gives for one item. */
export type HallItemFacts = NonNullable<Hall['items']>[string];

/** One item offered at one hall. */
export interface Offer {
  entry: ItemEntry;
  role: Role;
  /** Region whose body decides: the hall's own region when `role` is `decides`. */
  decider: Region;
  body: Body;
  /**
   * The tier whose power is exercised: the decider's own tier, except `county` where a city
   * without counties (Dongguan, Zhongshan) exercises a county-level power.
   */
  power: Tier;
  /** Window, shorter local commitment and note from the hall file. */
  local: HallItemFacts | undefined;
}

/** One hall and everything it offers, items sorted by code. */
export interface ExpandedHall {
  region: Region;
  /** The hall file with local facts, if there is one. */
  hall: HallEntry | undefined;
  offers: Offer[];
  /** Items the hall file lists as not offered there, with the reason, sorted by code. */
  notOffered: Array<{ entry: ItemEntry; reason: string }>;
}

interface ItemPlan {
  entry: ItemEntry;
  levels: ReadonlySet<Tier>;
  acceptedAt: ReadonlySet<Tier>;
  bodies: ReadonlyMap<string, Body> | undefined;
}

/** The catalog prepared for expansion; `halls()` walks it one hall at a time. */
export interface Expansion {
  tree: RegionTree;
  /** Every item, sorted by code. */
  items: readonly ItemEntry[];
  /** Hall files by region code (the first file when two name the same region). */
  hallFiles: ReadonlyMap<string, HallEntry>;
  /** Expand one hall. */
  expandHall(region: Region): ExpandedHall;
  /** Every hall in region-code order, expanded lazily: only one hall's offers exist at a time. */
  halls(): Generator<ExpandedHall>;
}

/**
 * Prepare the expansion of the catalog over its region tree.
 *
 * An item is offered at every hall whose tier is in its `levels` (decided there by that region's
 * body of the item's department) and at every hall whose tier is in `acceptedAt` (accepted there
 * for the body of the nearest ancestor whose tier is in `levels`). A city with towns directly
 * under it (no county tier) exercises the county-level powers itself. A deciding region without
 * a body gets no offering (the `body-missing` rule reports it), and neither do the halls that
 * would accept for it. A hall file's `notOffered` removes an item from that hall only.
 * @example for (const hall of planExpansion(catalog).halls()) console.log(hall.region.code, hall.offers.length);
 */
export function planExpansion(catalog: Catalog, tree: RegionTree = buildRegionTree(catalog)): Expansion {
  const bodiesByKind = new Map<string, Map<string, Body>>();
  for (const [kind, bodies] of Object.entries(catalog.departments?.bodies ?? {})) {
    bodiesByKind.set(kind, new Map(Object.entries(bodies)));
  }
  const items = [...catalog.items].sort(compareEntries);
  const plans: ItemPlan[] = items.map((entry) => ({
    entry,
    levels: new Set(entry.item.levels),
    acceptedAt: new Set(entry.item.acceptedAt ?? []),
    bodies: bodiesByKind.get(entry.item.department),
  }));
  // Per hall tier, the items that may be offered there at all; a city also looks at county-level
  // items in case it acts as a county.
  const relevant = { province: [], city: [], county: [], town: [], village: [] } as Record<Tier, ItemPlan[]>;
  for (const plan of plans) {
    for (const tier of Object.keys(relevant) as Tier[]) {
      const countyPower = tier === 'city' && plan.levels.has('county');
      if (plan.levels.has(tier) || plan.acceptedAt.has(tier) || countyPower) relevant[tier].push(plan);
    }
  }
  const hallFiles = new Map<string, HallEntry>();
  for (const entry of [...catalog.halls].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (!hallFiles.has(entry.hall.region)) hallFiles.set(entry.hall.region, entry);
  }
  const itemByCode = new Map<string, ItemEntry>();
  for (const entry of items) if (!itemByCode.has(entry.item.code)) itemByCode.set(entry.item.code, entry);

  /** The tier whose power `region` exercises for `plan`, or undefined when it decides nothing. */
  const decidingPower = (plan: ItemPlan, region: Region): Tier | undefined => {
    if (plan.levels.has(region.tier)) return region.tier;
    if (region.tier === 'city' && plan.levels.has('county') && tree.citiesActingAsCounty.has(region.code)) return 'county';
    return undefined;
  };

  const expandHall = (region: Region): ExpandedHall => {
    const hall = hallFiles.get(region.code);
    const notOfferedHere = new Map<string, string>();
    for (const n of hall?.hall.notOffered ?? []) if (!notOfferedHere.has(n.code)) notOfferedHere.set(n.code, n.reason);
    const offers: Offer[] = [];
    let ancestors: Region[] | undefined;
    for (const plan of relevant[region.tier]) {
      const code = plan.entry.item.code;
      if (notOfferedHere.has(code)) continue;
      let decider: Region | undefined;
      let power = decidingPower(plan, region);
      let role: Role = 'decides';
      if (power !== undefined) decider = region;
      else if (plan.acceptedAt.has(region.tier)) {
        role = 'accepts';
        for (const ancestor of (ancestors ??= ancestorsOf(tree, region))) {
          power = decidingPower(plan, ancestor);
          if (power !== undefined) {
            decider = ancestor;
            break;
          }
        }
      }
      if (decider === undefined || power === undefined) continue;
      const body = plan.bodies?.get(decider.code);
      if (!body) continue;
      offers.push({ entry: plan.entry, role, decider, body, power, local: hall?.hall.items?.[code] });
    }
    const notOffered: ExpandedHall['notOffered'] = [];
    for (const [code, reason] of [...notOfferedHere].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const entry = itemByCode.get(code);
      if (entry) notOffered.push({ entry, reason });
    }
    return { region, hall, offers, notOffered };
  };

  return {
    tree,
    items,
    hallFiles,
    expandHall,
    *halls() {
      for (const region of tree.halls) yield expandHall(region);
    },
  };
}

function compareEntries(a: ItemEntry, b: ItemEntry): number {
  const x = a.item.code;
  const y = b.item.code;
  if (x !== y) return x < y ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
