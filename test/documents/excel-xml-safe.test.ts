import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText, REPLACED, xmlSafe } from '../../src/emit/excel/cell-text.js';
import { excelEmitter } from '../../src/emit/excel/excel-emitter.js';
import { sheetName } from '../../src/emit/excel/write-workbook.js';
import { BASE, checkInline, sampleItem } from '../inline.js';
import { licat, tempDir } from '../helpers.js';
import { memoryContext } from '../memory-sink.js';
import { libreOfficeSheets } from './libreoffice.js';
import { readZip } from './read-zip.js';
import { dumpWorkbook } from './xlsx-dump.js';

/** Every XML part of a zip, checked by a real XML parser (Python's expat): the names of the parts it refuses. */
function illFormedParts(xlsx: Uint8Array): string[] {
  const dir = tempDir('licat-xml-');
  const parts = readZip(xlsx).filter((e) => /\.(xml|rels)$/.test(e.name));
  parts.forEach((part, i) => writeFileSync(path.join(dir, `${i}.xml`), part.data));
  const script = [
    'import sys, xml.dom.minidom',
    'for i, name in enumerate(sys.argv[2:]):',
    '    try: xml.dom.minidom.parse(f"{sys.argv[1]}/{i}.xml")',
    '    except Exception as e: print(name, e)',
  ].join('\n');
  const run = spawnSync('python3', ['-c', script, dir, ...parts.map((p) => p.name)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  expect(parts.length).toBeGreaterThan(5);
  return run.stdout.split('\n').filter((line) => line !== '');
}

describe('characters XML forbids', () => {
  it('become a visible U+FFFD; tab, line feed, carriage return and emoji are kept', () => {
    expect(xmlSafe('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg')).toBe(`a${REPLACED}b${REPLACED}c${REPLACED}d${REPLACED}e${REPLACED}f${REPLACED}g`);
    expect(xmlSafe('\uFFFE\uFFFF')).toBe(REPLACED + REPLACED);
    expect(xmlSafe('x\uD800y\uDC00z')).toBe(`x${REPLACED}y${REPLACED}z`);
    expect(xmlSafe('\t\n\r😀𠀀中')).toBe('\t\n\r😀𠀀中');
    // A cut at Excel's limit never leaves half of a surrogate pair.
    const long = cellText('😀'.repeat(20_000));
    expect(xmlSafe(long)).toBe(long);
    expect(sheetName("a\u0001/b[c]:d*e?f\\g'h")).toBe(`a${REPLACED}_b_c__d_e_f_g’h`);
  });

  it('in an item give a workbook whose every part is well-formed XML and that LibreOffice opens', async () => {
    const name = '食品\\x01经营\\uFFFF许可\\uD800（\\x1F）';
    const item = sampleItem()
      .replace(/^name: .*$/m, `name: "${name}"`)
      .replace(/^( {4}name: )食品经营许可申请书$/m, '$1"申请书\\uFFFE\\x02"');
    const { catalog, diagnostics } = checkInline({ 'items/food.yaml': item });
    expect(diagnostics.filter((d) => d.rule === 'schema' || d.rule.startsWith('yaml'))).toEqual([]);
    expect(catalog.items[0]!.item.name).toBe('食品\u0001经营\uFFFF许可\uD800（\u001F）');
    const { out, context } = memoryContext();
    await excelEmitter.emit(catalog, context);
    const xlsx = out.bytes('excel/catalog.xlsx');
    expect(illFormedParts(xlsx)).toEqual([]);
    const shown = `食品${REPLACED}经营${REPLACED}许可${REPLACED}（${REPLACED}）`;
    const [directory] = await dumpWorkbook(xlsx);
    expect(directory!.rows[2]![2]).toBe(shown);
    const sheets = libreOfficeSheets(xlsx, 'controls');
    expect(sheets.get('通用目录')![2]![2]).toBe(shown);
    expect(
      sheets
        .get('申请材料')!
        .slice(2)
        .map((r) => r[3]),
    ).toContain(`申请书${REPLACED}${REPLACED}`);
  });
});

describe('the catalog folder as spelled on the command line', () => {
  it('does not change the workbook: catalog, ./catalog and /abs/catalog give the same bytes', () => {
    const work = tempDir();
    const root = path.join(work, 'catalog');
    for (const [rel, text] of Object.entries({ ...BASE, 'items/market/food.yaml': sampleItem() })) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    const builds = ['catalog', './catalog', root].map((dir, i) => {
      const run = licat(['build', dir, '--only', 'excel', '--out', `out${i}`, '--quiet'], { cwd: work });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      return readFileSync(path.join(work, `out${i}`, 'excel/catalog.xlsx'));
    });
    expect(builds[1]!.equals(builds[0]!)).toBe(true);
    expect(builds[2]!.equals(builds[0]!)).toBe(true);
  });

  it('gives source files relative to the catalog folder', async () => {
    const work = tempDir();
    const root = path.join(work, 'catalog');
    for (const [rel, text] of Object.entries({ ...BASE, 'items/market/food.yaml': sampleItem() })) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    expect(licat(['build', root, '--only', 'excel', '--out', 'out', '--quiet'], { cwd: work }).code).toBe(0);
    const [directory] = await dumpWorkbook(readFileSync(path.join(work, 'out/excel/catalog.xlsx')));
    const header = directory!.rows[1]!;
    expect(directory!.rows[2]![header.indexOf('源文件')]).toBe('items/market/food.yaml');
  });
});
