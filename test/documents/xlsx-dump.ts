/** A cell as the dump shows it: strings stay strings, so a code turned number would show. */
export type DumpCell = string | number | boolean | null | { text: string; link: string } | { formula: string };

export interface SheetDump {
  name: string;
  frozen: { columns: number; rows: number } | undefined;
  autoFilter: string | undefined;
  widths: Array<number | undefined>;
  /** Number format of each column's cells (row 2), e.g. '@' for text. */
  formats: Array<string | undefined>;
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
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: DumpCell[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(dumpCell(row.getCell(c).value));
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      rows.push(cells);
    });
    const widths: Array<number | undefined> = [];
    const formats: Array<string | undefined> = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      widths.push(sheet.getColumn(c).width);
      formats.push(sheet.rowCount >= 2 ? sheet.getRow(2).getCell(c).numFmt : undefined);
    }
    const filter = sheet.autoFilter as string | { from: unknown; to: unknown } | undefined;
    return {
      name: sheet.name,
      frozen: view?.state === 'frozen' ? { columns: view.xSplit ?? 0, rows: view.ySplit ?? 0 } : undefined,
      autoFilter: typeof filter === 'string' ? filter : filter ? JSON.stringify(filter) : undefined,
      widths,
      formats,
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
