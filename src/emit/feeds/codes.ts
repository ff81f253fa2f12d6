import type { Catalog, Region } from '../../model/catalog.js';
import type { RegionTree } from '../../model/region-tree.js';
import { ancestorsOf } from '../../model/region-tree.js';
import { FEED_VERSION, schemaRef, type CodeLabels, type DepartmentCodes, type RegionCodes, type RegionNode } from '../../schema/feeds.js';
import { CODE_LISTS, type CodeLabel } from '../code-labels.js';
import { CODE_LABELS, DEPARTMENT_CODES, REGION_CODES, regionCodesPath } from './feed-paths.js';

/**
 * The department kinds of departments.yaml as a code list: the key, the Chinese name, and the
 * English name (`nameEn`, else the key). Pure.
 */
export function departmentLabels(catalog: Pick<Catalog, 'departments'>): CodeLabel[] {
  return Object.entries(catalog.departments?.kinds ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, kind]) => ({ code, zh: kind.name, en: kind.nameEn ?? code }));
}

/**
 * `codes/labels.json`: every code list of the feeds with its Chinese and English labels
 * (src/emit/code-labels.ts), and the department kinds. Pure.
 */
export function codeLabels(catalog: Pick<Catalog, 'departments'>, baseUrl?: string): CodeLabels {
  return {
    $schema: schemaRef('labels', CODE_LABELS, baseUrl),
    version: FEED_VERSION,
    lists: { ...Object.fromEntries(Object.entries(CODE_LISTS).map(([name, list]) => [name, [...list]])), department: departmentLabels(catalog) },
  };
}

/** `codes/departments.json`: each department kind with its labels and its body in each region. Pure. */
export function departmentCodes(catalog: Pick<Catalog, 'departments'>, baseUrl?: string): DepartmentCodes {
  const bodies = catalog.departments?.bodies ?? {};
  return {
    $schema: schemaRef('departments', DEPARTMENT_CODES, baseUrl),
    version: FEED_VERSION,
    kinds: departmentLabels(catalog).map((kind) => ({
      ...kind,
      bodies: Object.entries(bodies[kind.code] ?? {})
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([region, body]) => ({ region, name: body.name, uscc: body.uscc })),
    })),
  };
}

/**
 * The city a hall belongs to, for paging: the city itself, its ancestor of tier city, or the
 * region's own code for the province (and for a region with no city above it).
 */
export function cityOf(tree: RegionTree, region: Region): string {
  if (region.tier === 'city' || region.tier === 'province') return region.code;
  const city = ancestorsOf(tree, region).find((r) => r.tier === 'city');
  return city?.code ?? region.code;
}

/** The paths `regionCodes` writes, without building them. */
export function regionCodePaths(tree: RegionTree, regions: readonly Region[]): string[] {
  const cities = new Set<string>();
  for (const r of regions) {
    const parent = r.parent === null ? undefined : tree.byCode.get(r.parent);
    const upper = r.tier === 'province' || r.tier === 'city' || r.tier === 'county';
    if (!upper && parent && parent.tier !== 'town' && parent.tier !== 'village') cities.add(cityOf(tree, r));
  }
  return [REGION_CODES, ...[...cities].sort().map(regionCodesPath)];
}

/**
 * The region tree as code lists: `codes/regions.json` down to the counties, and per city a page
 * `codes/regions/<city>.json` with its towns and villages. Returns path and content of each. Pure.
 */
export function regionCodes(tree: RegionTree, regions: readonly Region[], baseUrl?: string): Array<[string, RegionCodes]> {
  const sorted = [...regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const nodes = new Map<string, RegionNode>();
  for (const r of sorted) nodes.set(r.code, { code: r.code, name: r.name, tier: r.tier });
  const roots: RegionNode[] = [];
  const pageRoots = new Map<string, RegionNode[]>();
  for (const r of sorted) {
    const node = nodes.get(r.code)!;
    const parent = r.parent === null ? undefined : nodes.get(r.parent);
    const upper = r.tier === 'province' || r.tier === 'city' || r.tier === 'county';
    if (!parent) roots.push(node);
    else if (upper || parent.tier === 'town' || parent.tier === 'village') (parent.children ??= []).push(node);
    else {
      // A town under a county or city: the top of a city page.
      const city = cityOf(tree, r);
      const list = pageRoots.get(city) ?? [];
      list.push(node);
      pageRoots.set(city, list);
    }
  }
  const cities = [...pageRoots.keys()].sort();
  const out: Array<[string, RegionCodes]> = [
    [
      REGION_CODES,
      {
        $schema: schemaRef('regions', REGION_CODES, baseUrl),
        version: FEED_VERSION,
        regions: roots,
        pages: cities.map((city) => ({ city, file: regionCodesPath(city) })),
      },
    ],
  ];
  for (const city of cities) {
    const rel = regionCodesPath(city);
    out.push([rel, { $schema: schemaRef('regions', rel, baseUrl), version: FEED_VERSION, city, regions: pageRoots.get(city)! }]);
  }
  return out;
}
