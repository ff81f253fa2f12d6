import type { Lang } from '../i18n/lang.js';
import type { CatalogStats } from './compute-stats.js';
import { formatStatsMarkdown } from './format-markdown.js';
import { formatStatsText } from './format-text.js';

/** Output formats of `licat stats`, by name. Adding a format means adding it here. */
export const STATS_FORMATS: Readonly<Record<string, (stats: CatalogStats, lang: Lang) => string>> = {
  table: formatStatsText,
  markdown: formatStatsMarkdown,
  json: (stats) => JSON.stringify(stats, null, 2) + '\n',
};
