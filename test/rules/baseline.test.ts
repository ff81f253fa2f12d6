import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { RuleId } from '../../src/diagnostics/rule-ids.js';
import { t } from '../../src/i18n/lang.js';
import { parseYaml } from '../../src/load/parse-yaml.js';
import { applyBaseline, parseBaseline, renderBaseline, type DataOf } from '../../src/validate/baseline.js';
import { stableIdentity } from '../../src/validate/stable-identity.js';
import { checkInline, sampleItem } from '../inline.js';

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
  it('writes sorted, stable JSON keyed by file, rule and the identity of the place, without lines', () => {
    const data: Record<string, unknown> = {
      'catalog/items/a.yaml': { conditions: ['有固定场所'], materials: [{ id: 'form' }, { id: 'licence' }, { id: 'plan' }] },
      'catalog/items/b.yaml': { conditions: ['场所面积不少于 20 平方米', '具备相应条件'] },
    };
    const text = renderBaseline([a, b, c, problem('x', 'internal', '', 1, 'error')], { dataOf: (f) => data[f] });
    const print = (value: unknown) => stableIdentity(value, '/0').slice(1);
    expect(text).toBe(
      [
        '{',
        '  "version": 2,',
        '  "problems": [',
        '    { "file": "catalog/items/a.yaml", "rule": "material-unused", "at": "/materials/@plan" },',
        `    { "file": "catalog/items/a.yaml", "rule": "vague-clause", "at": "/conditions/${print(['有固定场所'])}" },`,
        `    { "file": "catalog/items/b.yaml", "rule": "vague-clause", "at": "/conditions/${print(['具备相应条件'])}" }`,
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(print(['具备相应条件'])).toMatch(/^#[0-9a-f]{12}$/);
    expect(renderBaseline([c, b, a], { dataOf: (f) => data[f] })).toBe(text);
    expect(renderBaseline([])).toBe('{\n  "version": 2,\n  "problems": []\n}\n');
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
    expect(r.diagnostics[0]).toMatchObject({
      rule: 'baseline-stale',
      severity: 'warning',
      file: 'licat-baseline.json',
      line: 4,
      column: 5,
      path: '/problems/0',
    });
    expect(r.diagnostics[0]!.message.en).toContain('catalog/items/a.yaml material-unused /materials/2');
    expect(applyBaseline([a, c], parseBaseline(text).baseline!, { file: 'x', setting: 'off' }).diagnostics).toEqual([]);
    expect(applyBaseline([a, c], parseBaseline(text).baseline!, { file: 'x', setting: 'error' }).diagnostics[0]!.severity).toBe('error');
  });

  it('maps files through fileKey, so a baseline beside the catalog works from any folder', () => {
    const text = renderBaseline([a], { fileKey: (f) => f.replace(/^catalog\//, '') });
    expect(text).toContain('"file": "items/b.yaml"');
    const r = applyBaseline([a], parseBaseline(text).baseline!, { file: 'catalog/licat-baseline.json', fileKey: (f) => f.replace(/^catalog\//, '') });
    expect(r.diagnostics).toEqual([]);
  });

  it('never accepts internal errors', () => {
    const internal = problem('catalog/catalog.yaml', 'internal', '', 1, 'error');
    const baseline = { version: 2 as const, entries: [{ file: 'catalog/catalog.yaml', rule: 'internal', at: '' }], position: () => ({ line: 1, column: 1 }) };
    expect(applyBaseline([internal], baseline, { file: 'b.json' }).diagnostics.map((d) => d.rule)).toEqual(['baseline-stale', 'internal']);
  });

  it('explains a malformed baseline file', () => {
    expect(parseBaseline('{').error?.en).toContain('not valid JSON');
    expect(parseBaseline('{"version": 3, "problems": []}').error?.en).toBe(
      'a baseline file is { "version": 2, "problems": [...] }; regenerate it with --write-baseline',
    );
    expect(parseBaseline('{"version": 2, "problems": [{"file": "a"}]}').error?.en).toBe('baseline entry 1 needs string file, rule and at');
    expect(parseBaseline('{"version": 1, "problems": [{"file": "a"}]}').error?.en).toBe('baseline entry 1 needs string file, rule and path');
  });

  it('still reads a version 1 file (keyed by plain pointers) and matches it as before', () => {
    const v1 = '{ "version": 1, "problems": [ { "file": "catalog/items/a.yaml", "rule": "material-unused", "path": "/materials/2" } ] }';
    const baseline = parseBaseline(v1).baseline!;
    expect(baseline.version).toBe(1);
    expect(applyBaseline([b, c], baseline, { file: 'b.json' })).toEqual({ diagnostics: [c], accepted: 1 });
  });

  it('matches 200,000 entries in linear time', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => problem(`catalog/items/${i % 1000}.yaml`, 'vague-clause', `/conditions/${i}`, i + 1));
    const text = renderBaseline(many);
    const start = performance.now();
    const r = applyBaseline(many, parseBaseline(text).baseline!, { file: 'b.json' });
    expect(r.accepted).toBe(200_000);
    // Quadratic matching took minutes; linear takes well under a second even on a busy machine.
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

describe('baseline on a real item', () => {
  /** The sample item with one material no step uses: a material-unused warning. */
  const unused = sampleItem().replace(
    'materials:\n',
    'materials:\n  - id: old-permit\n    name: 原许可证\n    necessity: required\n    forms: [paper]\n    source: applicant\n',
  );
  const dataOf =
    (texts: ReadonlyMap<string, string>): DataOf =>
    (file) =>
      parseYaml(texts.get(file) ?? '', file).data;

  it('keeps a baselined problem accepted after a material is inserted above it and the list reordered', () => {
    const before = checkInline({ 'items/a.yaml': unused });
    const warning = before.diagnostics.filter((d) => d.rule === 'material-unused');
    expect(warning.map((d) => d.path)).toEqual(['/materials/0']);
    const text = renderBaseline(before.diagnostics, { dataOf: dataOf(before.texts) });
    expect(text).toContain('"rule": "material-unused", "at": "/materials/@old-permit"');

    // A new (used) material above it, and the old one moved to the end: its pointer changes twice.
    const inserted = unused
      .replace(/ {2}- id: old-permit\n( {4}.*\n){4}/, '')
      .replace('materials:\n', 'materials:\n  - id: extra-form\n    name: 补充申请表\n    necessity: required\n    forms: [paper]\n    source: applicant\n')
      .replace(/\nconditions:/, '\n_:')
      .replace(
        '  - id: business-licence\n',
        '  - id: old-permit\n    name: 原许可证\n    necessity: required\n    forms: [paper]\n    source: applicant\n  - id: business-licence\n',
      )
      .replace('\n_:', '\nconditions:')
      .replace('materials: [application-form,', 'materials: [extra-form, application-form,');
    const after = checkInline({ 'items/a.yaml': inserted });
    const moved = after.diagnostics.filter((d) => d.rule === 'material-unused');
    expect(moved.map((d) => d.path)).toEqual(['/materials/2']);
    const applied = applyBaseline(after.diagnostics, parseBaseline(text).baseline!, { file: 'licat-baseline.json', dataOf: dataOf(after.texts) });
    // The old problem is still accepted; nothing new appears and nothing goes stale.
    expect(applied.diagnostics).toEqual([]);
    expect(applied.accepted).toBe(before.diagnostics.length);

    // With positions as keys (a version 1 file) the same edit broke the baseline.
    const v1 = text.replace('"version": 2', '"version": 1').replace(/"at":/g, '"path":').replace('/materials/@old-permit', '/materials/0');
    const old = applyBaseline(after.diagnostics, parseBaseline(v1).baseline!, { file: 'licat-baseline.json' });
    expect(old.diagnostics.map((d) => d.rule).sort()).toEqual(['baseline-stale', 'material-unused']);
  });
});
