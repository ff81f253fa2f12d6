import type { CommandRegistration } from './command-registration.js';

/** `licat guide`: registered here, implemented in ./guide.ts (imported when it runs). */
export const registerGuide: CommandRegistration = (program, setExitCode) => {
  program
    .command('guide')
    .description("打印一个事项在某个大厅的办事指南（HTML 或 PDF）/ print one item's service guide for one hall (HTML or PDF)")
    .argument('<item-code>', "事项基本编码 / the item's basic code")
    .argument('[dir]', '目录文件夹 / catalog folder', 'catalog')
    .option('--hall <region>', '大厅的区划代码；不指定则为全省通用指南 / region code of the hall; without it, the province-wide guide')
    .option('--variant <variant>', '版本：full 完整版，short 一页简版，large 适老大字版 / full, short (one page) or large (large print)', 'full')
    .option(
      '--base-url <url>',
      "输出文件夹发布的网址；指南上的二维码指向该网址下的事项页面 / URL the output folder is published at; the QR code opens the item's page under it",
    )
    .option(
      '--out <file>',
      '写入文件（.html 或 .pdf）；不指定则输出 HTML 到标准输出 / write to this file (.html, or .pdf printed with Chromium); else HTML on stdout',
    )
    .option('--no-flowchart', '不渲染流程图 / do not render the flowchart')
    .option('--cache-dir <dir>', '流程图缓存文件夹 / flowchart cache folder')
    .action(async (code: string, dir: string, options: Record<string, unknown>) => {
      const { runGuide } = await import('./guide.js');
      setExitCode(await runGuide(code, dir, { ...options, lang: program.opts<{ lang?: string }>().lang }));
    });
};
