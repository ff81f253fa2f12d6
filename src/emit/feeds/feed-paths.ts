import type { Catalog } from '../../model/catalog.js';
import type { Tier } from '../../schema/common.js';

/** The catalog an output was built from. */
export interface CatalogRef {
  id: string;
  version: string;
}

/** The root of the feeds: catalog, counts and the pages of the index. */
export const FEED_INDEX = 'feeds/index.json';
export const CODE_LABELS = 'codes/labels.json';
export const DEPARTMENT_CODES = 'codes/departments.json';
export const REGION_CODES = 'codes/regions.json';
export const CHANGES = 'changes.json';
export const OPENAPI = 'openapi.json';
export const SCHEMAS_DIR = 'schemas';

/** Path of a hall's feed in the output: `feeds/halls/440106.json`. */
export function hallFeedPath(regionCode: string): string {
  return `feeds/halls/${regionCode}.json`;
}

/** Path of an item's feed in the output: `feeds/items/440101001000.json`. */
export function itemFeedPath(basicCode: string): string {
  return `feeds/items/${basicCode}.json`;
}

/** Path of the bundle of every item offered at a tier: `feeds/tiers/village.json`. */
export function tierBundlePath(tier: Tier): string {
  return `feeds/tiers/${tier}.json`;
}

/** Path of the hall index page of a city (or of the province, for the province hall). */
export function hallIndexPath(city: string): string {
  return `feeds/index/halls/${city}.json`;
}

/** Path of the item index page of a department kind. */
export function itemIndexPath(department: string): string {
  return `feeds/index/items/${department}.json`;
}

/** Path of the towns and villages of a city in the region codes. */
export function regionCodesPath(city: string): string {
  return `codes/regions/${city}.json`;
}

/** The catalog's id and version; the build refuses a catalog whose catalog.yaml is invalid. */
export function catalogRef(catalog: Pick<Catalog, 'meta' | 'metaFile'>): CatalogRef {
  if (!catalog.meta) throw new Error(`${catalog.metaFile} is missing or invalid`);
  return { id: catalog.meta.id, version: catalog.meta.version };
}

/** Feed text: compact JSON and a final newline. */
export function feedText(feed: unknown): string {
  return JSON.stringify(feed) + '\n';
}
