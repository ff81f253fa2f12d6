import { jsonSafe, safeOutput } from '../report/safe-text.js';
import type { DiffFormatName, DiffFormatter } from './format/formatter.js';
import { jsonFormat } from './format/json.js';
import { markdownFormat } from './format/markdown.js';
import { tableFormat } from './format/table.js';

/**
 * Every output format of `licat diff`, by its `--format` name. Adding one means adding its name
 * to diff/format/formatter.ts and its formatter here (the type requires both). Catalog text in
 * them is made safe for a terminal here, in one place (report/safe-text.ts).
 */
export const DIFF_FORMATS: { readonly [name in DiffFormatName]: DiffFormatter } = {
  table: (result, context) => safeOutput(tableFormat(result, context)),
  markdown: (result, context) => safeOutput(markdownFormat(result, context)),
  json: (result, context) => jsonSafe(jsonFormat(result, context)),
};
