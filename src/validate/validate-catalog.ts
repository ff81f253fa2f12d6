import type { Finding } from '../diagnostics/diagnostic.js';
import type { Catalog } from '../model/catalog.js';
import { t } from '../i18n/lang.js';
import { checkItems, type ItemRuleResult } from './item-rules.js';
import { RULES } from './registry.js';
import { effectiveSettings } from './rules/rule-settings.js';

/**
 * Run every rule with a check over the composed catalog. A rule that throws is a bug in licat;
 * it is reported as such (`internal`) instead of hiding the other rules' findings.
 * `itemResults`: what the item-scope rules found in item files, by file, where that was done
 * already (by the parse workers, validate/item-rules.ts). Those rules then take their findings
 * from it, in the order they would have found them: items of the catalog missing from it are
 * checked here, and a rule that failed anywhere runs again over the whole catalog. The findings
 * are the same either way.
 */
export function runRules(catalog: Catalog, itemResults?: ReadonlyMap<string, ItemRuleResult>): Finding[] {
  const findings: Finding[] = [];
  const off = new Set(
    Object.entries(effectiveSettings(catalog.meta?.rules))
      .filter(([, v]) => v === 'off')
      .map(([k]) => k),
  );
  const done = itemResults && completeItemResults(catalog, itemResults);
  for (const rule of RULES) {
    if (!rule.check || off.has(rule.id)) continue;
    if (done && rule.scope === 'item' && !done.failed.has(rule.id)) {
      for (const { file } of catalog.items) {
        const own = done.results.get(file)!.findings[rule.id];
        if (own) for (const finding of own) findings.push(finding);
      }
      continue;
    }
    try {
      findings.push(...rule.check(catalog));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      findings.push({
        rule: 'internal',
        severity: 'error',
        file: catalog.metaFile,
        path: '',
        line: 1,
        column: 1,
        message: t(`规则 ${rule.id} 内部错误：${detail}`, `rule ${rule.id} failed internally: ${detail}`),
      });
    }
  }
  return findings;
}

const ITEM_CHUNK = 32;

/** The item results for every item of the catalog (those missing are computed now), and the rules that failed. */
function completeItemResults(catalog: Catalog, given: ReadonlyMap<string, ItemRuleResult>): { results: Map<string, ItemRuleResult>; failed: Set<string> } {
  const results = new Map<string, ItemRuleResult>();
  const missing = [];
  for (const entry of catalog.items) {
    const result = given.get(entry.file);
    if (result) results.set(entry.file, result);
    else missing.push(entry);
  }
  // A few items at a time, all rules on each few: their data stays in the processor's caches.
  for (let start = 0; start < missing.length; start += ITEM_CHUNK) {
    const entries = missing.slice(start, start + ITEM_CHUNK);
    checkItems(entries).forEach((result, i) => results.set(entries[i]!.file, result));
  }
  const failed = new Set<string>();
  for (const result of results.values()) for (const id of result.failed ?? []) failed.add(id);
  return { results, failed };
}
