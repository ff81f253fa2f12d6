import { describe, expect, it } from 'vitest';
import { BASE, sampleItem } from '../inline.js';
import { at, edit, hits, messages } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';
const FILE = 'catalog/items/food.yaml';
const hall = (region: string, ...lines: string[]) => [`region: "${region}"`, 'name: 政务服务中心', ...lines, ''].join('\n');

describe('level-tier', () => {
  it('accepts the sample: decided by counties, accepted at towns', () => {
    expect(hits({ [F]: item }, 'level-tier')).toEqual([]);
  });

  it('reports acceptance at a tier not below the lowest deciding tier', () => {
    const text = edit(item, 'acceptedAt: [town]', 'acceptedAt: [city]');
    expect(hits({ [F]: text }, 'level-tier')).toEqual([{ file: FILE, ...at(text, 'city]'), path: '/acceptedAt/0' }]);
    expect(messages({ [F]: text }, 'level-tier')[0]).toContain('acceptedAt tier city must be below the lowest deciding tier, county');
  });

  it('reports a tier the catalog does not use', () => {
    const catalog = edit(BASE['catalog.yaml']!, 'tiers: [province, city, county, town, village]', 'tiers: [province, city, county]');
    expect(hits({ [F]: item, 'catalog.yaml': catalog }, 'level-tier')).toEqual([{ file: FILE, ...at(item, 'town]'), path: '/acceptedAt/0' }]);
  });

  it('accepts a hall offering the item at a tier where it is decided or accepted', () => {
    const files = {
      [F]: item,
      'halls/440106.yaml': hall('440106', 'items:', '  "440101001000": { window: 3 号窗口 }'),
      'halls/440106001.yaml': hall('440106001', 'items:', '  "440101001000": { window: 综合窗口 }'),
    };
    expect(hits(files, 'level-tier')).toEqual([]);
  });

  it('reports a hall offering the item at a tier outside its levels, at the item key', () => {
    const text = hall('440100', 'items:', '  "440101001000": { window: 3 号窗口 }');
    expect(hits({ [F]: item, 'halls/440100.yaml': text }, 'level-tier')).toEqual([
      { file: 'catalog/halls/440100.yaml', ...at(text, '"440101001000"'), path: '/items/440101001000' },
    ]);
  });
});

describe('unified-override', () => {
  it('accepts local facts and a local promise', () => {
    const text = hall(
      '440106',
      'address: 天河北路 1 号',
      'items:',
      '  "440101001000": { window: 3 号窗口, promised: { value: 5, unit: working-day }, note: 周六上午也受理 }',
    );
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'unified-override')).toEqual([]);
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'schema')).toEqual([]);
  });

  it('reports a unified element set for an item, at that key', () => {
    const text = hall(
      '440106',
      'items:',
      '  "440101001000":',
      '    window: 3 号窗口',
      '    timeLimit: { promised: { value: 5, unit: working-day } }',
      '    fees: []',
    );
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'unified-override')).toEqual([
      { file: 'catalog/halls/440106.yaml', ...at(text, 'timeLimit'), path: '/items/440101001000/timeLimit' },
      { file: 'catalog/halls/440106.yaml', ...at(text, 'fees'), path: '/items/440101001000/fees' },
    ]);
  });

  it('reports a unified element at the top of a hall file', () => {
    const text = hall('440106', 'materials: []');
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'unified-override')).toEqual([
      { file: 'catalog/halls/440106.yaml', ...at(text, 'materials'), path: '/materials' },
    ]);
  });

  it('honours elements a catalog adds to unified', () => {
    const catalog = BASE['catalog.yaml']!.replace('fees, result]', 'fees, result, handling]');
    const text = hall('440106', 'items:', '  "440101001000": { handling: { visits: 1 } }');
    expect(hits({ [F]: item, 'catalog.yaml': catalog, 'halls/440106.yaml': text }, 'unified-override')).toEqual([
      { file: 'catalog/halls/440106.yaml', ...at(text, 'handling'), path: '/items/440101001000/handling' },
    ]);
    // Without it, the same key is merely unknown.
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'schema')).toEqual([
      { file: 'catalog/halls/440106.yaml', ...at(text, 'handling'), path: '/items/440101001000/handling' },
    ]);
  });
});

describe('not-in-catalog', () => {
  it('accepts halls that list catalog items only', () => {
    const text = hall(
      '440106',
      'items:',
      '  "440101001000": { window: 3 号窗口 }',
      'notOffered:',
      '  - { code: "440101001000", reason: 本区由区市场监管局统一受理 }',
    );
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'not-in-catalog')).toEqual([]);
  });

  it('reports an item not in the catalog under items and under notOffered', () => {
    const text = hall('440106', 'items:', '  "440101009000": { window: 3 号窗口 }', 'notOffered:', '  - { code: "440101008000", reason: 暂不提供 }');
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'not-in-catalog')).toEqual([
      { file: 'catalog/halls/440106.yaml', ...at(text, '"440101009000"'), path: '/items/440101009000' },
      { file: 'catalog/halls/440106.yaml', ...at(text, '"440101008000"'), path: '/notOffered/0/code' },
    ]);
    expect(messages({ [F]: item, 'halls/440106.yaml': text }, 'not-in-catalog')[0]).toContain('is not in the catalog and may not be implemented');
  });
});
