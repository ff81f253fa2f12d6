import type { Finding } from '../diagnostics/diagnostic.js';
import type { Catalog } from '../model/catalog.js';
import { t } from '../i18n/lang.js';
import { RULES } from './registry.js';

/**
 * Run every rule with a check over the composed catalog. A rule that throws is a bug in licat;
 * it is reported as such (`internal`) instead of hiding the other rules' findings.
 */
export function runRules(catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  const off = new Set(Object.entries(catalog.meta?.rules ?? {}).filter(([, v]) => v === 'off').map(([k]) => k));
  for (const rule of RULES) {
    if (!rule.check || off.has(rule.id)) continue;
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
