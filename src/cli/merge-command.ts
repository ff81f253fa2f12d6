import type { CommandRegistration } from './command-registration.js';

/** `licat merge`: registered here, implemented in ./merge.ts (imported when it runs). */
export const registerMerge: CommandRegistration = (program, setExitCode) => {
  program
    .command('merge')
    .description('合并 licat build --shard 各分片的输出 / join the outputs of licat build --shard i/n into one')
    .argument('<shards...>', '各分片的输出文件夹 / the shard output folders')
    .option('--out <dir>', '输出文件夹 / output folder', 'dist')
    .option('--quiet', '不显示进度 / no progress output')
    .action(async (shards: string[], options: Record<string, unknown>) => {
      const { runMerge } = await import('./merge.js');
      setExitCode(await runMerge(shards, { ...options, lang: program.opts<{ lang?: string }>().lang }));
    });
};
