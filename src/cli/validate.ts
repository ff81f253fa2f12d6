import { resolveLang } from '../i18n/lang.js';
import { checkCatalog } from '../validate/check-catalog.js';
import { REPORTERS } from '../report/registry.js';
import { UsageError } from '../load/read-catalog.js';
import { countSeverities } from '../report/reporter.js';
import { writeFileAtomic } from './write-output.js';

export interface ValidateOptions {
  format?: string;
  maxWarnings?: string;
  lang?: string;
  color?: boolean;
  [key: string]: unknown;
}

/** `licat validate [dir]`: check, report in every requested format, pick the exit code. */
export async function runValidate(dir: string, options: ValidateOptions): Promise<number> {
  const lang = resolveLang(options.lang);
  const formats = String(options.format ?? 'stylish')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of formats) {
    if (!REPORTERS[f]) throw new UsageError(`未知格式 ${f}；可用：${Object.keys(REPORTERS).join(', ')} / unknown format ${f}`);
  }
  let maxWarnings = Infinity;
  if (options.maxWarnings !== undefined) {
    maxWarnings = Number(options.maxWarnings);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings 应为非负整数 / --max-warnings takes a whole number');
  }

  const result = await checkCatalog(dir);
  const diagnostics = result.diagnostics;
  const context = {
    lang,
    texts: result.texts,
    summary: { files: result.files, items: result.itemFiles },
    color: options.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
  let toStdout = 0;
  for (const f of formats) {
    const text = REPORTERS[f]!(diagnostics, context);
    const target = options[`output${f[0]!.toUpperCase()}${f.slice(1)}`];
    if (typeof target === 'string') await writeFileAtomic(target, text);
    else {
      if (toStdout++ > 0) process.stdout.write('\n');
      process.stdout.write(text);
    }
  }
  if (diagnostics.some((d) => d.rule === 'internal')) return 2;
  const { errors, warnings } = countSeverities(diagnostics);
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}
