import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { REPORTER_NAMES as formats } from '../report/reporter-names.js';
import { COMMANDS } from './commands.js';

/**
 * The command line. Each command's module is imported only when that command runs, so
 * `licat --help` stays fast and heavy libraries load only where they are needed.
 * Returns the exit code: 0 clean, 1 problems, 2 bad usage or internal failure.
 */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  guardStandardStreams(argv);
  const program = commandLine((code) => (exitCode = code));

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    const { resolveLang } = await import('../i18n/lang.js');
    const { describeFailure } = await import('./failure.js');
    const { line, code } = describeFailure(error, resolveLang(program.opts().lang as string | undefined));
    process.stderr.write(line);
    return code;
  }
  return exitCode;
}

/**
 * `licat --help` as commander writes it where the output is `width` columns wide. `npm run build`
 * keeps it (scripts/code-cache.mjs), so that bin/licat.cjs answers `--help` without loading this module.
 */
export function rootHelp(width: number): string {
  return commandLine(() => undefined)
    .configureOutput({ getOutHelpWidth: () => width, getOutHasColors: () => false })
    .helpInformation();
}

/** Every command and option; an action reports its exit code through `setExit`. */
function commandLine(setExit: (code: number) => void): Command {
  const program = new Command('licat')
    .description('行政许可事项标准化目录编译器 / compiler for administrative licensing standards catalogs')
    .version(version(), '-V, --version')
    .addOption(new Option('--lang <lang>', '消息语言 / message language').choices(['zh', 'en']))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  const validate = program
    .command('validate')
    .description('检查目录 / load and check the catalog')
    .argument('[dir]', '目录文件夹 / catalog folder', 'catalog')
    .option('--format <formats>', `输出格式，可逗号分隔多个 / output formats, comma-separated: ${formats.join(',')}`, 'stylish')
    .option('--max-warnings <n>', '警告超过该数量时失败 / fail when warnings exceed N')
    .option('--baseline <file>', '忽略基线文件中已知的问题 / accept the known problems listed in a baseline file')
    .option('--write-baseline <file>', '把当前问题写入基线文件 / write the current problems to a baseline file')
    .option('--docs-url <url>', 'SARIF 中规则说明链接的文档地址 / base URL of the docs linked from SARIF rules (default: the package homepage)')
    .option(
      '--cache-dir <dir>',
      '跨运行缓存已解析的文件，未改动的文件不再解析 / keep parsed files in this folder between runs, so unchanged files are not parsed again',
    )
    .option('--no-cache', '不使用缓存（即使给了 --cache-dir）/ use no cache (even with --cache-dir)')
    .option('--verbose', '显示细节，如被丢弃的缓存 / show details, such as a cache discarded')
    .option(
      '--fix',
      '先自动修复安全的问题（全角数字、不可见字符、行尾空格、时限单位、不收费写法），再检查 / first apply the safe fixes (full-width digits, invisible characters, trailing spaces, time units, no-fee wording), then check',
    )
    .option('--watch', '保存文件时重新检查改动的文件 / check again whenever a file is saved')
    .option('--poll', '与 --watch 一起使用：轮询文件而不依赖系统通知 / with --watch: poll the files instead of system events')
    .option('--no-color', '不使用颜色 / no colours');
  for (const f of formats) validate.option(`--output-${f} <file>`, `${f} 格式写入文件 / write ${f} output to a file`);
  validate.action(async (dir: string, options: Record<string, unknown>) => {
    const { runValidate } = await import('./validate.js');
    setExit(await runValidate(dir, { ...options, lang: program.opts<{ lang?: string }>().lang }));
  });

  program
    .command('schema')
    .description('生成 schemas/ 中的 JSON Schema / write the JSON Schemas to schemas/')
    .option('--out <dir>', '输出文件夹 / output folder', 'schemas')
    .option('--check', '只检查已提交的文件是否最新 / only check that the committed files are current')
    .action(async (options: { out: string; check?: boolean }) => {
      const { runSchema } = await import('./schema.js');
      setExit(await runSchema(options));
    });

  for (const extension of COMMANDS) extension(program, setExit);
  return program;
}

/** licat's version, from its package.json (read at once: a few hundred bytes, needed by every run). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * A standard output that cannot be written (a closed pipe, a full disk behind a redirect) ends
 * the process with one line, not an unhandled 'error' event: exit 2, or quietly for a reader
 * that closed the pipe (`licat stats | head -1`).
 */
function guardStandardStreams(argv: readonly string[]): void {
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const en = argv.includes('en') || (process.env.LICAT_LANG ?? '').toLowerCase().startsWith('en');
    try {
      process.stderr.write(en ? `licat: cannot write the output: ${error.code ?? error.message}\n` : `licat: 无法写入输出：${error.code ?? error.message}\n`);
    } catch {
      // stderr is gone too
    }
    process.exit(2);
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', () => process.exit(2));
}
