import path from 'node:path';
import type { Lang } from '../i18n/lang.js';
import { readCatalog } from '../load/read-catalog.js';
import { decodeUtf8 } from '../load/decode.js';
import { findTextFixes, type TextFix } from '../validate/text-fixes.js';
import { writeFileAtomic } from './write-output.js';

/**
 * `licat validate --fix`, before the check: apply every safe fix of the fixable rules to the
 * catalog's YAML files, each file written whole (temporary file, then rename), and say what
 * changed, one line per fix on standard error. Returns the number of fixes applied.
 */
export async function applyFixes(dir: string, cwd: string, lang: Lang): Promise<number> {
  const { files } = await readCatalog(dir, cwd);
  let count = 0;
  for (const raw of files) {
    if (raw.kind === 'regions') continue;
    const decoded = decodeUtf8(raw.bytes, raw.file);
    if (decoded.finding) continue;
    const { fixes, text } = findTextFixes(decoded.text, raw.kind);
    if (fixes.length === 0) continue;
    await writeFileAtomic(path.resolve(cwd, raw.file), text);
    for (const fix of fixes) process.stderr.write(`${describeFix(raw.file, fix, lang)}\n`);
    count += fixes.length;
  }
  process.stderr.write(
    lang === 'zh'
      ? `licat: 已修复 ${count} 处${count > 0 ? '，重新检查：' : '；没有可自动修复的问题'}\n`
      : `licat: ${count} ${count === 1 ? 'fix' : 'fixes'} applied${count > 0 ? '; checking again:' : '; nothing to fix'}\n`,
  );
  return count;
}

/** `file:line:column  rule  before -> after`, invisible characters shown as \u{…}. */
export function describeFix(file: string, fix: TextFix, lang: Lang): string {
  const fixed = lang === 'zh' ? '已修复' : 'fixed';
  return `${file}:${fix.line}:${fix.column}  ${fixed}  ${fix.rule}  ${visible(fix.before)} -> ${visible(fix.after)}`;
}

function visible(text: string): string {
  if (text === '') return '""';
  return text.replace(/[\u0000-\u001F\u007F\u00A0\u200B-\u200D\u2060\u202F\u3000\uFEFF]|^ +| +$/g, (c) =>
    [...c].map((ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`).join(''),
  );
}
