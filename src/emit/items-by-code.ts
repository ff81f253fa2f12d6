import type { Catalog } from '../model/catalog.js';
import type { Item } from '../schema/item.js';

const BASIC_CODE = /^\d{12}$/;

/**
 * The catalog's items in code order, the first of any duplicated code (code-duplicate stops a
 * build anyway). Codes become file names, so a code that is not 12 digits is a bug here: the
 * schema has already rejected such an item.
 * @example itemsByCode(catalog).map((i) => i.code) // ['440101001000', …]
 */
export function itemsByCode(catalog: Catalog): Item[] {
  const seen = new Set<string>();
  const items: Item[] = [];
  for (const { item } of [...catalog.items].sort((a, b) => cmp(a.item.code, b.item.code) || cmp(a.file, b.file))) {
    if (!BASIC_CODE.test(item.code)) throw new Error(`item code is not a 12-digit basic code: ${JSON.stringify(item.code)}`);
    if (seen.has(item.code)) continue;
    seen.add(item.code);
    items.push(item);
  }
  return items;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
