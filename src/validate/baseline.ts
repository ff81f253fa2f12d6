import { t } from '../i18n/lang.js';
import { compareDiagnostics, type Diagnostic, type SeveritySetting } from '../diagnostics/diagnostic.js';
import { createLocator } from '../load/locate.js';
import type { Rule } from './rule.js';

/**
 * A baseline accepts known problems without turning their rule off. Entries are keyed by file,
 * rule and JSON pointer (never by line, so edits elsewhere in a file do not break them) and are
 * counted: two identical problems need two entries. Entries that no longer match are reported, so
 * the baseline only shrinks. Pure: the command line reads and writes the file.
 */
export interface BaselineEntry {
  /** The file, relative to the baseline file's folder, with forward slashes. */
  file: string;
  rule: string;
  path: string;
}

export interface Baseline {
  entries: BaselineEntry[];
  /** Source positions of the entries, for reporting stale ones. */
  positions: Array<{ line: number; column: number }>;
}

/** Rules whose problems are never accepted by a baseline: bugs in licat, and the baseline's own notices. */
const NEVER_ACCEPTED = new Set(['internal', 'baseline-stale']);

export const baselineStale: Rule = {
  id: 'baseline-stale',
  severity: 'warning',
  description: t('基线文件中的条目已不再对应任何问题，应从基线中删除', 'a baseline entry no longer matches any problem and should be removed'),
};

const key = (e: BaselineEntry) => `${e.file}\u0000${e.rule}\u0000${e.path}`;

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The baseline file for a set of problems: stable JSON, one entry per line, sorted.
 * `fileKey` maps a diagnostic's file to the path stored (relative to the baseline's folder).
 * @example writeFileSync('licat-baseline.json', renderBaseline(diagnostics))
 */
export function renderBaseline(diagnostics: readonly Diagnostic[], fileKey: (file: string) => string = (f) => f): string {
  const entries = diagnostics
    .filter((d) => !NEVER_ACCEPTED.has(d.rule))
    .map((d) => ({ file: fileKey(d.file), rule: d.rule, path: d.path }))
    .sort(compareEntries);
  const lines = entries.map((e) => `    { "file": ${JSON.stringify(e.file)}, "rule": ${JSON.stringify(e.rule)}, "path": ${JSON.stringify(e.path)} }`);
  return `{\n  "version": 1,\n  "problems": [${lines.length ? '\n' + lines.join(',\n') + '\n  ' : ''}]\n}\n`;
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
  if ((data as { version?: unknown } | null)?.version !== 1 || !Array.isArray(problems)) {
    return { error: t('基线文件应为 { "version": 1, "problems": [...] }', 'a baseline file is { "version": 1, "problems": [...] }') };
  }
  const entries: BaselineEntry[] = [];
  for (const [i, p] of problems.entries()) {
    const e = p as Partial<Record<keyof BaselineEntry, unknown>> | null;
    if (!e || typeof e.file !== 'string' || typeof e.rule !== 'string' || typeof e.path !== 'string') {
      return { error: t(`基线文件第 ${i + 1} 个条目应有字符串 file、rule 和 path`, `baseline entry ${i + 1} needs string file, rule and path`) };
    }
    entries.push({ file: e.file, rule: e.rule, path: e.path });
  }
  const locate = createLocator(text);
  return { baseline: { entries, positions: entries.map((_, i) => locate(`/problems/${i}`)) } };
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
  options: { file: string; fileKey?: (file: string) => string; setting?: SeveritySetting },
): { diagnostics: Diagnostic[]; accepted: number } {
  const fileKey = options.fileKey ?? ((f: string) => f);
  const remaining = new Map<string, number[]>();
  baseline.entries.forEach((e, i) => {
    const k = key(e);
    const list = remaining.get(k);
    if (list) list.push(i);
    else remaining.set(k, [i]);
  });
  const kept: Diagnostic[] = [];
  let accepted = 0;
  for (const d of diagnostics) {
    const list = NEVER_ACCEPTED.has(d.rule) ? undefined : remaining.get(key({ file: fileKey(d.file), rule: d.rule, path: d.path }));
    if (list && list.length > 0) {
      list.shift();
      accepted++;
    } else kept.push(d);
  }
  const severity = options.setting ?? baselineStale.severity;
  if (severity !== 'off') {
    const stale = [...remaining.values()].flat().sort((a, b) => a - b);
    for (const i of stale) {
      const e = baseline.entries[i]!;
      const pos = baseline.positions[i] ?? { line: 1, column: 1 };
      kept.push({
        rule: 'baseline-stale',
        severity,
        file: options.file,
        path: `/problems/${i}`,
        line: pos.line,
        column: pos.column,
        message: t(
          `基线条目已不再对应任何问题（${e.file} ${e.rule} ${e.path || '/'}）：问题已修复，请从基线中删除该条目（或用 --write-baseline 重新生成）`,
          `baseline entry matches no problem any more (${e.file} ${e.rule} ${e.path || '/'}): it was fixed, so remove the entry (or regenerate with --write-baseline)`,
        ),
      });
    }
  }
  return { diagnostics: kept.sort(compareDiagnostics), accepted };
}
