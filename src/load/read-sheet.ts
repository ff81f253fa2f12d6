import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../diagnostics/usage-error.js';

/**
 * One sheet of a spreadsheet as text: `cells[r][c]` is the text of row r+1, column c+1 ('' when
 * empty). A merged range gives every cell it covers the text of its top-left (master) cell, so a
 * row reads the same whether or not a value was merged down across rows.
 */
export interface SheetGrid {
  name: string;
  cells: string[][];
}

/** Largest spreadsheet read; a department's list of items is a few hundred kilobytes. */
export const MAX_SHEET_BYTES = 64 * 1024 * 1024;

/**
 * Read an .xlsx workbook (every sheet, in order) or a .csv file (one sheet named after the file)
 * into text grids. This is the only place a spreadsheet is read from disk. A file that cannot be
 * read at all is a usage error (exit 2): nothing is imported from it.
 * @example const [sheet] = await readSheets('market.xlsx');
 */
export async function readSheets(file: string): Promise<SheetGrid[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new UsageError(`无法读取文件：${file} / cannot read the file: ${file}`);
  }
  if (bytes.length > MAX_SHEET_BYTES) throw new UsageError(`文件过大：${file} / file too large: ${file}`);
  return sheetsFromBytes(bytes, file);
}

/** The sheets of a spreadsheet already in memory; `file` names it and gives its kind by extension. */
export async function sheetsFromBytes(bytes: Buffer, file: string): Promise<SheetGrid[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return [{ name: path.basename(file, path.extname(file)), cells: parseCsv(decodeUtf8(bytes, file)) }];
  if (ext === '.xlsx' || ext === '.xlsm') return readWorkbook(bytes, file);
  throw new UsageError(`只能导入 .xlsx 或 .csv 文件：${file} / only .xlsx and .csv files can be imported: ${file}`);
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    throw new UsageError(`CSV 文件不是 UTF-8 编码（请另存为“CSV UTF-8”）：${file} / the CSV file is not UTF-8 (save it as "CSV UTF-8"): ${file}`);
  }
}

/**
 * RFC 4180 CSV: fields separated by commas, quoted with double quotes (a doubled quote inside),
 * line breaks inside quotes kept, CRLF or LF between records.
 * @example parseCsv('a,"b\n""c"""\r\n') // [['a', 'b\n"c"']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function readWorkbook(bytes: Buffer, file: string): Promise<SheetGrid[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UsageError(`不是可读取的 Excel 工作簿：${file} / not a readable Excel workbook: ${file}`);
  }
  const grids: SheetGrid[] = [];
  workbook.eachSheet((sheet) => {
    const cells: string[][] = [];
    const masters = mergeMasters(sheet.model);
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const out: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const master = masters.get(`${rowNumber}:${col}`);
        const source = master ? sheet.getCell(master[0], master[1]) : cell;
        out[col - 1] = cellString(source.value);
      });
      cells[rowNumber - 1] = Array.from(out, (v) => v ?? '');
    });
    // Cells covered by a merge whose row has no cell of its own still read the master's text.
    for (const [key, [r, c]] of masters) {
      const [row, col] = key.split(':').map(Number) as [number, number];
      const line = (cells[row - 1] ??= []);
      for (let i = 0; i < col - 1; i++) line[i] ??= '';
      if (!line[col - 1]) line[col - 1] = cellString(sheet.getCell(r, c).value);
    }
    grids.push({ name: sheet.name, cells: Array.from(cells, (line) => line ?? []) });
  });
  return grids;
}

/** Every cell inside a merged range (but its master) → the master's row and column. */
function mergeMasters(model: { merges?: string[] }): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const range of model.merges ?? []) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    const [c1, r1, c2, r2] = [columnNumber(m[1]!), Number(m[2]), columnNumber(m[3]!), Number(m[4])];
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) out.set(`${r}:${c}`, [r1, c1]);
    }
  }
  return out;
}

/** `A` → 1, `AA` → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 → `A`, 27 → `AA`. */
export function columnLetters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** A cell's value as the text a person sees: rich text joined, a formula's result, a link's text. */
function cellString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellString(v.text);
    if ('result' in v) return cellString(v.result);
    if (v.error !== undefined) return '';
    return JSON.stringify(value);
  }
  return typeof value === 'bigint' ? value.toString() : '';
}
