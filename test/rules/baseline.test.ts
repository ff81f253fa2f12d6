import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { RuleId } from '../../src/diagnostics/rule-ids.js';
import { t } from '../../src/i18n/lang.js';
import { applyBaseline, parseBaseline, renderBaseline } from '../../src/validate/baseline.js';

const problem = (file: string, rule: RuleId, path: string, line: number, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({
  rule,
  severity,
  file,
  path,
  line,
  column: 5,
  message: t('问题', 'problem'),
});

const a = problem('catalog/items/b.yaml', 'vague-clause', '/conditions/1', 20);
const b = problem('catalog/items/a.yaml', 'material-unused', '/materials/2', 40);
const c = problem('catalog/items/a.yaml', 'vague-clause', '/conditions/0', 12, 'error');

describe('baseline', () => {
  it('writes sorted, stable JSON keyed by file, rule and pointer, without lines', () => {
    const text = renderBaseline([a, b, c, problem('x', 'internal', '', 1, 'error')]);
    expect(text).toBe(
      [
        '{',
        '  "version": 1,',
        '  "problems": [',
        '    { "file": "catalog/items/a.yaml", "rule": "material-unused", "path": "/materials/2" },',
        '    { "file": "catalog/items/a.yaml", "rule": "vague-clause", "path": "/conditions/0" },',
        '    { "file": "catalog/items/b.yaml", "rule": "vague-clause", "path": "/conditions/1" }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(renderBaseline([c, b, a])).toBe(text);
    expect(renderBaseline([])).toBe('{\n  "version": 1,\n  "problems": []\n}\n');
    expect(JSON.parse(text).problems).toHaveLength(3);
  });

  it('accepts known problems even after their lines moved', () => {
    const baseline = parseBaseline(renderBaseline([a, b])).baseline!;
    const moved = [{ ...a, line: 31 }, { ...b, line: 2 }, c];
    const r = applyBaseline(moved, baseline, { file: 'licat-baseline.json' });
    expect(r.accepted).toBe(2);
    expect(r.diagnostics).toEqual([c]);
  });

  it('counts: two identical problems need two entries', () => {
    const twice = [a, { ...a, line: 21 }];
    const one = parseBaseline(renderBaseline([a])).baseline!;
    expect(applyBaseline(twice, one, { file: 'b.json' }).diagnostics).toEqual([{ ...a, line: 21 }]);
    const two = parseBaseline(renderBaseline(twice)).baseline!;
    expect(applyBaseline(twice, two, { file: 'b.json' }).diagnostics).toEqual([]);
  });

  it('reports an entry that matches nothing as baseline-stale at its line, so the baseline only shrinks', () => {
    const text = renderBaseline([a, b, c]);
    const r = applyBaseline([a, c], parseBaseline(text).baseline!, { file: 'licat-baseline.json' });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ rule: 'baseline-stale', severity: 'warning', file: 'licat-baseline.json', line: 4, column: 5, path: '/problems/0' });
    expect(r.diagnostics[0]!.message.en).toContain('catalog/items/a.yaml material-unused /materials/2');
    expect(applyBaseline([a, c], parseBaseline(text).baseline!, { file: 'x', setting: 'off' }).diagnostics).toEqual([]);
    expect(applyBaseline([a, c], parseBaseline(text).baseline!, { file: 'x', setting: 'error' }).diagnostics[0]!.severity).toBe('error');
  });

  it('maps files through fileKey, so a baseline beside the catalog works from any folder', () => {
    const text = renderBaseline([a], (f) => f.replace(/^catalog\//, ''));
    expect(text).toContain('"file": "items/b.yaml"');
    const r = applyBaseline([a], parseBaseline(text).baseline!, { file: 'catalog/licat-baseline.json', fileKey: (f) => f.replace(/^catalog\//, '') });
    expect(r.diagnostics).toEqual([]);
  });

  it('never accepts internal errors', () => {
    const internal = problem('catalog/catalog.yaml', 'internal', '', 1, 'error');
    const baseline = { entries: [{ file: 'catalog/catalog.yaml', rule: 'internal', path: '' }], positions: [{ line: 1, column: 1 }] };
    expect(applyBaseline([internal], baseline, { file: 'b.json' }).diagnostics.map((d) => d.rule)).toEqual(['baseline-stale', 'internal']);
  });

  it('explains a malformed baseline file', () => {
    expect(parseBaseline('{').error?.en).toContain('not valid JSON');
    expect(parseBaseline('{"version": 2, "problems": []}').error?.en).toBe('a baseline file is { "version": 1, "problems": [...] }');
    expect(parseBaseline('{"version": 1, "problems": [{"file": "a"}]}').error?.en).toBe('baseline entry 1 needs string file, rule and path');
  });
});
