import { t } from '../i18n/lang.js';
import { compareDiagnostics, type Diagnostic, type SeveritySetting } from '../diagnostics/diagnostic.js';
import type { Rule } from './rule.js';
import { stableIdentity } from './stable-identity.js';

/**
 * A baseline accepts known problems without turning their rule off. Entries are keyed by file,
 * rule and a stable identity of the place (validate/stable-identity.ts: the `id` of a material or
 * step, or a fingerprint of the offending element, never a list position or a line), so edits
 * elsewhere, insertions and reorders do not break them. They are counted: two identical problems
 * need two entries. Entries that no longer match are reported, so the baseline only shrinks.
 * Pure: the command line reads and writes the file.
 *
 * Version 1 files (keyed by the plain JSON pointer, list positions included) are still read and
 * matched as before; `--write-baseline` writes version 2.
 */
export interface BaselineEntry {
  /** The file, relative to the baseline file's folder, with forward slashes. */
  file: string;
  rule: string;
  /** Version 2: the stable identity of the place; version 1: the JSON pointer. */
  at: string;
}

export interface Baseline {
  version: 1 | 2;
  entries: BaselineEntry[];
  /** Source positions of the entries, for reporting stale ones (computed only if one is). */
  position: (index: number) => { line: number; column: number };
}

/** How a problem is identified: its file's data, for turning its pointer into a stable identity. */
export type DataOf = (file: string) => unknown;

/** Rules whose problems are never accepted by a baseline: bugs in licat, and the baseline's own notices. */
const NEVER_ACCEPTED = new Set(['internal', 'baseline-stale']);

export const baselineStale: Rule = {
  id: 'baseline-stale',
  severity: 'warning',
  description: t('基线文件中的条目已不再对应任何问题，应从基线中删除', 'a baseline entry no longer matches any problem and should be removed'),
};

const key = (e: BaselineEntry) => `${e.file}\u0000${e.rule}\u0000${e.at}`;

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}

/** The identity of a problem's place in baselines of `version`, from its file's data. */
function identify(d: Diagnostic, version: 1 | 2, dataOf: DataOf | undefined): string {
  if (version === 1 || d.path === '') return d.path;
  return stableIdentity(dataOf?.(d.file), d.path);
}

/**
 * The baseline file for a set of problems: stable JSON (version 2), one entry per line, sorted.
 * `fileKey` maps a diagnostic's file to the path stored (relative to the baseline's folder);
 * `dataOf` gives a file's parsed data, for the stable identities.
 * @example writeFileSync('licat-baseline.json', renderBaseline(diagnostics, { dataOf }))
 */
export function renderBaseline(diagnostics: readonly Diagnostic[], options: { fileKey?: (file: string) => string; dataOf?: DataOf } = {}): string {
  const fileKey = options.fileKey ?? ((f: string) => f);
  const entries = diagnostics
    .filter((d) => !NEVER_ACCEPTED.has(d.rule))
    .map((d) => ({ file: fileKey(d.file), rule: d.rule, at: identify(d, 2, options.dataOf) }))
    .sort(compareEntries);
  const lines = entries.map((e) => `    { "file": ${JSON.stringify(e.file)}, "rule": ${JSON.stringify(e.rule)}, "at": ${JSON.stringify(e.at)} }`);
  return `{\n  "version": 2,\n  "problems": [${lines.length ? '\n' + lines.join(',\n') + '\n  ' : ''}]\n}\n`;
}

/**
 * Read a baseline file's text. Returns the entries, or a message (both languages) saying what is
 * wrong with the file.
 */
export function parseBaseline(text: string): { baseline: Baseline; error?: undefined } | { baseline?: undefined; error: { zh: string; en: string } } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { error: t(`基线文件不是有效的 JSON：${detail}`, `the baseline file is not valid JSON: ${detail}`) };
  }
  const problems = (data as { version?: unknown; problems?: unknown } | null)?.problems;
  const version = (data as { version?: unknown } | null)?.version;
  if ((version !== 1 && version !== 2) || !Array.isArray(problems)) {
    return {
      error: t(
        '基线文件应为 { "version": 2, "problems": [...] }；请用 --write-baseline 重新生成',
        'a baseline file is { "version": 2, "problems": [...] }; regenerate it with --write-baseline',
      ),
    };
  }
  const field = version === 1 ? 'path' : 'at';
  const entries: BaselineEntry[] = [];
  for (const [i, p] of problems.entries()) {
    const e = p as Record<string, unknown> | null;
    const at = e?.[field];
    if (!e || typeof e.file !== 'string' || typeof e.rule !== 'string' || typeof at !== 'string') {
      return { error: t(`基线文件第 ${i + 1} 个条目应有字符串 file、rule 和 ${field}`, `baseline entry ${i + 1} needs string file, rule and ${field}`) };
    }
    entries.push({ file: e.file, rule: e.rule, at });
  }
  let positions: Array<{ line: number; column: number }> | undefined;
  return { baseline: { version, entries, position: (i) => (positions ??= entryPositions(text))[i] ?? { line: 1, column: 1 } } };
}

/**
 * Drop the problems a baseline accepts and add a `baseline-stale` notice for each entry that
 * matched nothing. `file` is the baseline's path as shown to users; `setting` is the catalog's
 * setting for baseline-stale, if any.
 * @example const { diagnostics, accepted } = applyBaseline(result.diagnostics, baseline, { file: 'licat-baseline.json' })
 */
export function applyBaseline(
  diagnostics: readonly Diagnostic[],
  baseline: Baseline,
  options: { file: string; fileKey?: (file: string) => string; dataOf?: DataOf; setting?: SeveritySetting },
): { diagnostics: Diagnostic[]; accepted: number } {
  const fileKey = options.fileKey ?? ((f: string) => f);
  // Per key, its entries in file order and how many of them are used: matching is linear.
  const remaining = new Map<string, { entries: number[]; used: number }>();
  baseline.entries.forEach((e, i) => {
    const k = key(e);
    const slot = remaining.get(k);
    if (slot) slot.entries.push(i);
    else remaining.set(k, { entries: [i], used: 0 });
  });
  const kept: Diagnostic[] = [];
  let accepted = 0;
  for (const d of diagnostics) {
    const slot = NEVER_ACCEPTED.has(d.rule)
      ? undefined
      : remaining.get(key({ file: fileKey(d.file), rule: d.rule, at: identify(d, baseline.version, options.dataOf) }));
    if (slot && slot.used < slot.entries.length) {
      slot.used++;
      accepted++;
    } else kept.push(d);
  }
  const severity = options.setting ?? baselineStale.severity;
  if (severity !== 'off') {
    const stale: number[] = [];
    for (const slot of remaining.values()) for (let j = slot.used; j < slot.entries.length; j++) stale.push(slot.entries[j]!);
    stale.sort((a, b) => a - b);
    for (const i of stale) {
      const e = baseline.entries[i]!;
      const pos = baseline.position(i);
      kept.push({
        rule: 'baseline-stale',
        severity,
        file: options.file,
        path: `/problems/${i}`,
        line: pos.line,
        column: pos.column,
        message: t(
          `基线条目已不再对应任何问题（${e.file} ${e.rule} ${e.at || '/'}）：问题已修复，请从基线中删除该条目（或用 --write-baseline 重新生成）`,
          `baseline entry matches no problem any more (${e.file} ${e.rule} ${e.at || '/'}): it was fixed, so remove the entry (or regenerate with --write-baseline)`,
        ),
      });
    }
  }
  return { diagnostics: kept.sort(compareDiagnostics), accepted };
}

/**
 * Where each element of the top-level `problems` array starts, in one pass over the JSON text
 * (a YAML locator over a 200,000-entry file took minutes). The text is known to be valid JSON.
 */
function entryPositions(text: string): Array<{ line: number; column: number }> {
  const out: Array<{ line: number; column: number }> = [];
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let lastKey = '';
  let inProblems = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 13 || ch === 0xfeff) continue;
    if (inProblems && depth === 2 && expectValue && ch !== 93 /* ] */) {
      out.push({ line, column: i - lineStart + 1 });
      expectValue = false;
    }
    if (ch === 34 /* " */) {
      const start = i + 1;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      if (depth === 1) lastKey = text.slice(start, i);
    } else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      depth++;
      if (depth === 2 && ch === 91 && lastKey === 'problems') {
        inProblems = true;
        expectValue = true;
      }
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      if (depth === 2 && inProblems) inProblems = false;
      depth--;
    } else if (ch === 44 /* , */ && inProblems && depth === 2) expectValue = true;
  }
  return out;
}
