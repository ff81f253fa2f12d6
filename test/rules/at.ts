import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkInline } from '../inline.js';

/**
 * The 1-based line and column of `needle` in `text`, which must occur exactly once; `offset`
 * moves the column right within the needle (to point at a value after its key).
 */
export function at(text: string, needle: string, offset = 0): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  if (text.indexOf(needle, index + 1) >= 0) throw new Error(`not unique: ${needle}`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length;
  const column = index + offset - before.lastIndexOf('\n');
  return { line, column };
}

/** Where a rule fired: file, line, column and JSON pointer of each of its diagnostics. */
export function hits(files: Record<string, string | null>, rule: string): Array<Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'>> {
  return checkInline(files)
    .diagnostics.filter((d) => d.rule === rule)
    .map((d) => ({ file: d.file, line: d.line, column: d.column, path: d.path }));
}

/** The messages of one rule's diagnostics, in one language. */
export function messages(files: Record<string, string | null>, rule: string, lang: 'zh' | 'en' = 'en'): string[] {
  return checkInline(files)
    .diagnostics.filter((d) => d.rule === rule)
    .map((d) => d.message[lang]);
}

/** Replace exactly one occurrence of `from`; fail loudly when the sample item changed under the test. */
export function edit(text: string, from: string, to: string): string {
  const index = text.indexOf(from);
  if (index < 0 || text.indexOf(from, index + 1) >= 0) throw new Error(`expected exactly one occurrence of: ${from}`);
  return text.slice(0, index) + to + text.slice(index + from.length);
}
