import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULE_TABLE } from '../../src/diagnostics/rule-ids.js';
import { RULES } from '../../src/validate/registry.js';
import { BASE, checkInline, sampleItem } from '../inline.js';
import { at, edit } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';
const unused = edit(item, ', power-of-attorney]', ']');
const withRules = (...lines: string[]) => BASE['catalog.yaml']! + ['rules:', ...lines, ''].join('\n');

describe('the rule registry', () => {
  it('has every rule id of the brief, each with a default severity and a description in both languages', () => {
    const brief = [
      'yaml-syntax',
      'yaml-duplicate-key',
      'file-encoding',
      'schema',
      'code-format',
      'code-type-mismatch',
      'code-duplicate',
      'uscc-checksum',
      'region-unknown',
      'time-limit-order',
      'instant-consistency',
      'visits-reason',
      'online-visits',
      'fee-basis',
      'catch-all-clause',
      'vague-clause',
      'process-graph',
      'process-time-budget',
      'material-unknown',
      'material-unused',
      'level-tier',
      'unified-override',
      'not-in-catalog',
      'legal-basis-missing',
      'result-type',
      'e-license-reuse',
      'criteria-vague',
      'criteria-overlap',
      'department-unknown',
    ];
    const ids = RULES.map((r) => r.id);
    for (const id of brief) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.description.en).toMatch(/^[^\u4e00-\u9fff]*[a-z]/);
    }
  });
});

describe('rule settings in catalog.yaml', () => {
  it('turns a rule off, or raises a warning to an error', () => {
    const findings = (catalog?: string) =>
      checkInline({ [F]: unused, ...(catalog ? { 'catalog.yaml': catalog } : {}) }).diagnostics.map((d) => `${d.rule}:${d.severity}`);
    expect(findings()).toEqual(['material-unused:warning']);
    expect(findings(withRules('  material-unused: error'))).toEqual(['material-unused:error']);
    expect(findings(withRules('  material-unused: off'))).toEqual([]);
  });

  it('reports an unknown rule id at its key, suggesting the near one', () => {
    const catalog = withRules('  material-unsued: off');
    const r = checkInline({ [F]: item, 'catalog.yaml': catalog });
    expect(r.diagnostics.map((d) => ({ rule: d.rule, file: d.file, line: d.line, column: d.column, path: d.path }))).toEqual([
      { rule: 'schema', file: 'catalog/catalog.yaml', ...at(catalog, 'material-unsued'), path: '/rules/material-unsued' },
    ]);
    const message = r.diagnostics[0]!.message.en;
    expect(message).toMatch(
      /^unknown rule id `material-unsued`; did you mean material-unused\? \(the rules: yaml-syntax, .*, baseline-stale; see docs\/rules.md\)$/,
    );
    // Every rule a setting may name is listed, and `internal` is not.
    for (const id of RULE_IDS) expect(message.includes(` ${id},`) || message.includes(` ${id};`)).toBe(id !== 'internal');
    expect(r.diagnostics[0]!.message.zh).toContain('可用的规则：yaml-syntax, yaml-duplicate-key');
  });

  it('refuses to turn a structural rule off or down to a warning, saying why, and keeps it at error', () => {
    const broken = edit(item, '\nname: ', '\nnom: ');
    const catalog = withRules('  schema: off', '  code-duplicate: warning', '  yaml-syntax: error');
    const r = checkInline({ [F]: broken, 'catalog.yaml': catalog });
    const settings = r.diagnostics.filter((d) => d.file === 'catalog/catalog.yaml');
    // Located at the setting's value.
    expect(settings.map((d) => ({ rule: d.rule, severity: d.severity, path: d.path, line: d.line, column: d.column }))).toEqual([
      { rule: 'schema', severity: 'error', path: '/rules/schema', ...at(catalog, '  schema: off', 10) },
      { rule: 'schema', severity: 'error', path: '/rules/code-duplicate', ...at(catalog, '  code-duplicate: warning', 18) },
    ]);
    expect(settings[0]!.message.en).toBe(
      'the rule schema cannot be set to off: a file this rule reports is left out of the catalog; turned off or down to a warning, the file would vanish from the outputs without a word',
    );
    expect(settings[1]!.message.en).toMatch(/^the rule code-duplicate cannot be set to warning: two items of one code would write the same output files/);
    expect(settings[0]!.message.zh).toMatch(/^规则 schema 不能设为 off：/);
    // The item's schema problem is still reported, as an error: the setting changed nothing.
    expect(r.diagnostics.filter((d) => d.file === 'catalog/items/food.yaml').map((d) => `${d.rule}:${d.severity}`)).toContain('schema:error');
    expect(r.catalog.items).toEqual([]);
  });
});

describe('the closed list of rule ids', () => {
  it('has exactly one registered rule per id, in the same order', () => {
    expect(RULES.map((rule) => rule.id)).toEqual(RULE_IDS);
  });

  it('marks the rules the pipeline relies on as structural, each with a reason in both languages', () => {
    const structural = RULE_IDS.filter((id) => RULE_TABLE[id].structural);
    expect(structural).toEqual([
      'yaml-syntax',
      'yaml-duplicate-key',
      'file-encoding',
      'file-size',
      'file-type',
      'file-link',
      'schema',
      'internal',
      'code-duplicate',
      'process-size',
      'fullwidth-digits',
      'time-unit-spelling',
      'placeholder',
      'fees-wording',
    ]);
    for (const id of structural) {
      const why = (RULE_TABLE[id] as { why: { zh: string; en: string } }).why;
      expect(why.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(why.en).toMatch(/^[a-z]/);
    }
  });
});
