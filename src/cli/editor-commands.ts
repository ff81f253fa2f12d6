import type { Command } from 'commander';

/** The commands of the authoring loop: new, fmt, rules, explain (validate --fix and --watch are options of validate). */
export function registerEditorCommands(program: Command, setExitCode: (code: number) => void): void {
  const lang = () => program.opts().lang as string | undefined;
  program
    .command('new')
    .description('新建事项文件，取本部门下一个空闲编码 / start a new item file with the next free code of its department')
    .argument('<department>', '部门类别，如 market / department kind, such as market')
    .argument('[name]', '文件名（小写字母、数字、连字符）或事项名称 / file name (kebab-case) or the item name')
    .option('--catalog <dir>', '目录文件夹 / catalog folder', 'catalog')
    .action(async (department: string, name: string | undefined, options: { catalog: string }) => {
      const { runNew } = await import('./new.js');
      setExitCode(await runNew(department, name, { ...options, lang: lang() }));
    });
  program
    .command('fmt')
    .description('把目录 YAML 文件整理为规范格式（键顺序、引号），保留注释 / put catalog YAML files in canonical form (key order, quoting), keeping comments')
    .argument('[paths...]', '文件或文件夹，默认 catalog / files or folders (default catalog)')
    .option('--check', '只检查，不写入；有文件需要格式化时退出码为 1 / write nothing; exit 1 when a file would change')
    .action(async (paths: string[], options: { check?: boolean }) => {
      const { runFmt } = await import('./fmt.js');
      setExitCode(await runFmt(paths, { ...options, lang: lang() }));
    });
  program
    .command('rules')
    .description('列出全部规则：级别、能否自动修复、说明 / list every rule: severity, whether --fix fixes it, what it checks')
    .option('--format <format>', 'table、json 或 markdown（docs/rules.md 的索引）/ table, json or markdown (the index of docs/rules.md)', 'table')
    .action(async (options: { format: string }) => {
      const { runRules } = await import('./rules.js');
      setExitCode(await runRules({ ...options, lang: lang() }));
    });
  program
    .command('explain')
    .description('说明一条规则的由来（改革要求），并给出错误和正确示例 / why a rule exists (the reform requirement), with a bad and a good example')
    .argument('<rule>', '规则标识 / rule id')
    .action(async (rule: string) => {
      const { runExplain } = await import('./rules.js');
      setExitCode(await runExplain(rule, { lang: lang() }));
    });
}
