import { t, type Text } from '../i18n/lang.js';

/** Why a rule that keeps a file out of the catalog cannot be turned off or downgraded. */
const LEFT_OUT = t(
  '报告该问题的文件不会载入目录；关闭或降级后，该文件会从输出中悄然消失',
  'a file this rule reports is left out of the catalog; turned off or down to a warning, the file would vanish from the outputs without a word',
);

/**
 * Every rule id licat knows, in the order of docs/rules.md: the one closed list. A rule module
 * (validate/registry.ts) exists for each and a test checks both ways. `structural` rules guard
 * what the rest of the pipeline relies on; catalog.yaml cannot turn them off or make them
 * warnings (validate/rules/rule-settings.ts reports the setting with `why`).
 */
export const RULE_TABLE = {
  'yaml-syntax': { structural: true, why: LEFT_OUT },
  'yaml-duplicate-key': { structural: true, why: LEFT_OUT },
  'file-encoding': { structural: true, why: LEFT_OUT },
  'file-size': { structural: true, why: LEFT_OUT },
  'file-type': { structural: true, why: LEFT_OUT },
  'file-link': { structural: true, why: LEFT_OUT },
  schema: { structural: true, why: LEFT_OUT },
  internal: { structural: true, why: t('licat 自身的故障不能被隐藏', 'a failure inside licat cannot be hidden') },
  'department-unknown': { structural: false },
  'body-missing': { structural: false },
  'code-format': { structural: false },
  'code-type-mismatch': { structural: false },
  'code-duplicate': {
    structural: true,
    why: t('同一编码的两个事项会写出同一批输出文件，构建无法进行', 'two items of one code would write the same output files, and the build could not go on'),
  },
  'uscc-checksum': { structural: false },
  'region-unknown': { structural: false },
  'time-limit-order': { structural: false },
  'instant-consistency': { structural: false },
  'visits-reason': { structural: false },
  'online-visits': { structural: false },
  'fee-basis': { structural: false },
  'catch-all-clause': { structural: false },
  'vague-clause': { structural: false },
  'traditional-characters': { structural: false },
  'process-size': {
    structural: true,
    why: t(
      '超过上限的流程无法绘制流程图；关闭或降级后，构建会在绘制流程图时失败',
      'a process past the limits cannot be drawn; turned off or down to a warning, the build would fail at the flowcharts',
    ),
  },
  'process-graph': { structural: false },
  'process-time-budget': { structural: false },
  'material-unknown': { structural: false },
  'material-unused': { structural: false },
  'level-tier': { structural: false },
  'unified-override': { structural: false },
  'not-in-catalog': { structural: false },
  'local-time-limit': { structural: false },
  'legal-basis-missing': { structural: false },
  'result-type': { structural: false },
  'e-license-reuse': { structural: false },
  'criteria-vague': { structural: false },
  'criteria-overlap': { structural: false },
  // licat import: problems of the spreadsheet, not of the catalog.
  'import-sheet': { structural: false },
  'import-sheet-skipped': { structural: false },
  'import-column': { structural: false },
  'import-cell': { structural: false },
  'fullwidth-digits': { structural: true, why: LEFT_OUT },
  'invisible-character': { structural: false },
  'trailing-space': { structural: false },
  'time-unit-spelling': { structural: true, why: LEFT_OUT },
  placeholder: { structural: true, why: t('未填写的事项不能发布到任何大厅', 'an item not filled in cannot be published to any hall') },
  'fees-wording': { structural: true, why: LEFT_OUT },
  'baseline-stale': { structural: false },
} as const satisfies Record<string, { structural: false } | { structural: true; why: Text }>;

/** A rule's fixed id: one of `RULE_TABLE`'s keys. */
export type RuleId = keyof typeof RULE_TABLE;

/** Every rule id, in the table's order. */
export const RULE_IDS = Object.keys(RULE_TABLE) as RuleId[];

/** Whether `id` names a rule (a setting in catalog.yaml or an entry of a baseline may not). */
export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULE_TABLE, id);
}

/** Why a structural rule cannot be turned off or downgraded; undefined for the others. */
export function structuralReason(id: RuleId): Text | undefined {
  const entry: { structural: boolean; why?: Text } = RULE_TABLE[id];
  return entry.structural ? entry.why : undefined;
}
