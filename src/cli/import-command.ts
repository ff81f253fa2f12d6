import type { CommandRegistration } from './command-registration.js';

/** `licat import`: registered here, implemented in ./import.ts (imported when it runs). */
export const registerImport: CommandRegistration = (program, setExitCode) => {
  program
    .command('import')
    .description('从部门的 Excel 或 CSV 表导入事项（默认试运行，加 --write 才写入） / import items from a department spreadsheet (a dry run unless --write)')
    .argument('<file>', '.xlsx 或 .csv 文件 / an .xlsx or .csv file')
    .option('--catalog <dir>', '目录文件夹 / catalog folder', 'catalog')
    .option('--department <key>', '表中没有“主管部门”列时各行的部门 / the department of rows that name none')
    .option('--write', '写入事项文件 / write the item files')
    .option('--format <formats>', '问题的输出格式，可逗号分隔多个 / output formats of the problems: stylish,json,sarif,junit,github', 'stylish')
    .option('--no-color', '不使用颜色 / no colours')
    .action(async (file: string, options: { catalog: string; department?: string; write?: boolean; format: string; color?: boolean }) => {
      const { runImport } = await import('./import.js');
      setExitCode(await runImport(file, { ...options, lang: program.opts<{ lang?: string }>().lang }));
    });
};
