import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import type { Text } from '../i18n/lang.js';
import { checkFile, type CheckedFile } from '../load/check-file.js';
import { valueDigest } from '../load/value-digest.js';
import { ParseCache } from '../load/parse-cache.js';
import { checkInChunks, checkInParallel, forcedWorkers, ParsePool, workerEntry, type ItemHook } from '../load/parse-parallel.js';
import { readCatalog, type RawFile } from '../load/read-catalog.js';
import type { Catalog } from '../model/catalog.js';
import { composeCatalog } from '../model/compose-catalog.js';
import { finalize } from '../validate/finalize.js';
import { checkItems, type ItemRuleResult } from '../validate/item-rules.js';
import { effectiveSettings } from '../validate/rules/rule-settings.js';
import { runRules } from '../validate/validate-catalog.js';
import { findTextFixes, mayNeedFixes } from '../validate/text-fixes.js';
import { placeholderFindings } from '../validate/placeholders.js';
import { t } from '../i18n/lang.js';
import type { YamlKind } from '../schema/shape.js';

export interface CheckResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  texts: ReadonlyMap<string, string>;
  /** Number of files looked at. */
  files: number;
  /** Number of item files, valid or not. */
  itemFiles: number;
}

export interface CheckOptions {
  /**
   * Folder of the cache of parsed files kept between runs (see load/parse-cache.ts), or
   * undefined for none.
   */
  cacheDir?: string | undefined;
  /** Hears details worth a line with --verbose (a cache discarded, say). */
  note?: ((text: Text) => void) | undefined;
}

/**
 * Read, compose and check a catalog folder: the whole of `licat validate` but the reporting.
 * Large catalogs are parsed on worker threads too; with `cacheDir`, files unchanged since an
 * earlier run are not parsed again. Either way the result is the same.
 * @example const { diagnostics } = await checkCatalog('catalog');
 */
export async function checkCatalog(root: string, cwd = process.cwd(), options: CheckOptions = {}): Promise<CheckResult> {
  forcedWorkers(process.env); // a bad LICAT_WORKERS is an error even when no thread is needed
  // Without a cache every YAML file is parsed: start the workers while the files are read.
  let pool: ParsePool | undefined;
  try {
    const read = await readCatalog(root, cwd, {
      onListed: (count) => {
        if (options.cacheDir === undefined) pool = ParsePool.start(count, process.env, ITEM_HOOK);
        // Read into shared memory, which the workers read without a copy.
        return pool !== undefined;
      },
    });
    const checked = pool ? await pool.check(read.files) : await checkAhead(read.files, options.cacheDir, options.note);
    pool = undefined;
    return checkFiles(root, read.files, read.findings, checked);
  } finally {
    pool?.stop();
  }
}

/**
 * The item-scope rules run where each item is parsed, on every thread (validate/item-rules.ts):
 * on this one, and on workers started from ./check-worker.ts, which runs the same function.
 */
export const ITEM_HOOK: ItemHook = { worker: workerEntry('check-worker.cjs', new URL('./check-worker.js', import.meta.url)), run: checkItems };

/** Check the YAML files before composing: from the cache where it has them, the rest in parallel. */
async function checkAhead(files: RawFile[], cacheDir: string | undefined, note?: (text: Text) => void): Promise<Map<string, CheckedFile> | undefined> {
  if (cacheDir === undefined) return checkInParallel(files);
  const cache = ParseCache.open(cacheDir, note);
  const checked = new Map<string, CheckedFile>();
  const misses: Array<{ raw: RawFile; key: string }> = [];
  for (const raw of files) {
    if (raw.kind === 'regions') continue;
    const key = ParseCache.key(raw);
    const hit = cache.get(raw, key);
    if (hit) checked.set(raw.file, hit);
    else misses.push({ raw, key });
  }
  // The item rules run with the parse, so that what they find is kept with the file.
  const rawMisses = misses.map((m) => m.raw);
  const fresh = rawMisses.length === 0 ? undefined : ((await checkInParallel(rawMisses, process.env, ITEM_HOOK)) ?? checkInChunks(rawMisses, ITEM_HOOK));
  for (const { raw, key } of misses) {
    const result = fresh?.get(raw.file) ?? checkFile(raw);
    // What the rules of its text find, kept with it (checkFiles takes them from here).
    if (result.text !== undefined && raw.kind !== 'regions') result.textFindings = textFindingsOf({ ...raw, kind: raw.kind }, result.text);
    // The digest the feeds of an item are keyed by, made once and kept with it.
    if (raw.kind === 'item' && result.value !== undefined && result.findings.length === 0) valueDigest(result.value);
    checked.set(raw.file, result);
    cache.set(raw, result, key);
  }
  cache.save();
  return checked;
}

/** Check catalog files already in memory (`checked`: files already parsed and schema-checked). Pure: no disk, no process state. */
export function checkFiles(root: string, files: RawFile[], readFindings: Finding[] = [], checked?: ReadonlyMap<string, CheckedFile>): CheckResult {
  const displayRoot = root.replace(/\\/g, '/').replace(/\/+$/, '') || '.';
  // Checked here when not already: item by item with the item-scope rules, as the workers do.
  checked ??= checkInChunks(files, ITEM_HOOK);
  const composed = composeCatalog(displayRoot, files, checked);
  const fixable = textFixFindings(files, composed.texts, checked);
  const loadFindings = fixable.length === 0 ? composed.findings : withoutFixedSchemaFindings(composed.findings, fixable);
  const findings = [...readFindings, ...loadFindings, ...fixable, ...runRules(composed.catalog, itemResults(checked))];
  const diagnostics = finalize(findings, composed.texts, effectiveSettings(composed.catalog.meta?.rules));
  const itemFiles = files.filter((f) => f.kind === 'item').length + readFindings.filter((f) => f.file.startsWith(`${displayRoot}/items/`)).length;
  return { catalog: composed.catalog, diagnostics, texts: composed.texts, files: files.length + readFindings.length, itemFiles };
}

/**
 * What the rules of each file's text find (fixable problems, placeholders): as `checked` has them
 * (from the parse cache, or found when the file was checked), else found here.
 */
function textFixFindings(files: RawFile[], texts: ReadonlyMap<string, string>, checked: ReadonlyMap<string, CheckedFile>): Finding[] {
  const out: Finding[] = [];
  for (const raw of files) {
    if (raw.kind === 'regions') continue;
    const known = checked.get(raw.file)?.textFindings;
    if (known) {
      out.push(...known);
      continue;
    }
    const text = texts.get(raw.file);
    if (text === undefined) continue;
    const seen = textFindings.get(raw.file);
    if (seen?.text === text) {
      out.push(...seen.findings);
      continue;
    }
    const findings = textFindingsOf({ ...raw, kind: raw.kind }, text);
    textFindings.set(raw.file, { text, findings });
    out.push(...findings);
  }
  return out;
}

/** What the rules of one file's text find; a quick test passes clean files by. Pure. */
function textFindingsOf(raw: RawFile & { kind: YamlKind }, text: string): Finding[] {
  const findings = placeholderFindings(text, raw.file);
  if (mayNeedFixes(text)) {
    for (const fix of findTextFixes(text, raw.kind).fixes) {
      const message = t(`${fix.message.zh}（licat validate --fix 可修复）`, `${fix.message.en} (licat validate --fix fixes it)`);
      findings.push({ rule: fix.rule, file: raw.file, path: fix.path, line: fix.line, column: fix.column, message });
    }
  }
  return findings;
}

/**
 * The text findings of each file by its last text: a catalog checked again in the same process
 * (`validate --watch`) looks again only at the files whose text changed.
 */
const textFindings = new Map<string, { text: string; findings: Finding[] }>();

/** A schema problem at a value a text rule names is the same problem: only the text rule's one is kept. */
function withoutFixedSchemaFindings(findings: Finding[], fixable: Finding[]): Finding[] {
  const fixed = new Set(fixable.filter((f) => f.path !== '').map((f) => `${f.file}\0${f.path}`));
  return findings.filter((f) => f.rule !== 'schema' || !fixed.has(`${f.file}\0${f.path}`));
}

/** What the item hook found, by file, where the files were checked with it (the rest is checked in runRules). */
function itemResults(checked: ReadonlyMap<string, CheckedFile>): Map<string, ItemRuleResult> {
  const out = new Map<string, ItemRuleResult>();
  for (const [file, result] of checked) {
    if (result.itemFindings !== undefined) out.set(file, result.itemFindings);
  }
  return out;
}
