import { describe, expect, it } from 'vitest';
import { sampleItem } from '../inline.js';
import { at, edit, hits, messages } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';
const FILE = 'catalog/items/food.yaml';
/** The sample with one visit (online depth 3, so online-visits stays quiet). */
const oneVisit = edit(edit(item, '  visits: 0\n', '  visits: 1\n'), '  onlineDepth: 4\n', '  onlineDepth: 3\n');

describe('visits-reason', () => {
  it('accepts zero visits, and a visit with its reason', () => {
    expect(hits({ [F]: item }, 'visits-reason')).toEqual([]);
    expect(hits({ [F]: edit(oneVisit, '  visits: 1\n', '  visits: 1\n  visitReason: 领取纸质许可证时现场核验原件\n') }, 'visits-reason')).toEqual([]);
  });

  it('reports a visit without a reason at visits', () => {
    expect(hits({ [F]: oneVisit }, 'visits-reason')).toEqual([{ file: FILE, ...at(oneVisit, 'visits: 1', 8), path: '/handling/visits' }]);
  });
});

describe('online-visits', () => {
  it('accepts full online handling with zero visits', () => {
    expect(hits({ [F]: item }, 'online-visits')).toEqual([]);
  });

  it('reports visits of a fully online item at visits', () => {
    const text = edit(item, '  visits: 0\n', '  visits: 2\n  visitReason: 现场核验\n');
    expect(hits({ [F]: text }, 'online-visits')).toEqual([{ file: FILE, ...at(text, 'visits: 2', 8), path: '/handling/visits' }]);
  });

  it('reports a fully online item without the online form', () => {
    const text = edit(item, '  forms: [window, online, post]', '  forms: [window, post]');
    expect(hits({ [F]: text }, 'online-visits')).toEqual([{ file: FILE, ...at(text, '[window, post]'), path: '/handling/forms' }]);
  });
});

describe('fee-basis', () => {
  it('accepts free items and fees with standard and basis', () => {
    expect(hits({ [F]: item }, 'fee-basis')).toEqual([]);
    const text = edit(item, 'fees: []\n', 'fees:\n  - { name: 工本费, standard: 每证 10 元, basis: 粤价〔2003〕160号 }\n');
    expect(hits({ [F]: text }, 'fee-basis')).toEqual([]);
  });

  it('reports a fee without basis at that fee', () => {
    const text = edit(item, 'fees: []\n', 'fees:\n  - { name: 工本费, standard: 每证 10 元 }\n');
    expect(hits({ [F]: text }, 'fee-basis')).toEqual([{ file: FILE, ...at(text, '{ name: 工本费'), path: '/fees/0' }]);
    expect(messages({ [F]: text }, 'fee-basis')[0]).toBe('fee “工本费” lacks its basis (the document that sets it)');
  });
});

describe('result-type', () => {
  it('accepts a …证 result typed certificate, and an approval not named …证', () => {
    expect(hits({ [F]: item }, 'result-type')).toEqual([]);
    const text = edit(edit(item, '  type: certificate', '  type: approval'), '  name: 食品经营许可证', '  name: 准予许可决定书');
    expect(hits({ [F]: text }, 'result-type')).toEqual([]);
  });

  it('reports a …证 result of another type at the type', () => {
    const text = edit(item, '  type: certificate', '  type: approval');
    expect(hits({ [F]: text }, 'result-type')).toEqual([{ file: FILE, ...at(text, 'type: approval', 6), path: '/result/type' }]);
  });
});

describe('legal-basis-missing', () => {
  it('accepts a licensing item with an article', () => {
    expect(hits({ [F]: item }, 'legal-basis-missing')).toEqual([]);
  });

  it('reports a licensing item whose bases cite no article, at the first article', () => {
    const text = edit(edit(item, '    article: 第三十五条', '    article: 全文'), '    article: 第二条', '    article: 有关规定');
    expect(hits({ [F]: text }, 'legal-basis-missing')).toEqual([{ file: FILE, ...at(text, 'article: 全文', 9), path: '/legalBasis/0/article' }]);
  });

  it('does not require an article of items that are not licensing', () => {
    const text = edit(
      edit(edit(item, '    article: 第三十五条', '    article: 全文'), '    article: 第二条', '    article: 全文'),
      'type: "01"',
      'type: "20"',
    ).replace('"440101001000"', '"442001001000"');
    expect(hits({ [F]: text }, 'legal-basis-missing')).toEqual([]);
  });
});

describe('e-license-reuse', () => {
  it('accepts a government material fetched as an electronic license', () => {
    expect(hits({ [F]: item }, 'e-license-reuse')).toEqual([]);
  });

  it('warns about a government material asked of the applicant, at its source', () => {
    const text = edit(item, '    source: government\n    eLicense: true\n', '    source: government\n');
    const d = hits({ [F]: text }, 'e-license-reuse');
    expect(d).toEqual([{ file: FILE, ...at(text, 'source: government', 8), path: '/materials/1/source' }]);
  });

  it('points at eLicense: false when it is written', () => {
    const text = edit(item, '    eLicense: true\n    note: 通过', '    eLicense: false\n    note: 通过');
    expect(hits({ [F]: text }, 'e-license-reuse')).toEqual([{ file: FILE, ...at(text, 'eLicense: false', 10), path: '/materials/1/eLicense' }]);
  });
});
