import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Open an .xlsx in LibreOffice (headless, a fresh profile) and export every sheet as CSV, the
 * way a user's office suite reads it. Returns sheet name → rows of cells.
 */
export function libreOfficeSheets(xlsx: Uint8Array, name = 'book'): Map<string, string[][]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'licat-lo-'));
  const file = path.join(dir, `${name}.xlsx`);
  writeFileSync(file, xlsx);
  const out = path.join(dir, 'csv');
  // 44 comma, 34 quote, 76 UTF-8, …, -1 every sheet to its own file (LibreOffice 7.2+).
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
  const result = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', filter, '--outdir', out, file],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr || result.error?.message}`);
  const sheets = new Map<string, string[][]>();
  for (const csv of readdirSync(out).sort()) {
    const sheet = csv.slice(name.length + 1, -'.csv'.length);
    sheets.set(sheet, parseCsv(readFileSync(path.join(out, csv), 'utf8')));
  }
  if (sheets.size === 0) throw new Error(`soffice wrote no CSV: ${result.stdout} ${result.stderr}`);
  return sheets;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
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

/** Print an .xlsx to PDF with LibreOffice (headless, a fresh profile), as a department would. */
export function libreOfficePdf(xlsx: Uint8Array, name = 'book'): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'licat-lo-'));
  const file = path.join(dir, `${name}.xlsx`);
  writeFileSync(file, xlsx);
  const out = path.join(dir, 'pdf');
  const result = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file],
    { encoding: 'utf8', timeout: 240_000 },
  );
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr || result.error?.message}`);
  return readFileSync(path.join(out, `${name}.pdf`));
}

/** The text of each page of a PDF (poppler's pdftotext), in reading order or as drawn (`raw`). */
export function pdfPages(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): string[] {
  const result = spawnSync('pdftotext', [`-${mode}`, '-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdftotext failed (apt-get install poppler-utils): ${result.stderr || result.error?.message}`);
  const pages = result.stdout.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}
