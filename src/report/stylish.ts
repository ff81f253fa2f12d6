import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { countSeverities, type Reporter } from './reporter.js';

/** Human output: problems grouped by file, each with a code excerpt and a caret. */
export const stylish: Reporter = (diagnostics, { lang, texts, summary, color }) => {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const zh = lang === 'zh';
  const out: string[] = [];
  let current: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== current) {
      if (current !== undefined) out.push('');
      out.push(paint('4', d.file));
      current = d.file;
    }
    const sev = d.severity === 'error' ? paint('31', zh ? '错误' : 'error') : paint('33', zh ? '警告' : 'warning');
    const where = d.path ? `  ${paint('2', d.path)}` : '';
    out.push(`  ${d.line}:${d.column}  ${sev}  ${d.message[lang]}  ${paint('2', d.rule)}${where}`);
    out.push(...excerpt(d, texts.get(d.file), paint));
  }
  const { errors, warnings } = countSeverities(diagnostics);
  if (diagnostics.length > 0) out.push('');
  const items = summary.items;
  if (errors + warnings === 0) {
    out.push(zh ? `✓ 检查了 ${summary.files} 个文件、${items} 个事项，没有发现问题` : `✓ ${summary.files} files, ${items} items checked: no problems`);
  } else {
    const line = zh
      ? `✖ ${errors + warnings} 个问题（${errors} 个错误，${warnings} 个警告），检查了 ${summary.files} 个文件、${items} 个事项`
      : `✖ ${errors + warnings} problems (${errors} errors, ${warnings} warnings) in ${summary.files} files, ${items} items`;
    out.push(paint(errors > 0 ? '31' : '33', line));
  }
  return out.join('\n') + '\n';
};

function excerpt(d: Diagnostic, text: string | undefined, paint: (code: string, s: string) => string): string[] {
  if (text === undefined) return [];
  const lines = text.split(/\r?\n/);
  const source = lines[d.line - 1];
  if (source === undefined) return [];
  const gutter = String(d.line).length;
  const shown = source.length > 160 ? source.slice(0, 160) + '…' : source;
  const before = source.slice(0, Math.max(0, d.column - 1));
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
    width += cp === 9 ? 1 : (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return width;
}
