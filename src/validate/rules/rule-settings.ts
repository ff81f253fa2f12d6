import { t } from '../../i18n/lang.js';
import { pointer, type Finding, type SeveritySetting } from '../../diagnostics/diagnostic.js';
import { isRuleId, RULE_IDS, structuralReason, type RuleId } from '../../diagnostics/rule-ids.js';
import type { Catalog } from '../../model/catalog.js';

/** The ids a `rules:` setting may name: every rule but `internal`, which is never set. */
const SETTABLE = RULE_IDS.filter((id) => id !== 'internal');

/**
 * The `rules:` settings of catalog.yaml name known rules, and leave structural rules at `error`:
 * a misspelt id would silently do nothing, and a structural rule turned off would let a broken
 * file vanish from the outputs. Each is reported as a schema problem at that setting, listing
 * the valid ids or saying why the rule stays.
 */
export function ruleSettingFindings(catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  for (const [id, setting] of Object.entries(catalog.meta?.rules ?? {})) {
    if (!isRuleId(id) || id === 'internal') {
      const near = SETTABLE.filter((known) => closeTo(id, known));
      const hint = near.length > 0 ? near.join(', ') : '';
      findings.push({
        rule: 'schema',
        file: catalog.metaFile,
        path: pointer(['rules', id]),
        at: 'key',
        message: t(
          `未知的规则标识 \`${id}\`${hint ? `；是否想写 ${hint}？` : ''}（可用的规则：${SETTABLE.join(', ')}；见 docs/rules.md）`,
          `unknown rule id \`${id}\`${hint ? `; did you mean ${hint}?` : ''} (the rules: ${SETTABLE.join(', ')}; see docs/rules.md)`,
        ),
      });
      continue;
    }
    const why = structuralReason(id);
    if (why && setting !== 'error') {
      findings.push({
        rule: 'schema',
        file: catalog.metaFile,
        path: pointer(['rules', id]),
        message: t(`规则 ${id} 不能设为 ${setting}：${why.zh}`, `the rule ${id} cannot be set to ${setting}: ${why.en}`),
      });
    }
  }
  return findings;
}

/**
 * The settings of catalog.yaml that take effect: those of known rules that may be changed.
 * Unknown ids and structural rules set to anything but `error` are reported by
 * `ruleSettingFindings` and change nothing.
 */
export function effectiveSettings(rules: Readonly<Record<string, SeveritySetting>> | undefined): Partial<Record<RuleId, SeveritySetting>> {
  const out: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const [id, setting] of Object.entries(rules ?? {})) {
    if (isRuleId(id) && structuralReason(id) === undefined) out[id] = setting;
  }
  return out;
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
