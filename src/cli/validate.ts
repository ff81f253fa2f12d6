import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveLang, type Text } from '../i18n/lang.js';
import { checkCatalog } from '../pipeline/check-catalog.js';
import { applyBaseline, parseBaseline, renderBaseline } from '../validate/baseline.js';
import { REPORTERS } from '../report/registry.js';
import { isReporterName, REPORTER_NAMES, type ReporterName } from '../report/reporter-names.js';
import { githubSummary } from '../report/github.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { parseYaml } from '../load/parse-yaml.js';
import { countSeverities, type ReportContext } from '../report/reporter.js';
import { resolveCacheDir } from './cache-folder.js';
import { writeFileAtomic } from './write-output.js';

export interface ValidateOptions {
  format?: string;
  maxWarnings?: string;
  baseline?: string;
  writeBaseline?: string;
  lang?: string;
  color?: boolean;
  [key: string]: unknown;
}

/** `licat validate [dir]`: check, apply a baseline, report in every requested format, pick the exit code. */
export async function runValidate(dir: string, options: ValidateOptions): Promise<number> {
  const lang = resolveLang(options.lang);
  const formats: ReporterName[] = [];
  for (const f of String(options.format ?? 'stylish')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)) {
    if (!isReporterName(f)) throw new UsageError(`未知格式 ${f}；可用：${REPORTER_NAMES.join(', ')} / unknown format ${f}; use ${REPORTER_NAMES.join(', ')}`);
    formats.push(f);
  }
  let maxWarnings = Infinity;
  if (options.maxWarnings !== undefined) {
    maxWarnings = Number(options.maxWarnings);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings 应为非负整数 / --max-warnings takes a whole number');
  }
  const cwd = process.cwd();
  if (options.fix === true) {
    const { applyFixes } = await import('./fix.js');
    await applyFixes(dir, cwd, lang);
  }
  if (options.watch === true) {
    const { runWatch } = await import('./watch.js');
    return runWatch(dir, { lang, color: options.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR, poll: options.poll === true });
  }
  let baselineText: string | undefined;
  if (options.baseline !== undefined && options.writeBaseline === undefined) {
    baselineText = await readFile(options.baseline, 'utf8').catch(() => {
      throw new UsageError(`找不到基线文件 ${options.baseline} / baseline file not found: ${options.baseline}`);
    });
  }

  const cacheDir = resolveCacheDir({ cacheDir: options.cacheDir, cache: options.cache }, false, lang, (line) => process.stderr.write(line));
  const note = options.verbose === true ? (text: Text) => process.stderr.write(`licat: ${text[lang]}\n`) : undefined;
  const result = await checkCatalog(dir, cwd, { cacheDir, note });
  let diagnostics = result.diagnostics;
  const texts = new Map(result.texts);
  const staleSetting = result.catalog.meta?.rules?.['baseline-stale'];
  let baselineNote: ReportContext['baseline'];
  // Each file with a problem is parsed again (only when a baseline is used) for the stable identities.
  const parsedFiles = new Map<string, unknown>();
  const dataOf = (file: string): unknown => {
    if (!parsedFiles.has(file)) {
      const text = result.texts.get(file);
      parsedFiles.set(file, text === undefined ? undefined : parseYaml(text, file).data);
    }
    return parsedFiles.get(file);
  };
  const say = (zh: string, en: string) => process.stderr.write(`licat: ${lang === 'zh' ? zh : en}\n`);

  if (options.writeBaseline !== undefined) {
    const file = options.writeBaseline;
    const text = renderBaseline(diagnostics, { fileKey: baselineKey(cwd, file), dataOf });
    await writeFileAtomic(file, text);
    const parsed = parseBaseline(text).baseline!;
    baselineNote = { file: display(cwd, file), accepted: parsed.entries.length, written: true };
    if (!formats.includes('stylish')) {
      say(
        `已把 ${parsed.entries.length} 个问题写入基线文件 ${file}`,
        `wrote ${parsed.entries.length} problem${parsed.entries.length === 1 ? '' : 's'} to the baseline file ${file}`,
      );
    }
    // The problems just written are accepted; only what a baseline never accepts remains.
    diagnostics = applyBaseline(diagnostics, parsed, { file: display(cwd, file), fileKey: baselineKey(cwd, file), dataOf, setting: staleSetting }).diagnostics;
  } else if (options.baseline !== undefined && baselineText !== undefined) {
    const parsed = parseBaseline(baselineText);
    if (parsed.error) throw new UsageError(`${options.baseline}: ${parsed.error.zh} / ${parsed.error.en}`);
    const shown = display(cwd, options.baseline);
    texts.set(shown, baselineText);
    if (parsed.baseline.version === 1) {
      say(
        `基线文件 ${shown} 是旧格式（按列表位置记录问题，插入或调整顺序后会失配）；请用 --write-baseline 重新生成`,
        `the baseline ${shown} is in the old format (problems keyed by list positions, which insertions and reorders break); regenerate it with --write-baseline`,
      );
    }
    const applied = applyBaseline(diagnostics, parsed.baseline, { file: shown, fileKey: baselineKey(cwd, options.baseline), dataOf, setting: staleSetting });
    diagnostics = applied.diagnostics;
    baselineNote = { file: shown, accepted: applied.accepted, written: false };
    if (applied.accepted > 0)
      say(
        `基线文件 ${shown} 接受了 ${applied.accepted} 个已知问题`,
        `${applied.accepted} known problem${applied.accepted === 1 ? '' : 's'} accepted by the baseline ${shown}`,
      );
  }

  const pkg = await packageInfo();
  const stepSummary = formats.includes('github') ? process.env.GITHUB_STEP_SUMMARY : undefined;
  const context: ReportContext = {
    lang,
    texts,
    summary: { files: result.files, items: result.itemFiles },
    color: options.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR,
    toolVersion: pkg.version,
    ...(baselineNote && { baseline: baselineNote }),
    ...(docsUrl(options.docsUrl, pkg.homepage) && { docsUrl: docsUrl(options.docsUrl, pkg.homepage)! }),
    sourceRoot: await sourceRoot(cwd),
    githubStepSummary: Boolean(stepSummary),
  };
  let toStdout = 0;
  for (const f of formats) {
    const text = REPORTERS[f](diagnostics, context);
    const target = options[`output${f[0]!.toUpperCase()}${f.slice(1)}`];
    if (typeof target === 'string') await writeFileAtomic(target, text);
    else {
      if (toStdout++ > 0) process.stdout.write('\n');
      process.stdout.write(text);
    }
  }
  if (stepSummary) await appendFile(stepSummary, githubSummary(diagnostics, context) + '\n');
  if (diagnostics.some((d) => d.rule === 'internal')) return 2;
  const { errors, warnings } = countSeverities(diagnostics);
  if (errors === 0 && warnings > maxWarnings) {
    say(`警告数 ${warnings} 超过 --max-warnings ${maxWarnings}`, `${warnings} warnings exceed --max-warnings ${maxWarnings}`);
  }
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}

/** How a problem's file is named in a baseline: relative to the baseline file's folder. */
function baselineKey(cwd: string, baselineFile: string): (file: string) => string {
  const base = path.dirname(path.resolve(cwd, baselineFile));
  return (file) => path.relative(base, path.resolve(cwd, file)).split(path.sep).join('/');
}

function display(cwd: string, file: string): string {
  return (path.relative(cwd, path.resolve(cwd, file)) || file).split(path.sep).join('/');
}

/** The path from the enclosing git work tree's root to `cwd` ('' outside a repository or at its root). */
async function sourceRoot(cwd: string): Promise<string> {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (
      await stat(path.join(dir, '.git')).then(
        () => true,
        () => false,
      )
    ) {
      const rel = path.relative(dir, cwd).split(path.sep).join('/');
      return rel === '' ? '' : `${rel}/`;
    }
    if (path.dirname(dir) === dir) return '';
  }
}

async function packageInfo(): Promise<{ version?: string; homepage?: string }> {
  try {
    return JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string; homepage?: string };
  } catch {
    return {};
  }
}

/** The docs' base URL for SARIF links: --docs-url, else `<homepage>/docs/`; absolute http(s) only. */
function docsUrl(option: unknown, homepage: string | undefined): string | undefined {
  const given = typeof option === 'string' ? option : homepage && `${homepage.replace(/\/+$/, '')}/docs/`;
  if (!given) return undefined;
  if (!/^https?:\/\/[^/]/.test(given)) throw new UsageError(`--docs-url 应为 http(s) 绝对地址：${given} / --docs-url takes an absolute http(s) URL: ${given}`);
  return given.endsWith('/') ? given : `${given}/`;
}
