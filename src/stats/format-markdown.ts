import type { Lang } from '../i18n/lang.js';
import type { CatalogStats } from './compute-stats.js';
import { isFigureColumn, statsTables } from './stats-tables.js';

/** Stats as Markdown (e.g. a CI job summary): a heading and one table per section. */
export function formatStatsMarkdown(stats: CatalogStats, lang: Lang): string {
  const out: string[] = [];
  const heading = lang === 'zh' ? '目录统计' : 'Catalog statistics';
  out.push(`## ${heading}${stats.catalog ? `: ${cell(stats.catalog.name)} ${cell(stats.catalog.version)}` : ''}`, '');
  for (const table of statsTables(stats, lang)) {
    out.push(`### ${table.title}`, '');
    out.push(`| ${table.columns.map(cell).join(' | ')} |`);
    out.push(`| ${table.columns.map((_, i) => (isFigureColumn(table, i) ? '---:' : '---')).join(' | ')} |`);
    for (const row of table.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
