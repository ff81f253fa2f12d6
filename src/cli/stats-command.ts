import { STATS_FORMAT_NAMES } from '../stats/format-names.js';
import type { CommandRegistration } from './command-registration.js';

/** `licat stats`: registered here, implemented in ./stats.ts (imported when it runs). */
export const registerStats: CommandRegistration = (program, setExitCode) => {
  program
    .command('stats')
    .description('改革指标：按层级和部门的事项数、零跑动、只跑一次、全程网办、即办、移动端占比、大厅数和每厅事项数 / the reform indicators of the catalog')
    .argument('[dir]', '目录文件夹 / catalog folder', 'catalog')
    .option('--format <format>', `输出格式 / output format: ${STATS_FORMAT_NAMES.join(', ')}`, 'table')
    .action(async (dir: string, options: { format: string }) => {
      const { runStats } = await import('./stats.js');
      setExitCode(await runStats(dir, { ...options, lang: program.opts<{ lang?: string }>().lang }));
    });
};
