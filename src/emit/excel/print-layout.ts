import type { Column } from './column.js';

/**
 * How a sheet prints: the arithmetic behind widths, row heights and page scaling. Units are
 * Excel's: a column width counts characters of the default font's digit (about 7 px at 96 dpi,
 * plus 5 px of cell padding); row heights are in points.
 */

/** Size of catalog text in cells, in points; headers are the same size, bold. */
export const BODY_FONT_PT = 10;
/** Smallest size text may be scaled to when a sheet is fitted to the page width. */
export const MIN_PRINT_FONT_PT = 9;
/** Height of one line of 10 pt text, CJK fonts included (their line gap is about 1.45 em). */
const LINE_PT = 15;
/** Room above and below the lines of a cell. */
const ROW_PADDING_PT = 4;
/** A4 landscape, 297 mm wide, less the left and right margins below. */
export const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 };
const PRINTABLE_WIDTH_PT = (297 / 25.4 - MARGINS.left - MARGINS.right) * 72;

/** Display width in column units: CJK and full-width characters count two, others one. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += isWide(ch) ? 2 : 1;
  return width;
}

function isWide(ch: string): boolean {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\ufffd]|[\u{20000}-\u{3fffd}]/u.test(ch);
}

/**
 * The number of lines `text` takes wrapped in a column `width` units wide. Measured with room to
 * spare (a unit of padding and a tenth of the width), so that a font a little wider than the
 * estimate still fits: a row a line too high is better than text cut off.
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(2, width * 0.9 - 1);
  let lines = 0;
  for (const line of text.split('\n')) {
    // Fast path: a short line fits whatever it holds.
    if (line.length * 2 <= room) {
      lines++;
      continue;
    }
    let used = 0;
    let count = 1;
    for (const ch of line) {
      const w = isWide(ch) ? 2 : 1;
      if (used + w > room) {
        count++;
        used = 0;
      }
      used += w;
    }
    lines += count;
  }
  return Math.max(lines, 1);
}

/** Excel's tallest row, in points. */
const MAX_ROW_PT = 409;

/** A row's height in points for the given number of lines (at most Excel's 409 pt). */
export function rowHeight(lines: number): number {
  return Math.min(Math.max(lines, 1) * LINE_PT + ROW_PADDING_PT, MAX_ROW_PT);
}

/**
 * Printed width of columns in points at 100 %, the widest a spreadsheet program may make them. A
 * width unit is the digit width of the workbook's default font (Calibri 11): 7 px (5.25 pt) in
 * Excel, but 7 pt in LibreOffice where Calibri and its metric twin Carlito are missing and a
 * wider font stands in. The wider figure is used, so a sheet fitted to the page never prints
 * smaller than the 9 pt promised.
 */
export function printedWidthPt(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w * 7 + 3.75, 0);
}

export interface PageFit {
  /** Scale the sheet down to one page wide (text stays at least 9 pt), or print it at 100 %. */
  fitToWidth: boolean;
  /** The scale the text prints at, in percent. */
  scale: number;
}

/**
 * Fit to the page width only while the text stays at least 9 pt; a wider sheet prints at 100 %
 * across several pages, each repeating the header row and the key columns.
 * @example pageFit([10, 20]) // { fitToWidth: false, scale: 100 }: it fits as it is
 */
export function pageFit(widths: readonly number[]): PageFit {
  const scale = Math.min(1, PRINTABLE_WIDTH_PT / printedWidthPt(widths));
  if (scale >= 1) return { fitToWidth: false, scale: 100 };
  if (scale * BODY_FONT_PT >= MIN_PRINT_FONT_PT) return { fitToWidth: true, scale: Math.floor(scale * 100) };
  return { fitToWidth: false, scale: 100 };
}

/** The lines a row's cells need, as wrapped in their columns. */
export function rowLines(values: readonly (string | undefined)[], columns: readonly Column[], widths: readonly number[]): number {
  let lines = 1;
  values.forEach((value, i) => {
    if (value === undefined || value === '') return;
    const wraps = columns[i]?.kind === 'text';
    lines = Math.max(lines, wraps ? wrappedLines(value, widths[i] ?? 10) : value.split('\n').length);
  });
  return lines;
}

/** Text for a page header or footer: `&` starts a code there, so a literal one is doubled. */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, '&&');
}
