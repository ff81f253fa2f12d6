import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult } from '../../src/diff/diff-result.js';
import { copySample, licat } from '../helpers.js';

/**
 * A realistic change to the sample catalog, counted by hand: five items get shorter promised
 * limits (three of them with a shorter review step so the steps still fit), and a catch-all
 * material that the base copy had is removed.
 */
const CUTS: Array<{ file: string; code: string; edits: Array<[string, string]>; cut: number }> = [
  // 10 -> 9 working days (the longest path of steps is 1 + 5 + 2 + 1 = 9).
  {
    file: 'market/food-business.yaml',
    code: '440101001000',
    edits: [['  promised: { value: 10, unit: working-day }', '  promised: { value: 9, unit: working-day }']],
    cut: 1,
  },
  // review 8 -> 5 and promised 12 -> 9 working days.
  {
    file: 'culture/entertainment-venue.yaml',
    code: '440101016000',
    edits: [
      ['      limit: { value: 8, unit: working-day }', '      limit: { value: 5, unit: working-day }'],
      ['  promised: { value: 12, unit: working-day }', '  promised: { value: 9, unit: working-day }'],
    ],
    cut: 3,
  },
  // review 40 -> 20 and promised 60 -> 40 calendar days: 20 calendar days cut hold at least
  // 5 x 2 + (6 - 2) = 14 working days.
  {
    file: 'education/private-school.yaml',
    code: '440101021000',
    edits: [
      ['      limit: { value: 40, unit: calendar-day }', '      limit: { value: 20, unit: calendar-day }'],
      ['  promised: { value: 60, unit: calendar-day }', '  promised: { value: 40, unit: calendar-day }'],
    ],
    cut: 14,
  },
  // review 5 -> 3 and promised 8 -> 6 working days.
  {
    file: 'housing/presale-permit.yaml',
    code: '440101012000',
    edits: [
      ['      limit: { value: 5, unit: working-day }', '      limit: { value: 3, unit: working-day }'],
      ['  promised: { value: 8, unit: working-day }', '  promised: { value: 6, unit: working-day }'],
    ],
    cut: 2,
  },
  // 12 -> 11 working days (longest path 1 + 8 + 1 + 1 = 11).
  {
    file: 'transport/taxi-operation.yaml',
    code: '440101015000',
    edits: [['  promised: { value: 12, unit: working-day }', '  promised: { value: 11, unit: working-day }']],
    cut: 1,
  },
];

/** No sample item has a catch-all clause (the rule is an error); the base copy gets one. */
const CATCH_ALL = { file: 'hrss/hr-service.yaml', code: '440101019000' };
const CATCH_ALL_MATERIAL =
  '  - id: other-materials\n    name: 其他相关材料\n    necessity: optional\n    forms: [paper]\n    copies: 1\n    source: applicant\n';

function editOnce(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`${file}: expected "${from.trim()}" once, found ${count}: the sample changed; update the hand count in this test`);
  writeFileSync(file, text.replace(from, to));
}

describe('licat diff on a realistic change to the sample catalog', () => {
  let head: string;
  let base: string;
  let result: DiffResult;

  beforeAll(() => {
    head = copySample();
    base = path.join(path.dirname(head), 'base');
    cpSync(head, base, { recursive: true });
    editOnce(path.join(base, 'items', CATCH_ALL.file), 'materials:\n', `materials:\n${CATCH_ALL_MATERIAL}`);
    for (const cut of CUTS) for (const [from, to] of cut.edits) editOnce(path.join(head, 'items', cut.file), from, to);
    const r = licat(['diff', base, head, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    result = JSON.parse(r.stdout) as DiffResult;
  });

  it('finds exactly the six changed items, all with unified changes', () => {
    const codes = [...CUTS.map((c) => c.code), CATCH_ALL.code].sort();
    expect(result.items.map((i) => i.code)).toEqual(codes);
    expect(result.summary).toMatchObject({ added: 0, removed: 0, renamed: 0, changed: 6, unifiedChanged: 6 });
    expect(result.summary.unchanged).toBe(result.head.items - 6);
    expect(result.items.find((i) => i.code === CATCH_ALL.code)!.elements).toEqual(['materials']);
  });

  it('matches the hand count of the reform figures', () => {
    // 1 + 3 + 14 + 2 + 1 = 21 working days over five items; one of them in calendar days.
    expect(result.figures.promised).toEqual({ cutDays: 21, addedDays: 0, itemsCut: 5, itemsLengthened: 0, inexact: 1 });
    for (const cut of CUTS) expect([cut.code, result.items.find((i) => i.code === cut.code)!.figures.promised!.cut]).toEqual([cut.code, cut.cut]);
    expect(result.figures.statutory.changed).toBe(0);
    expect(result.figures.steps).toEqual({ removed: 0, added: 0, changed: 3 });
    expect(result.figures.materials).toEqual({ removed: 1, added: 0, changed: 0 });
    expect(result.figures.catchAllClauses).toEqual({ removed: 1, introduced: 0 });
    expect(result.figures.vagueClauses).toEqual({ removed: 0, introduced: 0 });
    expect(result.figures.visits.reduced).toBe(0);
  });

  it('names the feeds that change over the real region tree', () => {
    expect(result.feeds.items).toEqual({ added: [], removed: [], changed: result.items.map((i) => i.code) });
    // The edits change the items' own elements only: hall feeds name an item by its code, so
    // none of the 28,743 changes.
    expect(result.feeds.hallsByTier).toEqual({
      province: { added: 0, removed: 0, changed: 0, total: 1 },
      city: { added: 0, removed: 0, changed: 0, total: 21 },
      county: { added: 0, removed: 0, changed: 0, total: 122 },
      town: { added: 0, removed: 0, changed: 0, total: 1757 },
      village: { added: 0, removed: 0, changed: 0, total: 26842 },
    });
  });

  it('writes a markdown summary with the figures and the items', () => {
    const md = licat(['diff', base, head, '--format', 'markdown', '--lang', 'en']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| promised time cut | 21 working days (5 items; 1 in calendar days, counted at the lower bound) |');
    expect(md.stdout).toContain('| catch-all clauses | 1 removed, 0 introduced |');
    expect(md.stdout).toContain(
      '| `440101021000` | 实施学历教育的民办学校设立审批 | changed | **⚠ process \\~1**; **⚠ promised limit 60→40 calendar days** | 60 calendar days → 40 calendar days |',
    );
  });

  it('leaves the changed items valid', () => {
    const r = licat(['validate', head, '--format', 'json']);
    const problems = (JSON.parse(r.stdout) as { problems: Array<{ file: string; rule: string }> }).problems;
    const touched = CUTS.map((c) => c.file);
    expect(problems.filter((p) => touched.some((f) => p.file.endsWith(f)))).toEqual([]);
  });
});
