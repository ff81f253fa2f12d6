import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { cellText, xmlSafe } from './cell-text.js';
import type { Column, ColumnKind } from './column.js';
import { BODY_FONT_PT, displayWidth, headerFooterText, MARGINS, pageFit, rowHeight, rowLines } from './print-layout.js';
import { pinZipTimesInBuffer, pinZipTimesInFile } from './zip-times.js';

export type { Column, ColumnKind } from './column.js';

export type CellValue = string | number | { text: string; link: string } | undefined;
export type Row = readonly CellValue[];

export interface SheetSpec {
  name: string;
  columns: readonly Column[];
  /** Rows in order; an iterator is consumed one row at a time (the streaming writer). */
  rows: Iterable<Row>;
  /** Columns kept visible on the left when scrolling right (e.g. code and name), and repeated on every printed page. */
  frozenColumns?: number;
  /** A title row above the header (catalog name, version, build date), merged over the printed columns. */
  title?: string;
  /** Offer the drop-down lists of columns with `choices` (sheets departments edit and import back). */
  editable?: boolean;
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

const FONT = { size: BODY_FONT_PT };

const HEADER_STYLE = {
  font: { bold: true, size: BODY_FONT_PT, color: { argb: 'FF1F2D3D' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA2BC' } } },
  numFmt: '@',
} as const;

const TITLE_STYLE = {
  font: { bold: true, size: 14 },
  alignment: { vertical: 'middle', horizontal: 'left' },
  numFmt: '@',
} as const;

const COLUMN_STYLE: Record<ColumnKind, object> = {
  text: { numFmt: '@', font: FONT, alignment: { vertical: 'top', wrapText: true } },
  code: { numFmt: '@', font: FONT, alignment: { vertical: 'top' } },
  number: { numFmt: '0', font: FONT, alignment: { vertical: 'top', horizontal: 'right' } },
  link: { numFmt: '@', alignment: { vertical: 'top' }, font: { ...FONT, color: { argb: 'FF0563C1' }, underline: true } },
};

/**
 * Rows below the last one that still offer the drop-down lists, for rows a department adds. Not
 * the whole sheet: readers such as exceljs expand a list's range cell by cell.
 */
const SPARE_ROWS = 1000;

/**
 * Write an .xlsx with exceljs's streaming writer: rows go to the zip as they come, so a sheet
 * of 100,000 rows needs no more memory than one of ten. Each sheet gets Chinese headers in a
 * frozen row under an optional title, an autofilter, widths and wrapping with row heights that
 * fit the wrapped text; codes and all catalog text are text cells (never numbers, never
 * formulas). It prints on A4 landscape with the header row (and the key columns when wider than
 * a page) on every page and "第 X 页，共 Y 页" in the footer; internal columns are outside the
 * print area. The workbook's dates are `options.date`; the zip entries' times are pinned by the
 * two functions below, which are what emitters call.
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
  const inline = options.inlineStrings === true;

  let written = 0;
  for (const spec of sheets) {
    const printed = spec.columns.filter((c) => !c.internal).length;
    if (spec.columns.slice(printed).some((c) => !c.internal)) throw new Error(`sheet ${spec.name}: internal columns must come last`);
    const given = spec.columns.map((c) => c.width);
    // Streamed sheets give fixed widths; small sheets are measured first.
    let rows: Iterable<Row> = spec.rows;
    if (given.some((w) => w === undefined)) {
      const all = [...spec.rows];
      rows = all;
      spec.columns.forEach((column, i) => {
        given[i] ??= measure(column, all, i);
      });
    }
    const widths = given.map((w) => w ?? 10);
    const frozen = spec.frozenColumns ?? 0;
    const headerRow = spec.title === undefined ? 1 : 2;
    const lastPrinted = columnLetter(Math.max(printed, 1) - 1);
    const fit = pageFit(widths.slice(0, printed));
    const title = spec.title === undefined ? undefined : xmlSafe(spec.title);
    const sheet = workbook.addWorksheet(sheetName(spec.name), {
      views: [
        {
          state: 'frozen',
          xSplit: frozen,
          ySplit: headerRow,
          topLeftCell: `${columnLetter(frozen)}${headerRow + 1}`,
          activeCell: `A${headerRow + 1}`,
        },
      ],
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9,
        margins: MARGINS,
        fitToPage: fit.fitToWidth,
        ...(fit.fitToWidth ? { fitToWidth: 1, fitToHeight: 0 } : { scale: 100 }),
        printTitlesRow: `${headerRow}:${headerRow}`,
        // Printed across several pages, a sheet repeats its key columns (else its first) on each.
        ...(fit.fitToWidth ? {} : { printTitlesColumn: `A:${columnLetter(Math.max(frozen, 1) - 1)}` }),
      },
      headerFooter: {
        oddHeader: title === undefined ? null : `&L${headerFooterText(title)}`,
        oddFooter: '&C第 &P 页，共 &N 页',
      },
    } as Parameters<typeof workbook.addWorksheet>[1]);
    sheet.columns = spec.columns.map((column, i) => ({ width: widths[i], style: COLUMN_STYLE[column.kind] }));
    if (title !== undefined) {
      const row = sheet.addRow([cellValue(title, 'text', inline)]);
      row.height = 26;
      const cell = row.getCell(1);
      cell.style = TITLE_STYLE;
      // Merged before the row is committed: a committed row can no longer be reached.
      if (printed > 1) sheet.mergeCells(`A1:${lastPrinted}1`);
      row.commit();
    }
    const header = sheet.addRow(spec.columns.map((c) => cellValue(c.header, 'text', inline)));
    const headerColumns = spec.columns.map((c): Column => ({ ...c, kind: 'text' }));
    header.height = rowHeight(
      rowLines(
        spec.columns.map((c) => xmlSafe(c.header)),
        headerColumns,
        widths,
      ),
    );
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    header.commit();
    let count = 0;
    // One shared style object per column: exceljs then finds its style id in a WeakMap instead
    // of rendering the style's XML for every cell (a third of the time of a large sheet).
    const styles = spec.columns.map((column) => COLUMN_STYLE[column.kind]);
    for (const row of rows) {
      const added = sheet.addRow(row.map((value, i) => cellValue(value, spec.columns[i]?.kind ?? 'text', inline)));
      added.eachCell({ includeEmpty: true }, (cell, column) => {
        cell.style = styles[column - 1] as typeof cell.style;
      });
      added.height = rowHeight(rowLines(row.map(shownText), spec.columns, widths));
      added.commit();
      count++;
      written++;
      if (options.onRows && written % 5000 === 0) options.onRows(written);
    }
    const lastRow = headerRow + count;
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: spec.columns.length } };
    // Read when the workbook part is written, at the end: the rows are counted by then.
    sheet.pageSetup.printArea = `A$1:${lastPrinted}$${lastRow}`;
    // The streaming sheet has data validations; exceljs's types only declare them on the other.
    if (spec.editable) addDropDowns(sheet as unknown as DropDownSheet, spec.columns, headerRow + 1, lastRow + SPARE_ROWS);
    sheet.commit();
  }
  // Resolves once the target stream has finished (all bytes handed to it).
  await workbook.commit();
}

interface DropDownSheet {
  dataValidations: { add(address: string, validation: object): unknown };
}

/** A drop-down list for each column with choices, from the first data row down. */
function addDropDowns(sheet: DropDownSheet, columns: readonly Column[], firstRow: number, lastRow: number): void {
  columns.forEach((column, i) => {
    if (!column.choices) return;
    const list = `"${column.choices.map((c) => xmlSafe(c).replace(/[",]/g, '')).join(',')}"`;
    // Excel refuses a list written in the cell rule longer than 255 characters.
    if (list.length > 257) return;
    const letter = columnLetter(i);
    sheet.dataValidations.add(`${letter}${firstRow}:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: xmlSafe(column.header),
      error: '请从下拉列表中选择 / choose a value from the list',
    });
  });
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
  const max = column.maxWidth ?? 40;
  let widest = displayWidth(column.header) + 2;
  for (const row of rows) {
    const shown = shownText(row[index]);
    if (shown === undefined) continue;
    for (const line of shown.split('\n')) widest = Math.max(widest, displayWidth(line));
    if (widest >= max) break;
  }
  return Math.min(Math.max(widest + 2, 6), max);
}

/** The text a cell shows. */
function shownText(value: CellValue): string | undefined {
  if (value === undefined) return undefined;
  return xmlSafe(typeof value === 'object' ? value.text : String(value));
}

/**
 * A sheet name Excel accepts: XML-safe, none of `[]:*?/\`, no apostrophe (print ranges quote the
 * name with them), at most 31 characters.
 * @example sheetName('市场/监管') === '市场_监管'
 */
export function sheetName(name: string): string {
  const clean = xmlSafe(name)
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/'/g, '’')
    .trim();
  return [...clean].slice(0, 31).join('') || '_';
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
