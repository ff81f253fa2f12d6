import type { Finding } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rule-ids.js';
import { t, type Text } from '../i18n/lang.js';
import { columnLetters, type SheetGrid } from '../load/read-sheet.js';
import { normalizeText } from './cell-values.js';
import { FEE_COLUMNS, MATERIAL_COLUMNS } from './detail-columns.js';
import { columnTable, headerKey, ITEM_COLUMNS, type ColumnContext } from './import-columns.js';
import { CRITERIA_COLUMNS, PROCESS_COLUMNS } from './process-columns.js';
import { readCriteria, readProcess, type KnownNames } from './process-rows.js';
import { columnOf, findHeader, HEADER_ROWS, itemRows, recognised, reportUnknownColumns, type Header, type ImportedItem, type Problem } from './sheet-table.js';

export type { ImportedItem, ImportedValue } from './sheet-table.js';
export type { KnownNames } from './process-rows.js';

export interface ImportRowsOptions {
  /** The spreadsheet as named in problems. */
  file: string;
  departmentByName: ReadonlyMap<string, string>;
  /** `--department`: the department of rows that name none. */
  department?: string | undefined;
  /**
   * The material and step names of the catalog's items by 基本编码: what a process or criteria
   * sheet may refer to when the workbook does not list an item's materials or steps itself.
   */
  known?: ReadonlyMap<string, KnownNames> | undefined;
}

export interface ImportRowsResult {
  items: ImportedItem[];
  findings: Finding[];
}

const ITEM_TABLE = columnTable(ITEM_COLUMNS);
const MATERIAL_TABLE = columnTable(MATERIAL_COLUMNS);
const FEE_TABLE = columnTable(FEE_COLUMNS);
const PROCESS_TABLE = columnTable(PROCESS_COLUMNS);
const CRITERIA_TABLE = columnTable(CRITERIA_COLUMNS);
/** Sheets of licat's export made from other data (implementing bodies, counts): nothing to import. */
const DERIVED_HEADERS = ['实施编码', '区划代码', '主管部门+省级决定'];
/** Columns that tell a process sheet from a list of items that merely names a step column. */
const STEP_COLUMNS = ['kind', 'next', 'limit', 'role', 'office', 'materials'];
/** Columns that tell a criteria sheet: a criterion has ranges or a rule. */
const CRITERION_COLUMNS = ['rule', 'outcome', 'min', 'max'];

/**
 * Read the item rows of a department's spreadsheet: the directory sheet(s) give one item per
 * row; a materials sheet, a fees sheet, a process sheet and a criteria sheet, where present, give
 * those lists by 基本编码 (each replacing the list of the items it has rows for). Every
 * cell that cannot be read is a located finding (`sheet!cell`, the value, why); nothing throws.
 * Pure: grids in, values and findings out.
 */
export function importRows(grids: readonly SheetGrid[], options: ImportRowsOptions): ImportRowsResult {
  const findings: Finding[] = [];
  const problem = (severity: 'error' | 'warning', rule: RuleId, sheet: string, row: number, col: number, why: Text) => {
    const cell = `${sheet}!${columnLetters(col)}${row}`;
    findings.push({ rule, severity, file: options.file, path: '', line: row, column: col, message: t(`${cell}：${why.zh}`, `${cell}: ${why.en}`) });
  };

  const itemSheets: Array<{ grid: SheetGrid; header: Header }> = [];
  const detailSheets: Array<{ grid: SheetGrid; header: Header; list: 'materials' | 'fees' }> = [];
  const processSheets: Array<{ grid: SheetGrid; header: Header }> = [];
  const criteriaSheets: Array<{ grid: SheetGrid; header: Header }> = [];
  for (const grid of grids) {
    const materials = findHeader(grid, MATERIAL_TABLE, ['code', 'name']);
    const fees = findHeader(grid, FEE_TABLE, ['code', 'name']);
    const items = findHeader(grid, ITEM_TABLE, ['name']);
    const process = findHeader(grid, PROCESS_TABLE, ['code', 'name']);
    const criteria = findHeader(grid, CRITERIA_TABLE, ['code', 'subject']);
    const more = (header: Header | undefined, than: Header | undefined) => recognised(header).length > recognised(than).length;
    if (materials && recognised(materials).includes('necessity')) detailSheets.push({ grid, header: materials, list: 'materials' });
    else if (criteria && recognised(criteria).some((id) => CRITERION_COLUMNS.includes(id)) && more(criteria, items))
      criteriaSheets.push({ grid, header: criteria });
    else if (process && recognised(process).some((id) => STEP_COLUMNS.includes(id)) && more(process, items)) processSheets.push({ grid, header: process });
    else if (fees && !items?.columns.some((c) => 'column' in c && c.column.id === 'resultName')) detailSheets.push({ grid, header: fees, list: 'fees' });
    else if (items && !isDerived(grid, items) && recognised(items).length >= 3) itemSheets.push({ grid, header: items });
    else if (items && !isDerived(grid, items) && grid.cells.length > items.row) {
      problem(
        'warning',
        'import-sheet-skipped',
        grid.name,
        items.row,
        1,
        t(
          '该工作表未导入：只导入事项表、申请材料、收费标准、办理流程和自由裁量标准表，该表的列不足以识别为其中之一',
          'sheet not imported: only the item, materials, fees, process and criteria sheets are read, and its columns do not make it one of them',
        ),
      );
    }
  }
  // licat's own export repeats 通用目录 rows on per-department sheets: read 通用目录 alone then.
  const directory = itemSheets.find((s) => s.grid.name === '通用目录');
  const sheets = directory ? [directory] : itemSheets;
  if (sheets.length === 0) {
    problem(
      'error',
      'import-sheet',
      grids[0]?.name ?? '',
      1,
      1,
      t(
        `前 ${HEADER_ROWS} 行中找不到事项表头（至少需要“事项名称”“基本编码”等列）`,
        `no header row of items in the first ${HEADER_ROWS} rows (it needs 事项名称, 基本编码 and other columns)`,
      ),
    );
    return { items: [], findings };
  }

  const items: ImportedItem[] = [];
  const byCode = new Map<string, ImportedItem>();
  for (const { grid, header } of sheets) {
    reportUnknownColumns(grid, header, problem);
    const codeColumn = header.columns.find((c) => 'column' in c && c.column.id === 'code');
    if (!codeColumn) {
      problem(
        'error',
        'import-sheet',
        grid.name,
        header.row,
        1,
        t('缺少“基本编码”列：无法确定每行对应的事项文件', 'no 基本编码 column: the item file of a row cannot be known'),
      );
      continue;
    }
    for (let r = header.row; r < grid.cells.length; r++) {
      const line = grid.cells[r] ?? [];
      const rowNumber = r + 1;
      if (line.every((v) => normalizeText(v) === '')) continue;
      const at = (col: number) => `${grid.name}!${columnLetters(col + 1)}${rowNumber}`;
      const rawCode = normalizeText(line[codeColumn.index] ?? '').replace(/\s+/g, '');
      if (!/^\d{12}$/.test(rawCode)) {
        problem(
          'error',
          'import-cell',
          grid.name,
          rowNumber,
          codeColumn.index + 1,
          rawCode === ''
            ? t('缺少基本编码', 'the 基本编码 (basic code) is empty')
            : t(`基本编码“${rawCode}”应为 12 位数字`, `the 基本编码 "${rawCode}" should be 12 digits`),
        );
        continue;
      }
      if (byCode.has(rawCode)) {
        problem(
          'error',
          'import-cell',
          grid.name,
          rowNumber,
          codeColumn.index + 1,
          t(`基本编码 ${rawCode} 已在 ${byCode.get(rawCode)!.cell} 出现`, `the 基本编码 ${rawCode} already appears at ${byCode.get(rawCode)!.cell}`),
        );
        continue;
      }
      const item: ImportedItem = { code: rawCode, cell: at(codeColumn.index), values: [] };
      let rowOk = true;
      for (const c of header.columns) {
        if (!('column' in c) || !c.column.read || c.column.id === 'code') continue;
        const value = line[c.index] ?? '';
        if (normalizeText(value) === '') continue;
        const context: ColumnContext = { departmentByName: options.departmentByName, hint: c.hint };
        const result = c.column.read(value, context);
        if ('why' in result) {
          problem('error', 'import-cell', grid.name, rowNumber, c.index + 1, result.why);
          rowOk = false;
        } else for (const [path, v] of result.values) item.values.push({ path, value: v, cell: at(c.index) });
      }
      if (!item.values.some((v) => v.path[0] === 'department')) {
        if (options.department !== undefined) item.values.push({ path: ['department'], value: options.department, cell: item.cell });
        else if (rowOk) {
          problem(
            'error',
            'import-cell',
            grid.name,
            rowNumber,
            codeColumn.index + 1,
            t(
              '不知道该事项的主管部门：表中没有“主管部门”，也没有给出 --department',
              'the department of this item is unknown: no 主管部门 in the sheet and no --department',
            ),
          );
        }
      }
      byCode.set(rawCode, item);
      items.push(item);
    }
  }

  for (const { grid, header, list } of detailSheets) readDetails(grid, header, list, byCode, problem);
  // After the materials (which steps name), and the process before the criteria (which name steps).
  const known = (code: string) => options.known?.get(code);
  for (const { grid, header } of processSheets) readProcess(grid, header, byCode, problem, known);
  for (const { grid, header } of criteriaSheets) readCriteria(grid, header, byCode, problem, known);
  return { items, findings };
}

/** Rows of a materials or fees sheet, appended to their item's list in row order. */
function readDetails(grid: SheetGrid, header: Header, list: 'materials' | 'fees', byCode: Map<string, ImportedItem>, problem: Problem): void {
  const codeColumn = columnOf(header, 'code')!;
  const lists = new Map<ImportedItem, Array<Record<string, unknown>>>();
  for (const { item, row, fields } of itemRows(grid, header, byCode, problem)) {
    const entry: Record<string, unknown> = {};
    for (const [key, { value }] of fields) entry[key] = value;
    if (!lists.has(item)) lists.set(item, []);
    lists.get(item)!.push(entry);
    if (!item.values.some((v) => v.path[0] === list && v.cell.startsWith(`${grid.name}!`))) {
      // The detail sheet's list replaces a list the directory sheet gave (names only).
      item.values = item.values.filter((v) => v.path[0] !== list);
      item.values.push({ path: [list], value: lists.get(item), cell: `${grid.name}!${columnLetters(codeColumn.index + 1)}${row}` });
    }
  }
}

function isDerived(grid: SheetGrid, header: Header): boolean {
  const texts = (grid.cells[header.row - 1] ?? []).map((v) => headerKey(v).key);
  return texts.some((v) => DERIVED_HEADERS.includes(v));
}
