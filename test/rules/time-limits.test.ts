import { describe, expect, it } from 'vitest';
import { longestCalendarDays, mayExceed, mostWorkingDays, shortestCalendarDays } from '../../src/model/time-limit.js';
import { sampleItem } from '../inline.js';
import { at, edit, hits, messages } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';
const PROMISED = '  promised: { value: 10, unit: working-day }';
const STATUTORY = '  statutory: { value: 20, unit: working-day }';

describe('working and calendar days', () => {
  it('spans working days over weekends at the extremes', () => {
    expect(longestCalendarDays({ value: 1, unit: 'working-day' })).toBe(3); // Friday to Monday
    expect(longestCalendarDays({ value: 5, unit: 'working-day' })).toBe(7);
    expect(longestCalendarDays({ value: 6, unit: 'working-day' })).toBe(10);
    expect(shortestCalendarDays({ value: 5, unit: 'working-day' })).toBe(5); // Monday to Friday
    expect(shortestCalendarDays({ value: 6, unit: 'working-day' })).toBe(8);
    expect(shortestCalendarDays({ value: 20, unit: 'working-day' })).toBe(26);
    expect(mostWorkingDays({ value: 7, unit: 'calendar-day' })).toBe(5);
    expect(mostWorkingDays({ value: 10, unit: 'calendar-day' })).toBe(8);
  });

  it('says a limit may exceed another unless it fits on every calendar', () => {
    expect(mayExceed({ value: 10, unit: 'working-day' }, { value: 14, unit: 'calendar-day' })).toBe(false);
    expect(mayExceed({ value: 15, unit: 'working-day' }, { value: 20, unit: 'calendar-day' })).toBe(true);
    expect(mayExceed({ value: 26, unit: 'calendar-day' }, { value: 20, unit: 'working-day' })).toBe(false);
    expect(mayExceed({ value: 27, unit: 'calendar-day' }, { value: 20, unit: 'working-day' })).toBe(true);
    expect(mayExceed({ value: 0, unit: 'instant' }, { value: 0, unit: 'instant' })).toBe(false);
    expect(mayExceed({ value: 1, unit: 'working-day' }, { value: 0, unit: 'instant' })).toBe(true);
  });
});

describe('time-limit-order', () => {
  it('accepts a promise within the statutory limit, also across units', () => {
    expect(hits({ [F]: item }, 'time-limit-order')).toEqual([]);
    const text = edit(item, STATUTORY, '  statutory: { value: 14, unit: calendar-day }');
    expect(hits({ [F]: text }, 'time-limit-order')).toEqual([]);
  });

  it('reports a promise longer than the statutory limit at promised', () => {
    const text = edit(item, PROMISED, '  promised: { value: 25, unit: working-day }');
    expect(hits({ [F]: text }, 'time-limit-order')).toEqual([{ file: 'catalog/items/food.yaml', ...at(text, '{ value: 25'), path: '/timeLimit/promised' }]);
  });

  it('converts conservatively: 15 working days may be longer than 20 calendar days', () => {
    const text = edit(item, STATUTORY, '  statutory: { value: 20, unit: calendar-day }').replace(PROMISED, '  promised: { value: 15, unit: working-day }');
    expect(hits({ [F]: text }, 'time-limit-order')).toEqual([{ file: 'catalog/items/food.yaml', ...at(text, '{ value: 15'), path: '/timeLimit/promised' }]);
    expect(messages({ [F]: text }, 'time-limit-order')[0]).toContain('15 working days can be longer than the statutory 20 calendar days');
  });
});

describe('instant-consistency', () => {
  const instant = (text: string) => edit(edit(text, '  kind: promised', '  kind: instant'), PROMISED, '  promised: { value: 0, unit: instant }');

  it('accepts an instant item with an instant promise', () => {
    expect(hits({ [F]: item }, 'instant-consistency')).toEqual([]);
    expect(hits({ [F]: instant(item) }, 'instant-consistency')).toEqual([]);
  });

  it('reports an instant item with a promise in days, at handling.kind', () => {
    const text = edit(item, '  kind: promised', '  kind: instant');
    expect(hits({ [F]: text }, 'instant-consistency')).toEqual([{ file: 'catalog/items/food.yaml', ...at(text, 'kind: instant', 6), path: '/handling/kind' }]);
  });

  it('reports an instant promise of a promised item, at the unit', () => {
    const text = edit(item, PROMISED, '  promised: { value: 0, unit: instant }');
    expect(hits({ [F]: text }, 'instant-consistency')).toEqual([
      { file: 'catalog/items/food.yaml', ...at(text, 'instant }'), path: '/timeLimit/promised/unit' },
    ]);
  });

  it('reports an instant limit whose value is not 0', () => {
    const text = edit(edit(item, '  kind: promised', '  kind: instant'), PROMISED, '  promised: { value: 3, unit: instant }');
    expect(hits({ [F]: text }, 'instant-consistency')).toEqual([
      { file: 'catalog/items/food.yaml', ...at(text, '3, unit: instant'), path: '/timeLimit/promised/value' },
    ]);
  });
});

describe('process-time-budget', () => {
  it('accepts step limits that fit: 1 + 5 + 2 + 1 = 9 of 10 working days, special procedures not counted', () => {
    expect(hits({ [F]: item }, 'process-time-budget')).toEqual([]);
  });

  it('follows the longest branch and reports the sum at promised', () => {
    // The refusal branch now takes 3 days: 1 + 5 + 2 + 3 = 11 > 10.
    const text = edit(
      item,
      '      name: 书面告知不予许可理由\n      role: 窗口出件人员\n      limit: { value: 1, unit: working-day }',
      '      name: 书面告知不予许可理由\n      role: 窗口出件人员\n      limit: { value: 3, unit: working-day }',
    );
    expect(hits({ [F]: text }, 'process-time-budget')).toEqual([
      { file: 'catalog/items/food.yaml', ...at(text, '{ value: 10, unit: working-day }\n  note'), path: '/timeLimit/promised' },
    ]);
    expect(messages({ [F]: text }, 'process-time-budget')[0]).toContain(
      '(accept 1 working day → review 5 working days → decide 2 working days → refuse 3 working days) add up to 11 working days, more than the promised 10 working days',
    );
  });

  it('cuts a loop back for correction instead of counting it forever', () => {
    const text = edit(
      item,
      '      branches:\n        准予许可: issue\n        不予许可: refuse',
      '      branches:\n        准予许可: issue\n        不予许可: refuse\n        补正后重审: review',
    );
    expect(hits({ [F]: text }, 'process-time-budget')).toEqual([]);
  });
});

describe('local-time-limit', () => {
  const hall = (promised: string) =>
    ['region: "440106"', 'name: 天河区政务服务中心', 'items:', `  "440101001000": { window: 3 号窗口, promised: ${promised} }`, ''].join('\n');

  it('accepts a shorter local promise', () => {
    expect(hits({ [F]: item, 'halls/440106.yaml': hall('{ value: 5, unit: working-day }') }, 'local-time-limit')).toEqual([]);
  });

  it('reports a local promise longer than the unified one, at the local promise', () => {
    const text = hall('{ value: 12, unit: working-day }');
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'local-time-limit')).toEqual([
      { file: 'catalog/halls/440106.yaml', ...at(text, '{ value: 12'), path: '/items/440101001000/promised' },
    ]);
  });
});
