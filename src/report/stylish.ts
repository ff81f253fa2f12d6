import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { count, countSeverities, type Reporter } from './reporter.js';
import { displayText, lineStart } from './safe-text.js';

/**
 * Problems shown per file; the rest are counted in one line. A file with thousands of problems
 * (a generated file gone wrong) would bury the others; json and sarif keep every problem.
 */
export const MAX_SHOWN_PER_FILE = 100;

/** Human output: problems grouped by file, each with a code excerpt and a caret. */
export const stylish: Reporter = (diagnostics, { lang, texts, summary, color, baseline }) => {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const zh = lang === 'zh';
  const out: string[] = [];
  let current: string | undefined;
  // Each file's text is split into lines once, not once per problem.
  let lines: string[] | undefined;
  let shown = 0;
  let hidden = 0;
  const closeFile = () => {
    if (hidden > 0)
      out.push(
        paint(
          '2',
          zh
            ? `  ……该文件另有 ${hidden} 个问题未显示（--format json 列出全部）`
            : `  … and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'} in this file (--format json lists all)`,
        ),
      );
  };
  for (const d of diagnostics) {
    if (d.file !== current) {
      if (current !== undefined) {
        closeFile();
        out.push('');
      }
      out.push(paint('4', lineStart(d.file)));
      current = d.file;
      lines = texts.get(d.file)?.split(/\r?\n/);
      shown = 0;
      hidden = 0;
    }
    if (shown >= MAX_SHOWN_PER_FILE) {
      hidden++;
      continue;
    }
    shown++;
    const sev = d.severity === 'error' ? paint('31', zh ? '错误' : 'error') : paint('33', zh ? '警告' : 'warning');
    const where = d.path ? `  ${paint('2', displayText(d.path))}` : '';
    out.push(`  ${d.line}:${d.column}  ${sev}  ${displayText(d.message[lang])}  ${paint('2', displayText(d.rule))}${where}`);
    out.push(...excerpt(d, lines, paint));
  }
  if (current !== undefined) closeFile();
  const { errors, warnings } = countSeverities(diagnostics);
  if (diagnostics.length > 0) out.push('');
  const items = summary.items;
  if (baseline?.written) {
    // Every problem just went into the baseline: what was written, not a clean bill of health.
    out.push(
      zh
        ? `已把 ${baseline.accepted} 个问题写入基线文件 ${displayText(baseline.file)}（检查了 ${summary.files} 个文件、${items} 个事项）`
        : `wrote ${count(baseline.accepted, 'problem')} to the baseline file ${displayText(baseline.file)} (${count(summary.files, 'file')}, ${count(items, 'item')} checked)`,
    );
    if (errors + warnings > 0)
      out.push(
        paint(
          errors > 0 ? '31' : '33',
          zh ? `✖ 另有 ${errors + warnings} 个问题无法写入基线` : `✖ ${count(errors + warnings, 'problem')} cannot go into a baseline`,
        ),
      );
  } else if (errors + warnings === 0) {
    const accepted = baseline && baseline.accepted > 0 ? baseline.accepted : 0;
    out.push(
      zh
        ? `✓ 检查了 ${summary.files} 个文件、${items} 个事项，${accepted ? `除基线接受的 ${accepted} 个已知问题外，` : ''}没有发现问题`
        : `✓ ${count(summary.files, 'file')}, ${count(items, 'item')} checked: no problems${accepted ? ` besides ${accepted} accepted by the baseline` : ''}`,
    );
  } else {
    const line = zh
      ? `✖ ${errors + warnings} 个问题（${errors} 个错误，${warnings} 个警告），检查了 ${summary.files} 个文件、${items} 个事项`
      : `✖ ${count(errors + warnings, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')}) in ${count(summary.files, 'file')}, ${count(items, 'item')}`;
    out.push(paint(errors > 0 ? '31' : '33', line));
  }
  return out.join('\n') + '\n';
};

function excerpt(d: Diagnostic, lines: readonly string[] | undefined, paint: (code: string, s: string) => string): string[] {
  const source = lines?.[d.line - 1];
  if (source === undefined) return [];
  const gutter = String(d.line).length;
  const shown = displayText(source.length > 160 ? source.slice(0, 160) + '…' : source);
  // The caret sits under the escaped text as shown.
  const before = displayText(source.slice(0, Math.max(0, d.column - 1)));
  return [
    `    ${paint('2', String(d.line).padStart(gutter) + ' |')} ${shown}`,
    `    ${' '.repeat(gutter)} ${paint('2', '|')} ${' '.repeat(displayWidth(before))}${paint('31', '^')}`,
  ];
}

/** Terminal width of a string: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    width +=
      cp === 9
        ? 1
        : (cp >= 0x1100 && cp <= 0x115f) ||
            (cp >= 0x2e80 && cp <= 0xa4cf) ||
            (cp >= 0xac00 && cp <= 0xd7a3) ||
            (cp >= 0xf900 && cp <= 0xfaff) ||
            (cp >= 0xfe30 && cp <= 0xfe4f) ||
            (cp >= 0xff00 && cp <= 0xff60) ||
            (cp >= 0xffe0 && cp <= 0xffe6) ||
            (cp >= 0x20000 && cp <= 0x3fffd)
          ? 2
          : 1;
  }
  return width;
}
