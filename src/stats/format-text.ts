import type { Lang } from '../i18n/lang.js';
import type { CatalogStats } from './compute-stats.js';
import { isFigureColumn, statsTables } from './stats-tables.js';

/** Stats as aligned plain-text tables for a terminal; CJK characters count as two columns. */
export function formatStatsText(stats: CatalogStats, lang: Lang): string {
  const out: string[] = [];
  if (stats.catalog) out.push(`${stats.catalog.name} (${stats.catalog.id} ${stats.catalog.version})`, '');
  for (const table of statsTables(stats, lang)) {
    out.push(table.title);
    const all = [table.columns, ...table.rows];
    const widths = table.columns.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ''))));
    for (const row of all) {
      const cells = row.map((cell, i) => (isFigureColumn(table, i) ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)));
      out.push(`  ${cells.join('  ')}`.trimEnd());
    }
    out.push('');
  }
  return out.join('\n');
}

/** Display width: East Asian wide and full-width characters take two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - width(s))) + s;
}
