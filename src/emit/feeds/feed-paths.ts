import type { Catalog } from '../../model/catalog.js';

/** The catalog a feed was built from. */
export interface CatalogRef {
  id: string;
  version: string;
}

/** A file of the output and its digest, as feeds point at each other. */
export interface FileRef {
  path: string;
  sha256: string;
}

export const FEED_INDEX = 'feeds/index.json';

/** Path of a hall's feed in the output: `feeds/halls/440106.json`. */
export function hallFeedPath(regionCode: string): string {
  return `feeds/halls/${regionCode}.json`;
}

/** Path of an item's feed in the output: `feeds/items/440101001000.json`. */
export function itemFeedPath(basicCode: string): string {
  return `feeds/items/${basicCode}.json`;
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
