import type { Lang } from '../i18n/lang.js';
import { jsonSafe, safeOutput } from '../report/safe-text.js';
import type { CatalogStats } from './compute-stats.js';
import { formatStatsMarkdown } from './format-markdown.js';
import type { StatsFormatName } from './format-names.js';
import { formatStatsText } from './format-text.js';

/**
 * Output formats of `licat stats`, by name. Adding a format means adding its name to
 * ./format-names.ts and its function here (the type requires both). Catalog text in them is
 * made safe for a terminal here, in one place (report/safe-text.ts).
 */
export const STATS_FORMATS: { readonly [name in StatsFormatName]: (stats: CatalogStats, lang: Lang) => string } = {
  table: (stats, lang) => safeOutput(formatStatsText(stats, lang)),
  markdown: (stats, lang) => safeOutput(formatStatsMarkdown(stats, lang)),
  json: (stats) => jsonSafe(JSON.stringify(stats, null, 2)) + '\n',
};
