import type { Lang } from '../i18n/lang.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface ReportContext {
  lang: Lang;
  /** Source text per file, for code excerpts. */
  texts: ReadonlyMap<string, string>;
  summary: { files: number; items: number };
  color: boolean;
  /** licat's version, named as the tool in SARIF. */
  toolVersion?: string;
  /**
   * Path from the repository root to the working directory, with forward slashes and a trailing
   * slash ('' when they are the same). SARIF and GitHub annotations name files from the root.
   */
  sourceRoot?: string;
  /**
   * The baseline of this run: the file, the problems it accepted, and whether it was just
   * written (--write-baseline), so the summary says so instead of "no problems".
   */
  baseline?: { file: string; accepted: number; written: boolean };
  /** Base URL of licat's docs (ending in /), for links in SARIF; the package's homepage by default. */
  docsUrl?: string;
  /** The GitHub markdown summary goes to $GITHUB_STEP_SUMMARY, so the github format leaves it out. */
  githubStepSummary?: boolean;
}

/** A reporter turns diagnostics into the text of one output format. */
export type Reporter = (diagnostics: readonly Diagnostic[], context: ReportContext) => string;

export function countSeverities(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

/** A diagnostic's file as named from the repository root (see `sourceRoot`). */
export function rootRelative(file: string, sourceRoot = ''): string {
  const parts: string[] = [];
  for (const segment of `${sourceRoot}${file}`.split('/')) {
    if (segment === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/** An English count with its noun: `count(1, 'problem')` is "1 problem", `count(2, 'problem')` "2 problems". */
export function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
