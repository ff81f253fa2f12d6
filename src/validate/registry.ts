import type { Rule } from './rule.js';
import { internalRule, loadStageRules } from './rules/load-stage.js';
import { departmentUnknown } from './rules/department-unknown.js';
import { bodyMissing } from './rules/body-missing.js';

/** Every rule licat knows, in one list. Adding a rule means adding it here. */
export const RULES: readonly Rule[] = [...loadStageRules, internalRule, departmentUnknown, bodyMissing];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));
