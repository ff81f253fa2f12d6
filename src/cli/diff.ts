import { DIFF_FORMAT_NAMES } from '../diff/format/formatter.js';
import type { CommandRegistration } from './command-registration.js';

/** `licat diff BASE [HEAD]`: registered here, implemented in ./run-diff.ts (imported when it runs). */
export const registerDiff: CommandRegistration = (program, setExitCode) => {
  program
    .command('diff')
    .description('比较两个目录版本：事项增删改及改革数据 / what changed between two catalog versions, and the reform figures')
    .argument('<base>', '基准：目录文件夹或 git 修订版本 / base: a catalog folder or a git revision')
    .argument('[head]', '对比：目录文件夹或 git 修订版本，默认为工作区的目录文件夹 / head: a catalog folder or a git revision; default the working tree folder')
    .option('--dir <dir>', '修订版本中目录所在的文件夹 / the catalog folder inside the repository, for revisions', 'catalog')
    .option('--format <format>', `输出格式：${DIFF_FORMAT_NAMES.join('、')} / output format: ${DIFF_FORMAT_NAMES.join(', ')}`, 'table')
    .option('--output <file>', '写入文件而不是标准输出 / write to a file instead of stdout')
    .option(
      '--fail-on <kinds>',
      '出现这些变更时以 1 退出，逗号分隔 / exit 1 on these changes, comma-separated: added,removed,renamed,changed,unified,catch-all,vague',
    )
    .action(async (base: string, head: string | undefined, options: Record<string, unknown>) => {
      const { runDiff } = await import('./run-diff.js');
      setExitCode(await runDiff(base, head, { ...options, lang: program.opts<{ lang?: string }>().lang }));
    });
};
