import type { Finding } from '../diagnostics/diagnostic.js';
import type { CheckedFile } from '../load/check-file.js';
import { checkInChunks, ParsePool } from '../load/parse-parallel.js';
import { readCatalog, readCatalogFiles, type RawFile } from '../load/read-catalog.js';
import { checkFiles, ITEM_HOOK, type CheckResult } from './check-catalog.js';

/**
 * A catalog checked once, kept in memory, and checked again after some of its files change
 * (`licat validate --watch`). A re-check reads, parses and schema-checks only the changed files
 * and runs the item rules on them alone; the catalog-wide rules (codes, departments, regions,
 * halls), which any item can affect, run over the whole composed catalog. The result is the
 * same as a fresh `checkCatalog` of the folder.
 * @example const session = await CheckSession.open('catalog'); session.update(['items/market/food-business.yaml']);
 */
export class CheckSession {
  private readonly files = new Map<string, RawFile>();
  private readonly readFindings = new Map<string, Finding[]>();
  private readonly checked: Map<string, CheckedFile>;
  result: CheckResult;

  private constructor(
    readonly root: string,
    readonly cwd: string,
    files: RawFile[],
    findings: Finding[],
    checked: Map<string, CheckedFile>,
  ) {
    for (const raw of files) this.files.set(raw.rel, raw);
    for (const finding of findings) this.readFindings.set(finding.file, [...(this.readFindings.get(finding.file) ?? []), finding]);
    this.checked = checked;
    this.result = this.run();
  }

  /** Read and check the whole folder (on worker threads for a large catalog). */
  static async open(root: string, cwd = process.cwd()): Promise<CheckSession> {
    let pool: ParsePool | undefined;
    try {
      const read = await readCatalog(root, cwd, { onListed: (count) => (pool = ParsePool.start(count, process.env, ITEM_HOOK)) !== undefined });
      const checked = (pool ? await pool.check(read.files) : undefined) ?? checkInChunks(read.files, ITEM_HOOK);
      return new CheckSession(root, cwd, read.files, read.findings, checked);
    } finally {
      pool?.stop();
    }
  }

  /** The files of the catalog, by their paths relative to its root. */
  has(rel: string): boolean {
    return this.files.has(rel);
  }

  /**
   * Read the given files again (paths relative to the catalog root; a file gone is dropped) and
   * check the catalog. Returns the display paths of the files re-read or dropped.
   */
  update(rels: readonly string[]): string[] {
    const read = readCatalogFiles(this.root, rels, this.cwd);
    const touched: string[] = [];
    for (const rel of rels) {
      const old = this.files.get(rel);
      if (old) {
        this.files.delete(rel);
        this.checked.delete(old.file);
        touched.push(old.file);
      }
    }
    for (const finding of read.findings) touched.push(finding.file);
    for (const file of touched) this.readFindings.delete(file);
    for (const finding of read.findings) this.readFindings.set(finding.file, [...(this.readFindings.get(finding.file) ?? []), finding]);
    const fresh = checkInChunks(
      read.files.filter((raw) => raw.kind !== 'regions'),
      ITEM_HOOK,
    );
    for (const raw of read.files) {
      this.files.set(raw.rel, raw);
      const result = fresh.get(raw.file);
      if (result) this.checked.set(raw.file, result);
      touched.push(raw.file);
    }
    this.result = this.run();
    return [...new Set(touched)];
  }

  private run(): CheckResult {
    const files = [...this.files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return checkFiles(this.root, files, [...this.readFindings.values()].flat(), this.checked);
  }
}
