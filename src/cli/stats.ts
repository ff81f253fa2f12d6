import { resolveLang, t } from '../i18n/lang.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { countSeverities } from '../report/reporter.js';
import { computeStats } from '../stats/compute-stats.js';
import { STATS_FORMATS } from '../stats/formats.js';
import { isStatsFormatName, STATS_FORMAT_NAMES } from '../stats/format-names.js';
import { checkCatalog } from '../pipeline/check-catalog.js';

/**
 * `licat stats [dir]`: print the reform indicators. A catalog with errors still gets its
 * figures (from the items that loaded), with a note on stderr saying so.
 */
export async function runStats(dir: string, options: { format?: string; lang?: string }): Promise<number> {
  const lang = resolveLang(options.lang);
  const name = options.format ?? 'table';
  if (!isStatsFormatName(name))
    throw new UsageError(`未知格式 ${name}；可用：${STATS_FORMAT_NAMES.join(', ')} / unknown format ${name}; use ${STATS_FORMAT_NAMES.join(', ')}`);
  const format = STATS_FORMATS[name];
  const check = await checkCatalog(dir);
  if (check.diagnostics.some((d) => d.rule === 'internal')) {
    process.stderr.write(
      t('licat: 检查目录时出现内部错误，请运行 licat validate 查看\n', 'licat: internal error while checking the catalog; run licat validate\n')[lang],
    );
    return 2;
  }
  const { errors } = countSeverities(check.diagnostics);
  if (errors > 0) {
    process.stderr.write(
      t(
        `注意：目录有 ${errors} 个错误（licat validate 可查看）；统计只包含通过检查的 ${check.catalog.items.length} 个事项。\n`,
        `note: the catalog has ${errors} error${errors === 1 ? '' : 's'} (see licat validate); the figures cover the ${check.catalog.items.length} items that loaded.\n`,
      )[lang],
    );
  }
  process.stdout.write(format(computeStats(check.catalog), lang));
  return 0;
}
