import { EMITTER_IDS } from '../emit/emitter-ids.js';
import type { CommandRegistration } from './command-registration.js';

/** `licat build`: registered here, implemented in ./build.ts (imported when it runs). */
export const registerBuild: CommandRegistration = (program, setExitCode) => {
  program
    .command('build')
    .description('检查后生成全部产物 / validate, then emit every artifact')
    .argument('[dir]', '目录文件夹 / catalog folder', 'catalog')
    .option('--out <dir>', '输出文件夹 / output folder', 'dist')
    .option('--only <artifacts>', `只生成这些产物，逗号分隔 / only these artifacts, comma-separated: ${EMITTER_IDS.join(',')}`)
    .option(
      '--build-time <iso>',
      '写入清单的构建时间（ISO 8601，含时区）；不指定则输出中没有时间 / build time recorded in the output (ISO 8601 with a zone); without it the output has no timestamp',
    )
    .option(
      '--base-url <url>',
      'Schema 与 OpenAPI 中 $id、$schema 的基础地址（默认相对路径，可离线校验）/ base URL of the $id and $schema in the schemas and OpenAPI description (default: relative, validates offline)',
    )
    .option(
      '--since <dir>',
      '变更记录与此文件夹中的上一次构建比较（默认与输出文件夹中的比较）/ compare the change records with the build in this folder (default: the one in the output folder)',
    )
    .option(
      '--excel-halls [regions]',
      '另为大厅生成 Excel 目录（可逗号分隔区划代码）/ also write hall directories in Excel (optionally only these region codes)',
    )
    .option('--excel-by <grouping>', 'Excel 目录另按部门分表（department）/ also one sheet per department in the Excel directory (department)')
    .option(
      '--shard <i/n>',
      '只生成门户数据的第 i 份（共 n 份），供多台机器分担后用 licat merge 合并；需与 --only feeds 同用 / build only shard i of n of the feeds, for licat merge to join; with --only feeds',
    )
    .option(
      '--cache-dir <dir>',
      "跨构建的缓存文件夹（默认为用户私有的 ~/.cache/licat）/ cache folder kept between builds (default: the user's private ~/.cache/licat)",
    )
    .option('--no-cache', '不使用缓存 / use no cache')
    .option('--quiet', '不显示进度 / no progress output')
    .option('--verbose', '显示细节，如被丢弃的缓存 / show details, such as a cache discarded')
    .option('--no-color', '不使用颜色 / no colours')
    .action(async (dir: string, options: Record<string, unknown>) => {
      const { runBuild } = await import('./build.js');
      setExitCode(await runBuild(dir, { ...options, lang: program.opts<{ lang?: string }>().lang }));
    });
};
