import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { cellText } from './cell-text.js';
import { pinZipTimesInBuffer, pinZipTimesInFile } from './zip-times.js';

/** How a column's cells are stored and shown. */
export type ColumnKind =
  /** Catalog text: a text cell in a text-formatted (`@`) column, wrapped. */
  | 'text'
  /** A code (basic, implementation, region, credit code): text, never a number, not wrapped. */
  | 'code'
  /** A count or a time-limit value: a number. */
  | 'number'
  /** A relative hyperlink `{ text, link }`. */
  | 'link';

export interface Column {
  header: string;
  kind: ColumnKind;
  /** Fixed width in characters; computed from the content when absent (not for streamed sheets). */
  width?: number;
  /** Widest a computed width may get; longer text wraps. */
  maxWidth?: number;
}

export type CellValue = string | number | { text: string; link: string } | undefined;
export type Row = readonly CellValue[];

export interface SheetSpec {
  name: string;
  columns: readonly Column[];
  /** Rows in order; an iterator is consumed one row at a time (the streaming writer). */
  rows: Iterable<Row>;
  /** Columns kept visible on the left when scrolling right (e.g. code and name). */
  frozenColumns?: number;
}

export interface WorkbookOptions {
  /** Written as the workbook's created and modified dates and as every zip entry's time. */
  date: Date;
  /**
   * Strings inline in each sheet instead of one shared table: memory stays flat however many
   * rows there are (the shared table grows with every distinct string), at some file size.
   */
  inlineStrings?: boolean;
  /** Called now and then with the number of rows written so far. */
  onRows?: (rows: number) => void;
}

/** 1980-01-01, the earliest time a zip entry can hold: the date of a build given no time. */
export const NO_DATE = new Date(Date.UTC(1980, 0, 1));

const HEADER_STYLE = {
  font: { bold: true, color: { argb: 'FF1F2D3D' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA2BC' } } },
  numFmt: '@',
} as const;

const COLUMN_STYLE: Record<ColumnKind, object> = {
  text: { numFmt: '@', alignment: { vertical: 'top', wrapText: true } },
  code: { numFmt: '@', alignment: { vertical: 'top' } },
  number: { numFmt: '0', alignment: { vertical: 'top', horizontal: 'right' } },
  link: { numFmt: '@', alignment: { vertical: 'top' }, font: { color: { argb: 'FF0563C1' }, underline: true } },
};

/**
 * Write an .xlsx with exceljs's streaming writer: rows go to the zip as they come, so a sheet
 * of 100,000 rows needs no more memory than one of ten. Each sheet gets Chinese headers in a
 * frozen first row, an autofilter, widths and wrapping; codes and all catalog text are text
 * cells (never numbers, never formulas). The workbook's dates are `options.date`; the zip
 * entries' times are pinned by the two functions below, which are what emitters call.
 */
async function writeWorkbook(target: Writable, sheets: readonly SheetSpec[], options: WorkbookOptions): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: target,
    useStyles: true,
    useSharedStrings: !options.inlineStrings,
    created: options.date,
    modified: options.date,
    creator: 'licat',
    lastModifiedBy: 'licat',
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);

  let written = 0;
  for (const spec of sheets) {
    const widths = spec.columns.map((c) => c.width);
    // Streamed sheets give fixed widths; small sheets are measured first.
    let rows: Iterable<Row> = spec.rows;
    if (widths.some((w) => w === undefined)) {
      const all = [...spec.rows];
      rows = all;
      spec.columns.forEach((column, i) => {
        widths[i] ??= measure(column, all, i);
      });
    }
    const sheet = workbook.addWorksheet(spec.name, {
      views: [
        {
          state: 'frozen',
          xSplit: spec.frozenColumns ?? 0,
          ySplit: 1,
          topLeftCell: `${columnLetter(spec.frozenColumns ?? 0)}2`,
          activeCell: 'A2',
        },
      ],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    } as Parameters<typeof workbook.addWorksheet>[1]);
    sheet.columns = spec.columns.map((column, i) => ({ width: widths[i], style: COLUMN_STYLE[column.kind] })) as typeof sheet.columns;
    const header = sheet.addRow(spec.columns.map((c) => cellValue(c.header, 'text', options.inlineStrings === true)));
    header.height = 24;
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE as typeof cell.style;
    });
    header.commit();
    let count = 0;
    // One shared style object per column: exceljs then finds its style id in a WeakMap instead
    // of rendering the style's XML for every cell (a third of the time of a large sheet).
    const styles = spec.columns.map((column) => COLUMN_STYLE[column.kind]);
    for (const row of rows) {
      const added = sheet.addRow(row.map((value, i) => cellValue(value, spec.columns[i]?.kind ?? 'text', options.inlineStrings === true)));
      added.eachCell({ includeEmpty: true }, (cell, column) => {
        cell.style = styles[column - 1] as typeof cell.style;
      });
      added.commit();
      count++;
      written++;
      if (options.onRows && written % 5000 === 0) options.onRows(written);
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: spec.columns.length } };
    await sheet.commit();
  }
  // Resolves once the target stream has finished (all bytes handed to it).
  await workbook.commit();
}

/**
 * An .xlsx in memory (for small workbooks), deterministic: the same sheets and date give the
 * same bytes.
 * @example const xlsx = await workbookBuffer([{ name: '事项', columns, rows }], { date: NO_DATE });
 */
export async function workbookBuffer(sheets: readonly SheetSpec[], options: WorkbookOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeWorkbook(sink, sheets, options);
  const xlsx = Buffer.concat(chunks);
  await pinZipTimesInBuffer(xlsx, options.date);
  return xlsx;
}

/** An .xlsx streamed to a file, rows consumed one at a time; deterministic like workbookBuffer. */
export async function workbookFile(file: string, sheets: readonly SheetSpec[], options: WorkbookOptions): Promise<void> {
  const stream = createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  await writeWorkbook(stream, sheets, options);
  await closed;
  await pinZipTimesInFile(file, options.date);
}

function cellValue(value: CellValue, kind: ColumnKind, inline: boolean): unknown {
  if (value === undefined) return null;
  if (typeof value === 'number') return kind === 'number' ? value : text(String(value), inline);
  if (typeof value === 'string') return text(value, inline);
  return { text: cellText(value.text), hyperlink: value.link };
}

/** A string cell: shared, or inline as one plain rich-text run (`t="inlineStr"`). */
function text(value: string, inline: boolean): unknown {
  const clipped = cellText(value);
  return inline ? { richText: [{ text: clipped }] } : clipped;
}

/** A column's width in characters: the widest line of its header and cells, CJK counting two. */
function measure(column: Column, rows: readonly Row[], index: number): number {
  const max = column.maxWidth ?? (column.kind === 'text' ? 60 : 40);
  let widest = displayWidth(column.header) + 2;
  for (const row of rows) {
    const value = row[index];
    if (value === undefined) continue;
    const s = typeof value === 'object' ? value.text : String(value);
    for (const line of s.split('\n')) widest = Math.max(widest, displayWidth(line));
    if (widest >= max) break;
  }
  return Math.min(Math.max(widest + 2, 8), max);
}

function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
