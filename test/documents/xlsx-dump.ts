/** A cell as the dump shows it: strings stay strings, so a code turned number would show. */
export type DumpCell = string | number | boolean | null | { text: string; link: string } | { formula: string };

export interface SheetDump {
  name: string;
  frozen: { columns: number; rows: number } | undefined;
  autoFilter: string | undefined;
  widths: Array<number | undefined>;
  /** Number format of each column's cells (the last row), e.g. '@' for text. */
  formats: Array<string | undefined>;
  /** How the sheet prints: paper, orientation, scaling, print area and titles, header and footer. */
  print: Record<string, unknown>;
  /** Drop-down lists: range → the values offered. */
  lists: Record<string, string>;
  merges: string[];
  /** Height of each row in points (undefined: the default). */
  heights: Array<number | undefined>;
  rows: DumpCell[][];
}

/**
 * A JSON-comparable dump of an .xlsx read back with exceljs: what a user sees per cell and the
 * sheet's layout, not the bytes.
 */
export async function dumpWorkbook(bytes: Uint8Array): Promise<SheetDump[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const view = sheet.views[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const rows: DumpCell[][] = [];
    const heights: Array<number | undefined> = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      heights.push(row.height);
      const cells: DumpCell[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        // A merged cell shows its master's value once, not in every cell it covers.
        cells.push(cell.isMerged && cell.master !== cell ? null : dumpCell(cell.value));
      }
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      rows.push(cells);
    });
    const widths: Array<number | undefined> = [];
    const formats: Array<string | undefined> = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      widths.push(sheet.getColumn(c).width);
      formats.push(sheet.rowCount >= 2 ? sheet.getRow(sheet.rowCount).getCell(c).numFmt : undefined);
    }
    const setup = sheet.pageSetup as Record<string, unknown>;
    const print: Record<string, unknown> = {};
    for (const key of ['paperSize', 'orientation', 'fitToPage', 'fitToWidth', 'fitToHeight', 'scale', 'printArea', 'printTitlesRow', 'printTitlesColumn']) {
      if (setup[key] !== undefined) print[key] = setup[key];
    }
    const headerFooter = sheet.headerFooter as { oddHeader?: string; oddFooter?: string };
    if (headerFooter.oddHeader) print.header = headerFooter.oddHeader;
    if (headerFooter.oddFooter) print.footer = headerFooter.oddFooter;
    const lists: Record<string, string> = {};
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    // exceljs reads a list's range back cell by cell: shown again as one range per column.
    const byColumn = new Map<string, { rows: number[]; formula: string }>();
    for (const [cell, rule] of Object.entries(validations)) {
      if (rule?.type !== 'list') continue;
      const [, column, row] = /^([A-Z]+)(\d+)$/.exec(cell) ?? [];
      const formula = rule.formulae.join(',');
      const entry = byColumn.get(`${column}\u0000${formula}`) ?? { rows: [], formula };
      entry.rows.push(Number(row));
      byColumn.set(`${column}\u0000${formula}`, entry);
    }
    for (const [key, { rows: at, formula }] of byColumn) {
      const column = key.split('\u0000')[0]!;
      lists[`${column}${Math.min(...at)}:${column}${Math.max(...at)}`] = formula;
    }
    const merges = Object.keys((sheet as unknown as { _merges: Record<string, unknown> })._merges ?? {});
    const filter = sheet.autoFilter as string | { from: unknown; to: unknown } | undefined;
    return {
      name: sheet.name,
      frozen: view?.state === 'frozen' ? { columns: view.xSplit ?? 0, rows: view.ySplit ?? 0 } : undefined,
      autoFilter: typeof filter === 'string' ? filter : filter ? JSON.stringify(filter) : undefined,
      widths,
      formats,
      print,
      lists,
      merges,
      heights,
      rows,
    };
  });
}

function dumpCell(value: unknown): DumpCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  const v = value as { formula?: string; hyperlink?: string; text?: unknown; richText?: Array<{ text: string }> };
  if (v.formula !== undefined) return { formula: v.formula };
  if (v.hyperlink !== undefined) return { text: typeof v.text === 'string' ? v.text : JSON.stringify(v.text), link: v.hyperlink };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  return JSON.stringify(value);
}

/** The dump as reviewable text: one line per sheet property and per row. */
export function formatDump(sheets: readonly SheetDump[]): string {
  const lines: string[] = [];
  for (const sheet of sheets) {
    const { rows, ...layout } = sheet;
    lines.push(`# ${sheet.name}`);
    for (const [key, value] of Object.entries(layout)) if (key !== 'name') lines.push(`${key}: ${JSON.stringify(value)}`);
    for (const row of rows) lines.push(JSON.stringify(row));
    lines.push('');
  }
  return lines.join('\n');
}
