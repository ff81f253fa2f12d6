import { describe, expect, it } from 'vitest';
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
      'yaml-syntax', 'yaml-duplicate-key', 'file-encoding', 'schema', 'code-format', 'code-type-mismatch', 'code-duplicate',
      'uscc-checksum', 'region-unknown', 'time-limit-order', 'instant-consistency', 'visits-reason', 'online-visits', 'fee-basis',
      'catch-all-clause', 'vague-clause', 'process-graph', 'process-time-budget', 'material-unknown', 'material-unused', 'level-tier',
      'unified-override', 'not-in-catalog', 'legal-basis-missing', 'result-type', 'e-license-reuse', 'criteria-vague',
      'criteria-overlap', 'department-unknown',
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
    expect(r.diagnostics[0]!.message.en).toBe('unknown rule id `material-unsued`; did you mean material-unused? (see docs/rules.md for the list)');
  });
});
