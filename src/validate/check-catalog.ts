import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { composeCatalog, type CheckedFile } from '../load/compose.js';
import { checkInParallel } from '../load/parse-parallel.js';
import { readCatalog, type RawFile } from '../load/read-catalog.js';
import type { Catalog } from '../model/catalog.js';
import { finalize } from './finalize.js';
import { runRules } from './validate-catalog.js';

export interface CheckResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  texts: ReadonlyMap<string, string>;
  /** Number of files looked at. */
  files: number;
  /** Number of item files, valid or not. */
  itemFiles: number;
}

/**
 * Read, compose and check a catalog folder: the whole of `licat validate` but the reporting.
 * Large catalogs are parsed on worker threads too; the result is the same.
 * @example const { diagnostics } = await checkCatalog('catalog');
 */
export async function checkCatalog(root: string, cwd = process.cwd()): Promise<CheckResult> {
  const read = await readCatalog(root, cwd);
  const checked = await checkInParallel(read.files);
  return checkFiles(root, read.files, read.findings, checked);
}

/** Check catalog files already in memory (`checked`: files already parsed and schema-checked). Pure: no disk, no process state. */
export function checkFiles(root: string, files: RawFile[], readFindings: Finding[] = [], checked?: ReadonlyMap<string, CheckedFile>): CheckResult {
  const displayRoot = root.replace(/\\/g, '/').replace(/\/+$/, '') || '.';
  const composed = composeCatalog(displayRoot, files, checked);
  const findings = [...readFindings, ...composed.findings, ...runRules(composed.catalog)];
  const diagnostics = finalize(findings, composed.texts, composed.catalog.meta?.rules ?? {});
  const itemFiles = files.filter((f) => f.kind === 'item').length + readFindings.filter((f) => f.file.startsWith(`${displayRoot}/items/`)).length;
  return { catalog: composed.catalog, diagnostics, texts: composed.texts, files: files.length + readFindings.length, itemFiles };
}
