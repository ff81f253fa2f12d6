import type { Text } from '../i18n/lang.js';
import type { RuleId } from './rule-ids.js';

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

/**
 * The one shape of every problem licat reports, from a YAML syntax error to a rule finding.
 * Rules fill `file` and `path`; the locate stage fills `line` and `column` from the source.
 */
export interface Diagnostic {
  /** One of the closed list in diagnostics/rule-ids.ts. */
  rule: RuleId;
  severity: Severity;
  message: Text;
  /** Path of the file, relative to the working directory, with forward slashes. */
  file: string;
  /** JSON pointer into the file's data; '' for the whole file. */
  path: string;
  /** 1-based; 0 until located. */
  line: number;
  column: number;
  /** Point at the key of `path` rather than its value (unknown keys, duplicate keys). */
  at?: 'key' | 'value';
}

/** A diagnostic as a rule produces it, before severity settings and location are applied. */
export type Finding = Omit<Diagnostic, 'severity' | 'line' | 'column'> & Partial<Pick<Diagnostic, 'line' | 'column' | 'severity'>>;

/** Sort by file, then line, column, rule: the order every reporter shows. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule) || cmp(a.path, b.path) || cmp(a.message.en, b.message.en);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Escape one segment of a JSON pointer (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Join segments into a JSON pointer: `pointer(['process', 'steps', 0])` is `/process/steps/0`. */
export function pointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}

/** Split a JSON pointer into its unescaped segments. */
export function parsePointer(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
