import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckChar } from '../../src/model/uscc.js';
import { BASE, sampleItem } from '../inline.js';
import { at, edit, hits, messages } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';

describe('code-format', () => {
  it('accepts an owner of the catalog province and of the national catalog', () => {
    expect(hits({ [F]: item }, 'code-format')).toEqual([]);
    expect(hits({ [F]: edit(item, 'code: "440101001000"', 'code: "000101001000"') }, 'code-format')).toEqual([]);
  });

  it("reports another province's owner segment at the code", () => {
    const text = edit(item, 'code: "440101001000"', 'code: "450101001000"');
    expect(hits({ [F]: text }, 'code-format')).toEqual([{ file: 'catalog/items/food.yaml', ...at(text, '"450101001000"'), path: '/code' }]);
    expect(messages({ [F]: text }, 'code-format')[0]).toContain('owner 45; expected the province 44 or 00');
  });

  it('reports main item number 00000', () => {
    const text = edit(item, 'code: "440101001000"', 'code: "440100000001"');
    expect(hits({ [F]: text }, 'code-format')).toEqual([{ file: 'catalog/items/food.yaml', ...at(text, '"440100000001"'), path: '/code' }]);
  });
});

describe('code-type-mismatch', () => {
  it('accepts positions 3-4 equal to type', () => {
    expect(hits({ [F]: item }, 'code-type-mismatch')).toEqual([]);
  });

  it('reports a type segment that differs from type, naming both', () => {
    const text = edit(item, 'code: "440101001000"', 'code: "440201001000"');
    expect(hits({ [F]: text }, 'code-type-mismatch')).toEqual([{ file: 'catalog/items/food.yaml', ...at(text, '"440201001000"'), path: '/code' }]);
    expect(messages({ [F]: text }, 'code-type-mismatch', 'zh')[0]).toContain('第 3-4 位为 02（行政处罚），与事项类型 01（行政许可）不一致');
  });
});

describe('code-duplicate', () => {
  it('accepts distinct codes', () => {
    const other = edit(item, 'code: "440101001000"', 'code: "440101002000"');
    expect(hits({ [F]: item, 'items/other.yaml': other }, 'code-duplicate')).toEqual([]);
  });

  it('reports both files of a duplicated code, each naming the other', () => {
    const r = hits({ [F]: item, 'items/copy.yaml': item }, 'code-duplicate');
    const pos = at(item, '"440101001000"');
    expect(r).toEqual([
      { file: 'catalog/items/copy.yaml', ...pos, path: '/code' },
      { file: 'catalog/items/food.yaml', ...pos, path: '/code' },
    ]);
    expect(messages({ [F]: item, 'items/copy.yaml': item }, 'code-duplicate')).toEqual([
      'basic code 440101001000 is also used by catalog/items/food.yaml',
      'basic code 440101001000 is also used by catalog/items/copy.yaml',
    ]);
  });
});

describe('uscc-checksum', () => {
  it('computes the GB 32100 check character of real codes', () => {
    for (const code of ['11440100007482575H', '11440000MB2D0164XH', '114403006939513773', '114507210081153718']) {
      expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(isValidUscc(code)).toBe(true);
    }
    expect(isValidUscc('11440100007482575J')).toBe(false);
    expect(usccCheckChar('1144010000748257I')).toBeUndefined();
  });

  it('accepts the valid codes of the base departments', () => {
    expect(hits({ [F]: item }, 'uscc-checksum')).toEqual([]);
  });

  it('reports a wrong check character at the code and names the right one', () => {
    const departments = edit(BASE['departments.yaml']!, '11440100007482575H', '11440100007482575J');
    const r = hits({ [F]: item, 'departments.yaml': departments }, 'uscc-checksum');
    expect(r).toEqual([{ file: 'catalog/departments.yaml', ...at(departments, '"11440100007482575J"'), path: '/bodies/market/440100/uscc' }]);
    expect(messages({ [F]: item, 'departments.yaml': departments }, 'uscc-checksum')[0]).toContain('character 18 should be H, not J');
  });
});
