import type { Lang } from '../i18n/lang.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface ReportContext {
  lang: Lang;
  /** Source text per file, for code excerpts. */
  texts: ReadonlyMap<string, string>;
  summary: { files: number; items: number };
  color: boolean;
}

/** A reporter turns diagnostics into the text of one output format. */
export type Reporter = (diagnostics: readonly Diagnostic[], context: ReportContext) => string;

export function countSeverities(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}
