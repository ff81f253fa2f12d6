import { describe, expect, it } from 'vitest';
import { sampleItem } from '../inline.js';
import { at, edit, hits, messages } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';
const FILE = 'catalog/items/food.yaml';
const RANGES = ['      - { min: 25, unit: 米, outcome: 该项核查通过 }', '      - { max: 25, unit: 米, outcome: 该项核查不通过，作出不予许可决定 }'].join('\n');
const withRanges = (...ranges: string[]) => edit(item, RANGES, ranges.map((r) => `      - ${r}`).join('\n'));
const withRule = (rule: string) => edit(item, '    ranges:\n' + RANGES, `    rule: ${rule}`);

describe('criteria-overlap', () => {
  it('accepts ranges that meet exactly: [-∞, 25) and [25, +∞)', () => {
    expect(hits({ [F]: item }, 'criteria-overlap')).toEqual([]);
    const text = withRanges(
      '{ max: 10, unit: 米, outcome: 不予许可 }',
      '{ min: 10, max: 25, unit: 米, outcome: 整改后复查 }',
      '{ min: 25, unit: 米, outcome: 通过 }',
    );
    expect(hits({ [F]: text }, 'criteria-overlap')).toEqual([]);
  });

  it('reports overlapping ranges at the later one, naming both', () => {
    const text = withRanges('{ min: 25, unit: 米, outcome: 该项核查通过 }', '{ max: 30, unit: 米, outcome: 不予许可 }');
    expect(hits({ [F]: text }, 'criteria-overlap')).toEqual([{ file: FILE, ...at(text, '{ max: 30'), path: '/criteria/0/ranges/1' }]);
    expect(messages({ [F]: text }, 'criteria-overlap')[0]).toBe(
      'criterion site-distance: ranges [-∞, 30) 米 and [25, +∞) 米 overlap, so one value has two outcomes (min inclusive, max exclusive)',
    );
  });

  it('reports a gap between ranges', () => {
    const text = withRanges('{ min: 30, unit: 米, outcome: 该项核查通过 }', '{ max: 25, unit: 米, outcome: 不予许可 }');
    expect(hits({ [F]: text }, 'criteria-overlap')).toEqual([{ file: FILE, ...at(text, '{ max: 25'), path: '/criteria/0/ranges/1' }]);
    expect(messages({ [F]: text }, 'criteria-overlap')[0]).toContain('[-∞, 25) 米 and [30, +∞) 米 leave a gap [25, 30)');
  });

  it('reports an empty range and mixed units', () => {
    const empty = withRanges(
      '{ min: 25, max: 25, unit: 米, outcome: 通过 }',
      '{ max: 25, unit: 米, outcome: 不予许可 }',
      '{ min: 25, unit: 米, outcome: 通过 }',
    );
    expect(hits({ [F]: empty }, 'criteria-overlap')).toEqual([{ file: FILE, ...at(empty, '{ min: 25, max: 25'), path: '/criteria/0/ranges/0' }]);
    const units = withRanges('{ min: 25, unit: 米, outcome: 通过 }', '{ max: 25, unit: 公里, outcome: 不予许可 }');
    expect(hits({ [F]: units }, 'criteria-overlap')).toEqual([{ file: FILE, ...at(units, '{ max: 25, unit: 公里'), path: '/criteria/0/ranges/1' }]);
  });
});

describe('criteria-vague', () => {
  it('accepts definite outcomes and a quantified rule', () => {
    expect(hits({ [F]: item }, 'criteria-vague')).toEqual([]);
    expect(hits({ [F]: withRule('距离不少于25米的该项核查通过；不足25米的作出不予许可决定。') }, 'criteria-vague')).toEqual([]);
    expect(hits({ [F]: withRule('距离不足二十五米的不予许可，达到二十五米的通过。') }, 'criteria-vague')).toEqual([]);
  });

  it('reports a vague outcome at that outcome, quoting it', () => {
    const text = edit(item, 'outcome: 该项核查不通过，作出不予许可决定', 'outcome: 视情况从轻处理');
    expect(hits({ [F]: text }, 'criteria-vague')).toEqual([
      { file: FILE, ...at(text, '视情况从轻处理'), path: '/criteria/0/ranges/1/outcome' },
      { file: FILE, ...at(text, '视情况从轻处理'), path: '/criteria/0/ranges/1/outcome' },
    ]);
    expect(messages({ [F]: text }, 'criteria-vague', 'zh').sort()).toEqual([
      '裁量标准 site-distance 的结果含糊「从轻」：写明具体结果：准予或不予、期限、数额',
      '裁量标准 site-distance 的结果含糊「视情况」：写明唯一确定的结果，如“准予许可”或“不予许可”',
    ]);
    // vague-clause leaves the outcome to criteria-vague instead of repeating it.
    expect(hits({ [F]: text }, 'vague-clause')).toEqual([]);
  });

  it('reports a rule without a number', () => {
    const text = withRule('距离符合要求的通过，不符合的不予许可。');
    expect(hits({ [F]: text }, 'criteria-vague')).toEqual([{ file: FILE, ...at(text, '距离符合要求的通过'), path: '/criteria/0/rule' }]);
    expect(messages({ [F]: text }, 'criteria-vague')[0]).toContain('rule site-distance states no number');
  });
});

describe('criteria-vague terms', () => {
  it('flag a discretionary "may grant" but not a remedy the applicant may use', () => {
    const text = edit(item, 'outcome: 该项核查不通过，作出不予许可决定', 'outcome: 不予许可，申请人可以在60日内申请行政复议');
    expect(hits({ [F]: text }, 'criteria-vague')).toEqual([]);
    const may = edit(item, 'outcome: 该项核查不通过，作出不予许可决定', 'outcome: 可以准予许可');
    expect(messages({ [F]: may }, 'criteria-vague')).toEqual([expect.stringContaining('“可以准予”')]);
  });
});
