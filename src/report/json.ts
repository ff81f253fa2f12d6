import { countSeverities, type Reporter } from './reporter.js';
import { jsonSafe } from './safe-text.js';

/** The machine-readable contract (docs/cli.md): version 1, summary, located problems. */
export const json: Reporter = (diagnostics, { lang, summary }) =>
  jsonSafe(
    JSON.stringify(
      {
        version: 1,
        summary: { files: summary.files, items: summary.items, ...countSeverities(diagnostics) },
        problems: diagnostics.map((d) => ({
          rule: d.rule,
          severity: d.severity,
          file: d.file,
          line: d.line,
          column: d.column,
          path: d.path,
          message: d.message[lang],
        })),
      },
      null,
      2,
    ),
  ) + '\n';
