import { describe, expect, it } from 'vitest';
import { checkInline, sampleItem } from '../inline.js';

const only = (r: ReturnType<typeof checkInline>) => r.diagnostics.map((d) => ({ rule: d.rule, line: d.line, column: d.column, path: d.path }));

describe('loader', () => {
  it('accepts the canonical sample item with no problems', () => {
    const r = checkInline({ 'items/food.yaml': sampleItem() });
    expect(r.diagnostics).toEqual([]);
    expect(r.catalog.items).toHaveLength(1);
    expect(r.catalog.regions).toHaveLength(5);
  });

  it('locates a YAML syntax error at its line and column', () => {
    const text = 'code: "440101001000"\nname: [食品经营许可\ntype: "01"\n';
    const r = checkInline({ 'items/bad.yaml': text });
    const d = r.diagnostics.find((x) => x.rule === 'yaml-syntax');
    expect(d).toBeDefined();
    expect(d!.file).toBe('catalog/items/bad.yaml');
    expect(d!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const text = sampleItem().replace('name: 食品经营许可\n', 'name: 食品经营许可\nname: 重复\n');
    const lines = text.split('\n');
    const line = lines.indexOf('name: 重复') + 1;
    const r = checkInline({ 'items/dup.yaml': text });
    expect(only(r)).toContainEqual({ rule: 'yaml-duplicate-key', line, column: 1, path: '' });
  });

  it('reports a missing key at its parent and names the key', () => {
    const text = sampleItem().replace('  promised: { value: 10, unit: working-day }\n', '');
    const line = text.split('\n').indexOf('timeLimit:') + 1;
    const r = checkInline({ 'items/missing.yaml': text });
    const d = r.diagnostics.find((x) => x.path === '/timeLimit/promised');
    expect(d).toMatchObject({ rule: 'schema', line, column: 1 });
    expect(d!.message.zh).toContain('缺少必填字段 `promised`');
    expect(d!.message.en).toContain('missing required key `promised`');
  });

  it('reports an unknown key at that key', () => {
    const text = sampleItem().replace('fees: []\n', 'fees: []\nfee: 100\n');
    const line = text.split('\n').indexOf('fee: 100') + 1;
    const r = checkInline({ 'items/unknown.yaml': text });
    expect(only(r)).toContainEqual({ rule: 'schema', line, column: 1, path: '/fee' });
  });

  it('reports a wrong value at the value', () => {
    const text = sampleItem().replace('    necessity: required\n', '    necessity: must\n');
    const line = text.split('\n').indexOf('    necessity: must') + 1;
    const r = checkInline({ 'items/enum.yaml': text });
    expect(only(r)).toContainEqual({ rule: 'schema', line, column: 16, path: '/materials/0/necessity' });
    expect(r.diagnostics[0]!.message.en).toContain('allowed: required, conditional, optional');
  });

  it('detects GBK and says how to convert', () => {
    // "name: 食品经营许可" in GBK; its first bytes happen to be valid UTF-8, the fifth is not.
    const gbk = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xca, 0xb3, 0xc6, 0xb7, 0xbe, 0xad, 0xd3, 0xaa, 0xd0, 0xed, 0xbf, 0xc9, 0x0a]);
    const r = checkInline({ 'items/gbk.yaml': gbk });
    const d = r.diagnostics.find((x) => x.rule === 'file-encoding');
    expect(d).toMatchObject({ line: 1, column: 11 });
    expect(d!.message.zh).toContain('GBK');
    expect(d!.message.en).toContain('iconv -f GBK -t UTF-8');
  });

  it('detects UTF-16 by its BOM', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]);
    const r = checkInline({ 'items/u16.yaml': bytes });
    expect(r.diagnostics[0]).toMatchObject({ rule: 'file-encoding' });
    expect(r.diagnostics[0]!.message.en).toContain('UTF-16LE');
  });

  it('accepts a UTF-8 BOM and CRLF line ends with exact positions', () => {
    const text = '\ufeff' + sampleItem().replace('    necessity: required\n', '    necessity: must\n').replace(/\n/g, '\r\n');
    const line = text.split('\r\n').indexOf('    necessity: must') + 1;
    const r = checkInline({ 'items/crlf.yaml': text });
    expect(only(r)).toEqual([{ rule: 'schema', line, column: 16, path: '/materials/0/necessity' }]);
  });

  it('refuses an alias bomb quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      );
    const started = Date.now();
    const r = checkInline({ 'items/bomb.yaml': lines.join('\n') + '\n' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['yaml-syntax']);
    expect(r.diagnostics[0]!.message.en).toContain('alias bomb');
  });

  it('reports an empty file and a file that is not a mapping', () => {
    const r = checkInline({ 'items/empty.yaml': '# nothing\n', 'items/list.yaml': '- a\n- b\n' });
    expect(r.diagnostics.map((d) => [d.file, d.rule, d.message.en])).toEqual([
      ['catalog/items/empty.yaml', 'schema', 'the file is empty'],
      ['catalog/items/list.yaml', 'schema', 'the file must be a mapping (key: value)'],
    ]);
  });
});
