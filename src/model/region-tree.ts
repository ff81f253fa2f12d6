import type { Catalog, Region } from './catalog.js';
import { TIERS, type Tier } from '../schema/common.js';

/**
 * The region tree as the expansion walks it: the halls (one per region whose tier the catalog
 * uses), each region's ancestors, and the cities that exercise county-level powers.
 */
export interface RegionTree {
  /** Every hall's region, sorted by code. */
  halls: readonly Region[];
  byCode: ReadonlyMap<string, Region>;
  /** Hall regions of each tier, sorted by code. */
  byTier: Readonly<Record<Tier, readonly Region[]>>;
  /**
   * Cities with towns directly under them and no county between (Dongguan 441900 and Zhongshan
   * 442000 in Guangdong): the city's bodies exercise the county-level powers for those towns.
   */
  citiesActingAsCounty: ReadonlySet<string>;
}

/** Longest parent chain followed; a deeper chain is a cycle in a broken region table. */
const MAX_DEPTH = 8;

/**
 * Index the catalog's regions for expansion. Halls are the regions whose tier is listed in
 * catalog.yaml `tiers` (all five when the file is missing).
 * @example const tree = buildRegionTree(catalog); tree.byTier.village.length // 26842 on the sample
 */
export function buildRegionTree(catalog: Pick<Catalog, 'regions' | 'regionByCode' | 'meta'>): RegionTree {
  // The same regions and tiers give the same tree: a catalog checked again (validate --watch)
  // shares its region arrays with the last check.
  const tiersKey = (catalog.meta?.tiers ?? TIERS).join(',');
  const known = trees.get(catalog.regions);
  if (known && known.tiersKey === tiersKey && known.byCode === catalog.regionByCode) return known.tree;
  const tree = buildTree(catalog);
  trees.set(catalog.regions, { tiersKey, byCode: catalog.regionByCode, tree });
  return tree;
}

const trees = new WeakMap<readonly Region[], { tiersKey: string; byCode: ReadonlyMap<string, Region>; tree: RegionTree }>();

function buildTree(catalog: Pick<Catalog, 'regions' | 'regionByCode' | 'meta'>): RegionTree {
  const inUse = new Set<Tier>(catalog.meta?.tiers ?? TIERS);
  const byTier = { province: [], city: [], county: [], town: [], village: [] } as Record<Tier, Region[]>;
  const halls: Region[] = [];
  const citiesActingAsCounty = new Set<string>();
  const sorted = [...catalog.regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const region of sorted) {
    if (region.tier === 'town' && region.parent !== null && catalog.regionByCode.get(region.parent)?.tier === 'city') {
      citiesActingAsCounty.add(region.parent);
    }
    if (!inUse.has(region.tier)) continue;
    halls.push(region);
    byTier[region.tier].push(region);
  }
  return { halls, byCode: catalog.regionByCode, byTier, citiesActingAsCounty };
}

/** The region's ancestors, nearest first (a village's town, county, city, province). */
export function ancestorsOf(tree: RegionTree, region: Region): Region[] {
  const out: Region[] = [];
  let parent = region.parent;
  while (parent !== null && out.length < MAX_DEPTH) {
    const next = tree.byCode.get(parent);
    if (!next) break;
    out.push(next);
    parent = next.parent;
  }
  return out;
}
