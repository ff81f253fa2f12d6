import { compareDiagnostics, type Diagnostic, type Finding, type SeveritySetting } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rule-ids.js';
import { createLocator } from '../load/locate.js';
import { RULES_BY_ID } from './registry.js';

/**
 * Turn findings into diagnostics: apply the catalog's severity settings (dropping rules set to
 * `off`; `settings` as validate/rules/rule-settings.ts `effectiveSettings` gives them, so that
 * structural rules keep theirs), fill line and column from the source text, and sort. Pure.
 */
export function finalize(
  findings: Finding[],
  texts: ReadonlyMap<string, string>,
  settings: Readonly<Partial<Record<RuleId, SeveritySetting>>> = {},
): Diagnostic[] {
  const locators = new Map<string, ReturnType<typeof createLocator>>();
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    const setting = settings[finding.rule] ?? finding.severity ?? RULES_BY_ID.get(finding.rule)!.severity;
    if (setting === 'off') continue;
    let { line, column } = finding;
    if (line === undefined || column === undefined) {
      const text = texts.get(finding.file);
      if (text !== undefined && !finding.file.endsWith('.csv')) {
        let locate = locators.get(finding.file);
        if (!locate) locators.set(finding.file, (locate = createLocator(text)));
        ({ line, column } = locate(finding.path, finding.at));
      } else {
        line = line ?? 1;
        column = column ?? 1;
      }
    }
    const diagnostic: Diagnostic = { ...finding, severity: setting, line, column };
    delete diagnostic.at;
    out.push(diagnostic);
  }
  return out.sort(compareDiagnostics);
}
