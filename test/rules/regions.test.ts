import { describe, expect, it } from 'vitest';
import { BASE, sampleItem } from '../inline.js';
import { at, edit, hits, messages } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';
const CSV = 'regions/test.csv';
const HALL = ['region: "440106"', 'name: 天河区政务服务中心', ''].join('\n');

describe('region-unknown: the region tree', () => {
  it('accepts the base tree, and towns directly under a city without counties (Dongguan)', () => {
    const csv = BASE[CSV]! + '441900,东莞市,city,440000\n441900003,东城街道,town,441900\n441900003001,东城社区,village,441900003\n';
    expect(hits({ [F]: item, [CSV]: csv }, 'region-unknown')).toEqual([]);
  });

  it('reports a town directly under a city that has counties, at its row', () => {
    const csv = BASE[CSV]! + '440100099,某街道,town,440100\n';
    const r = hits({ [F]: item, [CSV]: csv }, 'region-unknown');
    expect(r).toEqual([{ file: 'catalog/regions/test.csv', line: 7, column: 1, path: '' }]);
    expect(messages({ [F]: item, [CSV]: csv }, 'region-unknown')[0]).toContain('which has counties');
  });

  it('reports a missing parent, a wrong parent tier, a code of the wrong length and a code outside its parent', () => {
    const csv =
      BASE[CSV]! +
      '440107,某区,county,440199\n' + // line 7: the parent does not exist
      '440106001002,某村,village,440106\n' + // line 8: a village directly under a county
      '440108,某镇,town,440106\n' + // line 9: a town with a county's 6-digit code
      '440200001,越界街道,town,440106\n'; // line 10: a town coded outside its county
    const files = { [F]: item, [CSV]: csv };
    expect(hits(files, 'region-unknown').map((d) => d.line)).toEqual([7, 8, 9, 10]);
    const text = messages(files, 'region-unknown');
    expect(text[0]).toContain('has parent 440199, which does not exist');
    expect(text[1]).toContain('its parent must be a town');
    expect(text[2]).toContain('whose codes have 9 digits, not 6');
    expect(text[3]).toContain('expected it to start with 440106');
  });
});

describe('region-unknown: halls and bodies', () => {
  it('accepts a hall named for an existing region with the same region', () => {
    expect(hits({ [F]: item, 'halls/440106.yaml': HALL }, 'region-unknown')).toEqual([]);
  });

  it('reports a hall file named for no region, at region', () => {
    const text = HALL.replace('"440106"', '"440199"');
    expect(hits({ [F]: item, 'halls/440199.yaml': text }, 'region-unknown')).toEqual([
      { file: 'catalog/halls/440199.yaml', ...at(text, '"440199"'), path: '/region' },
    ]);
  });

  it('reports a region that differs from the file name', () => {
    const text = HALL.replace('"440106"', '"440100"');
    expect(hits({ [F]: item, 'halls/440106.yaml': text }, 'region-unknown')).toEqual([
      { file: 'catalog/halls/440106.yaml', ...at(text, '"440100"'), path: '/region' },
    ]);
  });

  it('reports a body placed in a region that does not exist, at its key', () => {
    const departments = edit(BASE['departments.yaml']!, '"440106": {', '"440107": {');
    expect(hits({ [F]: item, 'departments.yaml': departments }, 'region-unknown')).toEqual([
      { file: 'catalog/departments.yaml', ...at(departments, '"440107"'), path: '/bodies/market/440107' },
    ]);
  });
});
