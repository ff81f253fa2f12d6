import type { RuleId } from '../diagnostics/rule-ids.js';
import { t, type Text } from '../i18n/lang.js';
import type { SheetGrid } from '../load/read-sheet.js';
import { normalizeText } from './cell-values.js';
import { headerKey, type ImportColumn } from './import-columns.js';

/**
 * How a sheet's header row is found and what its columns are: shared by the readers of the item,
 * materials, fees, process and criteria sheets.
 */

/** One value read from a cell, with where it came from. */
export interface ImportedValue {
  path: string[];
  value: unknown;
  /** `sheet!D7` */
  cell: string;
}

/** One item as a sheet gives it: its code, the row it came from, and the values found. */
export interface ImportedItem {
  code: string;
  cell: string;
  values: ImportedValue[];
}

/** How far down a header row is looked for: a title and notes may sit above it. */
export const HEADER_ROWS = 10;

export interface Header {
  /** 1-based row of the header. */
  row: number;
  columns: Array<{ column: ImportColumn; index: number; hint: string } | { unknown: string; index: number }>;
}

/** Report a problem at a cell (1-based row and column) of a sheet. */
export type Problem = (severity: 'error' | 'warning', rule: RuleId, sheet: string, row: number, col: number, why: Text) => void;

/** The row (in the first ten) naming the most known columns, if it names every required one. */
export function findHeader(grid: SheetGrid, table: ReadonlyMap<string, ImportColumn>, required: readonly string[]): Header | undefined {
  let best: Header | undefined;
  let bestCount = 0;
  for (let r = 0; r < Math.min(HEADER_ROWS, grid.cells.length); r++) {
    const columns: Header['columns'] = [];
    let count = 0;
    (grid.cells[r] ?? []).forEach((text, index) => {
      const { key, hint } = headerKey(text);
      if (key === '') return;
      const column = table.get(key);
      if (column) {
        // A header twice (a merged title over two columns): the first one counts.
        if (columns.some((c) => 'column' in c && c.column.id === column.id && column.id !== 'ignored')) return;
        columns.push({ column, index, hint });
        count++;
      } else columns.push({ unknown: normalizeText(text), index });
    });
    const ids = columns.flatMap((c) => ('column' in c ? [c.column.id] : []));
    if (count > bestCount && required.every((id) => ids.includes(id))) {
      best = { row: r + 1, columns };
      bestCount = count;
    }
  }
  return best;
}

/** The ids of the columns a header names and that are read (not the passed-over ones). */
export function recognised(header: Header | undefined): string[] {
  return (header?.columns ?? []).flatMap((c) => ('column' in c && c.column.id !== 'ignored' ? [c.column.id] : []));
}

/** The header's column with this id, if any. */
export function columnOf(header: Header, id: string): { column: ImportColumn; index: number; hint: string } | undefined {
  for (const c of header.columns) if ('column' in c && c.column.id === id) return c;
  return undefined;
}

/** A warning for each column of the header that is not recognised. */
export function reportUnknownColumns(grid: SheetGrid, header: Header, problem: Problem): void {
  for (const c of header.columns) {
    if ('unknown' in c)
      problem(
        'warning',
        'import-column',
        grid.name,
        header.row,
        c.index + 1,
        t(`未识别的列“${c.unknown}”，未导入`, `unknown column "${c.unknown}"; not imported`),
      );
  }
}

/** One data row of a detail sheet (materials, fees, process, criteria): its item and its cells. */
export interface ItemRow {
  item: ImportedItem;
  /** 1-based row. */
  row: number;
  /** Each readable, non-empty cell by the path it fills, with its 1-based column. */
  fields: Map<string, { value: unknown; col: number }>;
}

/**
 * The data rows of a detail sheet, in order, each with the item its 基本编码 names and its cells
 * read by their columns. Blank rows are passed by; a row whose code names no item of the item
 * sheet, and a cell that cannot be read, are located problems (the row, or the cell, left out).
 */
export function itemRows(grid: SheetGrid, header: Header, byCode: ReadonlyMap<string, ImportedItem>, problem: Problem): ItemRow[] {
  reportUnknownColumns(grid, header, problem);
  const codeColumn = columnOf(header, 'code')!;
  const out: ItemRow[] = [];
  for (let r = header.row; r < grid.cells.length; r++) {
    const line = grid.cells[r] ?? [];
    const row = r + 1;
    if (line.every((v) => normalizeText(v) === '')) continue;
    const code = normalizeText(line[codeColumn.index] ?? '').replace(/\s+/g, '');
    const item = byCode.get(code);
    if (!item) {
      problem(
        'error',
        'import-cell',
        grid.name,
        row,
        codeColumn.index + 1,
        code === ''
          ? t('缺少基本编码', 'the 基本编码 (basic code) is empty')
          : t(`基本编码“${code}”不在事项表中`, `the 基本编码 "${code}" is not among the rows of the item sheet`),
      );
      continue;
    }
    const fields = new Map<string, { value: unknown; col: number }>();
    for (const c of header.columns) {
      if (!('column' in c) || !c.column.read || c.column.id === 'code') continue;
      const value = line[c.index] ?? '';
      if (normalizeText(value) === '') continue;
      const result = c.column.read(value, { departmentByName: new Map(), hint: c.hint });
      if ('why' in result) problem('error', 'import-cell', grid.name, row, c.index + 1, result.why);
      else for (const [path, v] of result.values) fields.set(path[0]!, { value: v, col: c.index + 1 });
    }
    out.push({ item, row, fields });
  }
  return out;
}
