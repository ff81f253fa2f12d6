import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { composeCatalog } from '../load/compose.js';
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
 * @example const { diagnostics } = await checkCatalog('catalog');
 */
export async function checkCatalog(root: string, cwd = process.cwd()): Promise<CheckResult> {
  const read = await readCatalog(root, cwd);
  return checkFiles(root, read.files, read.findings);
}

/** Check catalog files already in memory. Pure: no disk, no process state. */
export function checkFiles(root: string, files: RawFile[], readFindings: Finding[] = []): CheckResult {
  const displayRoot = root.replace(/\\/g, '/').replace(/\/+$/, '') || '.';
  const composed = composeCatalog(displayRoot, files);
  const findings = [...readFindings, ...composed.findings, ...runRules(composed.catalog)];
  const diagnostics = finalize(findings, composed.texts, composed.catalog.meta?.rules ?? {});
  const itemFiles = files.filter((f) => f.kind === 'item').length + readFindings.filter((f) => f.file.startsWith(`${displayRoot}/items/`)).length;
  return { catalog: composed.catalog, diagnostics, texts: composed.texts, files: files.length + readFindings.length, itemFiles };
}
