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
    .addHelpText(
      'after',
      [
        '',
        '读取的工作表：事项表（通用目录）、申请材料、收费标准、办理流程、自由裁量标准。某表中有某事项的行时，',
        '这些行就是该事项完整的材料、收费、流程或裁量标准清单，替换事项文件中的清单；表中没有行的事项保持不变。',
        'Sheets read: the items (通用目录), 申请材料, 收费标准, 办理流程 and 自由裁量标准. Where a sheet has rows',
        "for an item, they are the item's whole list of materials, fees, process steps or criteria and replace",
        "the file's list; an item without rows in a sheet keeps its list. See docs/import.md.",
      ].join('\n'),
    )
    .action(async (file: string, options: { catalog: string; department?: string; write?: boolean; format: string; color?: boolean }) => {
      const { runImport } = await import('./import.js');
      setExitCode(await runImport(file, { ...options, lang: program.opts<{ lang?: string }>().lang }));
    });
};
