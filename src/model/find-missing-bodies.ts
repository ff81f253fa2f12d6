import type { Catalog, ItemEntry, Region } from './catalog.js';
import type { Tier } from '../schema/common.js';
import { buildRegionTree, type RegionTree } from './region-tree.js';

/** Regions of one tier that should decide an item but have no body of its department. */
export interface MissingBodies {
  entry: ItemEntry;
  /** Index in the item's `levels`. */
  levelIndex: number;
  tier: Tier;
  /** Sorted by code. */
  regions: Region[];
}

/**
 * Every deciding region without a body of the item's department, grouped by item and level.
 * Deciding regions are the halls of each tier in `levels`, plus, for the county level, the
 * cities that act as counties (when the item is not decided at city level anyway). A hall whose
 * file lists the item under `notOffered`, and a region that departments.yaml lists under
 * `absent` for the department (with its reason), need no body for it. Items of an unknown department
 * are left to the `department-unknown` rule.
 */
export function findMissingBodies(catalog: Catalog, tree: RegionTree = buildRegionTree(catalog)): MissingBodies[] {
  const bodies = catalog.departments?.bodies;
  const kinds = catalog.departments?.kinds;
  if (!bodies || !kinds) return [];
  const notOffered = new Map<string, Set<string>>();
  for (const { hall } of catalog.halls) {
    for (const n of hall.notOffered ?? []) {
      let set = notOffered.get(n.code);
      if (!set) notOffered.set(n.code, (set = new Set()));
      set.add(hall.region);
    }
  }
  // Items of one department and tier share their missing regions: compute each set once, not
  // once per item (a village-level item alone would scan 26,842 regions).
  const shared = new Map<string, readonly Region[]>();
  const out: MissingBodies[] = [];
  for (const entry of catalog.items) {
    const { item } = entry;
    if (!Object.hasOwn(kinds, item.department)) continue;
    const own = Object.hasOwn(bodies, item.department) ? bodies[item.department]! : {};
    const absentByKind = catalog.departments?.absent;
    const absent = absentByKind && Object.hasOwn(absentByKind, item.department) ? absentByKind[item.department]! : {};
    const exempt = notOffered.get(item.code);
    const seen = new Set<Tier>();
    item.levels.forEach((tier, levelIndex) => {
      if (seen.has(tier)) return;
      seen.add(tier);
      const countyCities = tier === 'county' && !item.levels.includes('city');
      const key = `${item.department}\u0000${tier}\u0000${countyCities}`;
      let missing = shared.get(key);
      if (!missing) {
        const deciders: readonly Region[] = countyCities
          ? [...tree.byTier.county, ...tree.byTier.city.filter((c) => tree.citiesActingAsCounty.has(c.code))]
          : tree.byTier[tier];
        missing = deciders
          .filter((r) => !Object.hasOwn(own, r.code) && !Object.hasOwn(absent, r.code))
          .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
        shared.set(key, missing);
      }
      const regions = exempt ? missing.filter((r) => !exempt.has(r.code)) : [...missing];
      if (regions.length === 0) return;
      out.push({ entry, levelIndex, tier, regions });
    });
  }
  return out;
}
