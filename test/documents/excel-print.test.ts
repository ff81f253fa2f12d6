import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { excelEmitter } from '../../src/emit/excel/excel-emitter.js';
import { NO_DATE, workbookBuffer, type Column } from '../../src/emit/excel/write-workbook.js';
import { columnNumber } from '../../src/load/read-sheet.js';
import { checkInline } from '../inline.js';
import { SAMPLE } from '../helpers.js';
import { memoryContext } from '../memory-sink.js';
import { libreOfficePdf, pdfPages } from './libreoffice.js';
import { pdfTextRuns } from './pdf-text.js';
import { dumpWorkbook, type SheetDump } from './xlsx-dump.js';

/** The market items of the sample (the base test catalog has the market bodies). */
function marketCatalog() {
  const dir = path.join(SAMPLE, 'items/market');
  const files = Object.fromEntries(readdirSync(dir).map((f) => [`items/market/${f}`, readFileSync(path.join(dir, f), 'utf8')]));
  return checkInline(files).catalog;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** How many columns at the right of a sheet are for licat itself, outside the print area. */
const INTERNAL_COLUMNS: Record<string, number> = { 通用目录: 3, 办理流程: 1, 自由裁量标准: 1 };

/** Which sheet a printed page belongs to: its page header names it after the catalog's version. */
function sheetOfPage(page: string): string | undefined {
  return /（1 版）\s*(\S+)/.exec(page)?.[1];
}

/** The headers every printed page of a sheet must repeat: those of its frozen (key) columns, else the first. */
function repeatedHeaders(sheet: SheetDump): string[] {
  const header = sheet.rows[1] as string[];
  return header.slice(0, Math.max(sheet.frozen?.columns ?? 0, 1));
}

describe('printing excel/catalog.xlsx (LibreOffice to PDF)', () => {
  it('prints A4 landscape pages that each repeat the header, with no text cut off and nothing under 9 pt', async () => {
    const catalog = marketCatalog();
    expect(catalog.items.length).toBeGreaterThanOrEqual(3);
    const { out, context } = memoryContext({ buildTime: '2026-11-01T08:30:00Z' });
    await excelEmitter.emit(catalog, context);
    const xlsx = out.bytes('excel/catalog.xlsx');
    const sheets = await dumpWorkbook(xlsx);
    const pdf = libreOfficePdf(xlsx, 'directory');

    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(sheets.length);
    const byName = new Map(sheets.map((s) => [s.name, s]));
    pages.forEach((page, i) => {
      const where = `page ${i + 1}`;
      expect(page, where).toContain(`第 ${i + 1} 页，共 ${pages.length} 页`);
      const sheet = byName.get(sheetOfPage(page) ?? '');
      expect(sheet, `${where}: ${page.slice(0, 200)}`).toBeDefined();
      expect(page, where).toContain('生成日期：2026-11-01');
      for (const header of repeatedHeaders(sheet!)) expect(page, `${where} (${sheet!.name})`).toContain(header);
    });

    // Each cell's whole text is printed (drawn in order, cell by cell) ...
    const drawn = squash(pdfPages(pdf, 'raw').join(''));
    for (const sheet of sheets) {
      // The print area ends before the internal columns (links, source file, ids).
      const printed = columnNumber(/:([A-Z]+)\d+$/.exec(String(sheet.print.printArea))![1]!);
      expect(printed, sheet.name).toBe(sheet.rows[1]!.length - (INTERNAL_COLUMNS[sheet.name] ?? 0));
      for (const row of sheet.rows.slice(1)) {
        for (const cell of row.slice(0, printed)) {
          if (cell === null) continue;
          const text = squash(typeof cell === 'object' && 'text' in cell ? cell.text : String(cell));
          expect(drawn.includes(text), `${sheet.name}: ${text}`).toBe(true);
        }
      }
    }
    // ... and not cut off by its cell, at 9 pt or more.
    const runs = pdfTextRuns(pdf);
    expect(runs.length).toBeGreaterThan(100);
    expect(runs.filter((r) => r.clipped)).toEqual([]);
    expect(Math.min(...runs.map((r) => r.size))).toBeGreaterThanOrEqual(9);
    // The internal columns are not printed.
    expect(drawn).not.toContain('源文件');
    expect(drawn).not.toContain('items/market/');
    expect(drawn).not.toContain('环节标识');
    expect(drawn).not.toContain('裁量标识');
    expect(drawn).not.toContain('site-distance');
    // The directory comes first, as departments print it.
    expect(sheetOfPage(pages[0]!)).toBe('通用目录');
  }, 300_000);

  it('finds text a row too low cuts off (the check above can fail)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('测试');
    sheet.columns = [{ width: 10 }, { width: 20 }];
    const row = sheet.addRow(['短', '申请人应当具备与所经营食品品种数量相适应的经营场所并保持该场所环境整洁']);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.height = 15;
    const pdf = libreOfficePdf(new Uint8Array(await workbook.xlsx.writeBuffer()), 'cut');
    expect(pdfTextRuns(pdf).filter((r) => r.clipped).length).toBeGreaterThan(0);
  }, 120_000);

  it('fits a sheet to the page width only while its text stays at least 9 pt', async () => {
    // 10 pt text: a sheet up to about 10 % wider than the page is fitted, a wider one is not.
    const column = (header: string, width: number): Column => ({ header, kind: 'text', width });
    const rows = Array.from({ length: 3 }, (_, i) => [`${i + 1}`, '说明'.repeat(10), '备注'.repeat(10), '意见'.repeat(10)]);
    const slightly: Column[] = [column('编号', 10), column('说明', 40), column('备注', 40), column('意见', 31)];
    const much: Column[] = [column('编号', 10), column('说明', 50), column('备注', 50), column('意见', 50)];
    const xlsx = await workbookBuffer(
      [
        { name: '略宽', columns: slightly, rows, frozenColumns: 1, title: '测试目录（1 版）　略宽' },
        { name: '很宽', columns: much, rows, frozenColumns: 1, title: '测试目录（1 版）　很宽' },
      ],
      { date: NO_DATE },
    );
    const [fitted, wide] = await dumpWorkbook(xlsx);
    expect(fitted!.print).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(wide!.print).toMatchObject({ fitToPage: false, scale: 100, printTitlesColumn: 'A:A', printTitlesRow: '2:2' });
    const pdf = libreOfficePdf(xlsx, 'fit');
    const pages = pdfPages(pdf);
    const of = (name: string) => pages.filter((p) => sheetOfPage(p) === name);
    expect(of('略宽')).toHaveLength(1);
    expect(of('很宽').length).toBeGreaterThan(1);
    // Every page of the wide sheet repeats the key column and the header row.
    for (const page of of('很宽')) expect(page).toMatch(/编号[\s\S]*1[\s\S]*2[\s\S]*3/);
    const runs = pdfTextRuns(pdf);
    expect(Math.min(...runs.map((r) => r.size))).toBeGreaterThanOrEqual(9);
    expect(runs.filter((r) => r.clipped)).toEqual([]);
  }, 300_000);
});
