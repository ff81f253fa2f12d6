import type { Body } from '../schema/departments.js';
import type { Tier } from '../schema/common.js';
import type { Item } from '../schema/item.js';
import type { Catalog, Region } from './catalog.js';
import { buildRegionTree, type RegionTree } from './region-tree.js';

/** One body that implements (decides) an item in one region. */
export interface ImplementingBody {
  item: Item;
  /** The tier of the item's `levels` the body decides at. */
  level: Tier;
  region: Region;
  body: Body;
}

/**
 * Every body that implements an item, item by item (in the order given), then by level and region
 * code: the bodies of the item's department in the regions of each tier it is decided at, with
 * the cities that act as counties for county-level items (as `findMissingBodies` counts them).
 * A region whose hall file says the item is not offered there, and a region without a body of
 * the department, have no row.
 * @example implementingBodies(catalog, items).filter((b) => b.item.code === '440101001000').length
 */
export function implementingBodies(catalog: Catalog, items: readonly Item[], tree: RegionTree = buildRegionTree(catalog)): ImplementingBody[] {
  const bodies = catalog.departments?.bodies ?? {};
  const notOffered = new Map<string, Set<string>>();
  for (const { hall } of catalog.halls) {
    for (const n of hall.notOffered ?? []) {
      let set = notOffered.get(n.code);
      if (!set) notOffered.set(n.code, (set = new Set()));
      set.add(hall.region);
    }
  }
  const out: ImplementingBody[] = [];
  for (const item of items) {
    const own = Object.hasOwn(bodies, item.department) ? bodies[item.department]! : {};
    const exempt = notOffered.get(item.code);
    for (const level of new Set(item.levels)) {
      const countyCities = level === 'county' && !item.levels.includes('city');
      const deciders = countyCities
        ? [...tree.byTier.county, ...tree.byTier.city.filter((c) => tree.citiesActingAsCounty.has(c.code))]
        : [...tree.byTier[level]];
      deciders.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      for (const region of deciders) {
        const body = Object.hasOwn(own, region.code) ? own[region.code] : undefined;
        if (body && !exempt?.has(region.code)) out.push({ item, level, region, body });
      }
    }
  }
  return out;
}
