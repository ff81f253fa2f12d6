import { statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { diffCatalogs, type DiffSide } from '../diff/diff-catalogs.js';
import { failReasons, FAIL_ON, parseFailOn } from '../diff/fail-on.js';
import { DIFF_FORMATS } from '../diff/formats.js';
import { DIFF_FORMAT_NAMES, isDiffFormatName } from '../diff/format/formatter.js';
import { resolveLang } from '../i18n/lang.js';
import { composeCatalog } from '../model/compose-catalog.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { readCatalog } from '../load/read-catalog.js';
import { readGitRevision, RevisionError } from '../load/read-git-revision.js';
import { displayText } from '../report/safe-text.js';
import { finalize } from '../validate/finalize.js';
import { writeFileAtomic } from './write-output.js';

export interface DiffCommandOptions {
  dir?: string;
  format?: string;
  output?: string;
  failOn?: string;
  lang?: string;
}

interface LoadedSide {
  side: DiffSide;
  diagnostics: Diagnostic[];
}

/**
 * `licat diff BASE [HEAD]`: read both sides (folders or git revisions), compare, print in the
 * chosen format, pick the exit code: 0, or 1 when HEAD does not load cleanly or a `--fail-on`
 * condition holds; 2 for bad usage or a revision that is not there.
 */
export async function runDiff(baseArg: string, headArg: string | undefined, options: DiffCommandOptions, cwd = process.cwd()): Promise<number> {
  const lang = resolveLang(options.lang);
  const format = options.format ?? 'table';
  if (!isDiffFormatName(format))
    throw new UsageError(`未知格式 ${format}；可用：${DIFF_FORMAT_NAMES.join(', ')} / unknown format ${format}; use ${DIFF_FORMAT_NAMES.join(', ')}`);
  const formatter = DIFF_FORMATS[format];
  const failOn = parseFailOn(options.failOn);
  if (failOn.unknown.length > 0) {
    throw new UsageError(
      `--fail-on 不认识 ${failOn.unknown.join(', ')}；可用：${FAIL_ON.join(', ')} / unknown --fail-on ${failOn.unknown.join(', ')}; use ${FAIL_ON.join(', ')}`,
    );
  }
  const dir = options.dir ?? 'catalog';

  let base: LoadedSide;
  let head: LoadedSide;
  try {
    base = await loadSide(baseArg, dir, cwd);
    head = await loadSide(headArg ?? dir, dir, cwd);
  } catch (error) {
    if (error instanceof RevisionError) {
      process.stderr.write(`licat: ${displayText(error.text[lang])}\n`);
      return 2;
    }
    throw error;
  }

  const result = diffCatalogs(base.side, head.side);

  for (const [label, loaded] of [
    ['BASE', base],
    ['HEAD', head],
  ] as const) {
    if (loaded.diagnostics.length === 0) continue;
    const files = new Set(loaded.diagnostics.map((d) => d.file)).size;
    process.stderr.write(
      lang === 'zh'
        ? `licat: ${label}（${loaded.side.source}）有 ${files} 个文件无法读取，其中的事项未比较：\n`
        : `licat: ${label} (${loaded.side.source}): ${files} file(s) did not load; their items were not compared:\n`,
    );
    for (const d of loaded.diagnostics) process.stderr.write(`  ${displayText(d.file)}:${d.line}:${d.column}  ${d.rule}  ${displayText(d.message[lang])}\n`);
  }

  const text = formatter(result, { lang });
  if (options.output) await writeFileAtomic(options.output, text);
  else process.stdout.write(text);

  const reasons = failReasons(result, failOn.conditions);
  for (const reason of reasons) process.stderr.write(`licat: --fail-on: ${reason[lang]}\n`);
  return reasons.length > 0 || head.diagnostics.length > 0 ? 1 : 0;
}

/** A side is a folder when such a folder exists, else a git revision of the repository around cwd. */
async function loadSide(arg: string, dir: string, cwd: string): Promise<LoadedSide> {
  const isFolder = (() => {
    try {
      return statSync(path.resolve(cwd, arg)).isDirectory();
    } catch {
      return false;
    }
  })();
  const displayDir = (p: string) => (path.relative(cwd, path.resolve(cwd, p)) || '.').split(path.sep).join('/');
  if (isFolder) {
    const read = await readCatalog(arg, cwd);
    return compose({ source: arg, kind: 'folder' }, displayDir(arg), read.files, read.findings);
  }
  const read = await readGitRevision(arg, dir, cwd);
  return compose({ source: arg, kind: 'revision', commit: read.commit }, displayDir(dir), read.files, read.findings);
}

function compose(
  origin: Pick<DiffSide, 'source' | 'kind' | 'commit'>,
  root: string,
  files: Parameters<typeof composeCatalog>[1],
  readFindings: Finding[],
): LoadedSide {
  const composed = composeCatalog(root, files);
  const diagnostics = finalize([...readFindings, ...composed.findings], composed.texts);
  const prefix = root === '.' ? '' : `${root}/`;
  const failed = new Set(diagnostics.map((d) => (d.file.startsWith(prefix) ? d.file.slice(prefix.length) : d.file)));
  return { side: { ...origin, catalog: composed.catalog, failed }, diagnostics };
}
