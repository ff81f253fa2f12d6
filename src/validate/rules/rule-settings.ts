import { t } from '../../i18n/lang.js';
import { pointer, type Finding } from '../../diagnostics/diagnostic.js';
import type { Catalog } from '../../model/catalog.js';
import { RULES_BY_ID } from '../registry.js';

/**
 * The `rules:` settings of catalog.yaml name known rules: a misspelt id would silently do
 * nothing. Reported as a schema problem at that key.
 */
export function unknownRuleSettings(catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  for (const id of Object.keys(catalog.meta?.rules ?? {})) {
    if (RULES_BY_ID.has(id) && id !== 'internal') continue;
    const near = [...RULES_BY_ID.keys()].filter((known) => known !== 'internal' && closeTo(id, known));
    const hint = near.length > 0 ? near.join(', ') : '';
    findings.push({
      rule: 'schema',
      file: catalog.metaFile,
      path: pointer(['rules', id]),
      at: 'key',
      message: t(
        `未知的规则标识 \`${id}\`${hint ? `；是否想写 ${hint}？` : ''}（规则一览见 docs/rules.md）`,
        `unknown rule id \`${id}\`${hint ? `; did you mean ${hint}?` : ''} (see docs/rules.md for the list)`,
      ),
    });
  }
  return findings;
}

/** Edit distance of at most 2, or one contains the other: enough to catch a typo. */
function closeTo(a: string, b: string): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  if (Math.abs(a.length - b.length) > 2) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]! <= 2;
}
