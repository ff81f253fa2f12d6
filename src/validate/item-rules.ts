import type { Finding } from '../diagnostics/diagnostic.js';
import type { ItemFindings } from '../load/check-file.js';
import type { Catalog, ItemEntry } from '../model/catalog.js';
import { RULES } from './registry.js';

/** What the rules that look at one item at a time (`scope: 'item'`) found in one item file. */
export type ItemRuleResult = ItemFindings;

export const ITEM_RULES = RULES.filter((rule) => rule.scope === 'item' && rule.check);

/**
 * Run the item-scope rules over some items, each rule once over all of them, and sort what they
 * find by item. Pure. The parse workers of a check run it on the items they parse (the item hook
 * of pipeline/check-catalog.ts), so that this part of the rules is shared between the threads;
 * `runRules` puts the findings back in the order it would have found them.
 * @example checkItems([{ file: 'catalog/items/a.yaml', item }])[0]?.findings['process-graph']
 */
export function checkItems(entries: readonly ItemEntry[]): ItemRuleResult[] {
  const results: ItemRuleResult[] = entries.map(() => ({ findings: {} }));
  if (entries.length === 0) return results;
  const index = new Map<string, number>();
  entries.forEach((entry, i) => index.set(entry.file, i));
  const catalog = itemsAlone(entries);
  for (const rule of ITEM_RULES) {
    let found: Finding[];
    try {
      found = rule.check!(catalog);
    } catch {
      for (const result of results) (result.failed ??= []).push(rule.id);
      continue;
    }
    const at = found.map((finding) => index.get(finding.file));
    if (at.some((i) => i === undefined)) {
      for (const result of results) (result.failed ??= []).push(rule.id);
      continue;
    }
    found.forEach((finding, k) => {
      const own = results[at[k]!]!.findings;
      (own[rule.id] ??= []).push(finding);
    });
  }
  return results;
}

/** A catalog of these items and nothing else: all an item-scope rule may look at. */
function itemsAlone(items: readonly ItemEntry[]): Catalog {
  return {
    root: '',
    metaFile: 'catalog.yaml',
    meta: undefined,
    departmentsFile: 'departments.yaml',
    departments: undefined,
    regions: [],
    regionByCode: new Map(),
    items: [...items],
    halls: [],
    unloadedCodes: new Set(),
  };
}
