import type { RuleId } from '../diagnostics/rule-ids.js';
import type { Rule } from './rule.js';
import { internalRule, loadStageRules } from './rules/load-stage.js';
import { importStageRules } from './rules/import-stage.js';
import { departmentUnknown } from './rules/department-unknown.js';
import { bodyMissing } from './rules/body-missing.js';
import { baselineStale } from './baseline.js';
import { catchAllClause } from './rules/catch-all-clause.js';
import { codeDuplicate } from './rules/code-duplicate.js';
import { codeFormat } from './rules/code-format.js';
import { codeTypeMismatch } from './rules/code-type-mismatch.js';
import { criteriaOverlap } from './rules/criteria-overlap.js';
import { criteriaVague } from './rules/criteria-vague.js';
import { eLicenseReuse } from './rules/e-license-reuse.js';
import { feeBasis } from './rules/fee-basis.js';
import { instantConsistency } from './rules/instant-consistency.js';
import { legalBasisMissing } from './rules/legal-basis-missing.js';
import { levelTier } from './rules/level-tier.js';
import { localTimeLimit } from './rules/local-time-limit.js';
import { materialUnknown } from './rules/material-unknown.js';
import { materialUnused } from './rules/material-unused.js';
import { notInCatalog } from './rules/not-in-catalog.js';
import { onlineVisits } from './rules/online-visits.js';
import { processGraphRule } from './rules/process-graph.js';
import { processSizeRule } from './rules/process-size.js';
import { processTimeBudget } from './rules/process-time-budget.js';
import { regionUnknown } from './rules/region-unknown.js';
import { resultType } from './rules/result-type.js';
import { timeLimitOrder } from './rules/time-limit-order.js';
import { unifiedOverride } from './rules/unified-override.js';
import { usccChecksum } from './rules/uscc-checksum.js';
import { vagueClause } from './rules/vague-clause.js';
import { traditionalCharacters } from './rules/traditional-characters.js';
import { visitsReason } from './rules/visits-reason.js';
import { textFixableRules } from './rules/text-fixable.js';

/**
 * Every rule licat knows, in one list, in the order of diagnostics/rule-ids.ts. Adding a rule means
 * adding its id there and its module here (test/rules/settings.test.ts checks that both agree).
 */
export const RULES: readonly Rule[] = [
  ...loadStageRules,
  internalRule,
  departmentUnknown,
  bodyMissing,
  // The ten-unified rule set, in the order of docs/rules.md.
  codeFormat,
  codeTypeMismatch,
  codeDuplicate,
  usccChecksum,
  regionUnknown,
  timeLimitOrder,
  instantConsistency,
  visitsReason,
  onlineVisits,
  feeBasis,
  catchAllClause,
  vagueClause,
  traditionalCharacters,
  processSizeRule,
  processGraphRule,
  processTimeBudget,
  materialUnknown,
  materialUnused,
  levelTier,
  unifiedOverride,
  notInCatalog,
  localTimeLimit,
  legalBasisMissing,
  resultType,
  eLicenseReuse,
  criteriaVague,
  criteriaOverlap,
  ...importStageRules,
  // Found in the text of a file; `validate --fix` fixes them.
  ...textFixableRules,
  baselineStale,
];

export const RULES_BY_ID: ReadonlyMap<RuleId, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));
