import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLang, type Lang } from '../i18n/lang.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { readCatalog, type RawFile } from '../load/read-catalog.js';
import { readSheets } from '../load/read-sheet.js';
import { importRows } from '../import/import-rows.js';
import { knownNames, planImport, type PlannedFile } from '../import/import-plan.js';
import { REPORTERS } from '../report/registry.js';
import { isReporterName, REPORTER_NAMES, type ReporterName } from '../report/reporter-names.js';
import { countSeverities, type ReportContext } from '../report/reporter.js';
import { finalize } from '../validate/finalize.js';
import { checkFiles } from '../pipeline/check-catalog.js';

export interface ImportOptions {
  catalog: string;
  department?: string | undefined;
  write?: boolean | undefined;
  format?: string | undefined;
  color?: boolean | undefined;
  lang?: string | undefined;
}

/**
 * `licat import <file>`: read the spreadsheet, plan the item files, check the catalog as it would
 * be, report, and (with --write, and only when no row has an error) write every planned file.
 * Exit 0 clean, 1 problems, 2 usage or an unreadable file.
 */
export async function runImport(file: string, options: ImportOptions): Promise<number> {
  const lang = resolveLang(options.lang);
  const formats: ReporterName[] = [];
  for (const f of String(options.format ?? 'stylish')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!isReporterName(f)) throw new UsageError(`未知格式 ${f}；可用：${REPORTER_NAMES.join(', ')} / unknown format ${f}; use ${REPORTER_NAMES.join(', ')}`);
    formats.push(f);
  }
  const cwd = process.cwd();
  const say = (zh: string, en: string) => process.stderr.write(`licat: ${lang === 'zh' ? zh : en}\n`);

  const read = await readCatalog(options.catalog, cwd);
  const departmentByName = departmentNames(read.files);
  let department: string | undefined;
  if (options.department !== undefined) {
    department = departmentByName.get(options.department);
    if (department === undefined) {
      throw new UsageError(
        `--department ${options.department} 不是 departments.yaml 中的部门 / --department ${options.department} is not a department of departments.yaml`,
      );
    }
  }
  const sheets = await readSheets(file);
  const shownFile = display(cwd, file);
  const existing = read.files.filter((f) => f.kind === 'item').map((f) => ({ rel: f.rel, text: Buffer.from(f.bytes).toString('utf8') }));
  const rows = importRows(sheets, { file: shownFile, departmentByName, department, known: knownNames(existing) });
  const plan = planImport(rows.items, existing);

  // The catalog as it would be after the import, checked in memory like any other.
  const absRoot = path.resolve(cwd, options.catalog);
  const shownOf = (rel: string) => display(cwd, path.join(absRoot, rel));
  const files: RawFile[] = read.files.filter((f) => !plan.some((p) => p.rel === f.rel && f.kind === 'item'));
  for (const p of plan) files.push({ kind: 'item', file: shownOf(p.rel), rel: p.rel, bytes: Buffer.from(p.text, 'utf8') });
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const checked = checkFiles(options.catalog, files, read.findings);
  const touched = new Set(plan.map((p) => shownOf(p.rel)));
  const diagnostics: Diagnostic[] = [...finalize(rows.findings, new Map()), ...checked.diagnostics.filter((d) => touched.has(d.file))];

  process.stderr.write(describePlan(plan, shownOf, lang));
  const rowErrors = rows.findings.some((f) => f.severity === 'error');
  const changes = plan.filter((p) => p.action !== 'unchanged');
  if (rowErrors) {
    say('表中有错误（见下），未写入任何文件', 'the spreadsheet has errors (below); nothing was written');
  } else if (options.write) {
    await writeAll(changes.map((p) => ({ file: path.join(absRoot, p.rel), text: p.text })));
    say(`已写入 ${changes.length} 个文件`, `wrote ${changes.length} files`);
  } else if (changes.length > 0) {
    say('试运行：未写入任何文件；加 --write 写入', 'dry run: nothing written; add --write to write');
  }

  const context: ReportContext = {
    lang,
    texts: checked.texts,
    summary: { files: 1 + plan.length, items: plan.length },
    color: options.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
  formats.forEach((f, i) => {
    if (i > 0) process.stdout.write('\n');
    process.stdout.write(REPORTERS[f](diagnostics, context));
  });
  const { errors, warnings } = countSeverities(diagnostics);
  return errors + warnings > 0 ? 1 : 0;
}

/** One line per file: 新建 / 更新 (with the keys that change) / 不变, then the totals. */
export function describePlan(plan: readonly PlannedFile[], shownOf: (rel: string) => string, lang: Lang): string {
  const zh = lang === 'zh';
  const lines = plan.map((p) => {
    const file = shownOf(p.rel);
    if (p.action === 'create') return `${zh ? '新建' : 'create'} ${file}`;
    if (p.action === 'unchanged') return `${zh ? '不变' : 'unchanged'} ${file}`;
    return `${zh ? '更新' : 'update'} ${file}${zh ? '：' : ': '}${p.changed.join(', ')}`;
  });
  const count = (action: PlannedFile['action']) => plan.filter((p) => p.action === action).length;
  lines.push(
    zh
      ? `新建 ${count('create')} 个，更新 ${count('update')} 个，不变 ${count('unchanged')} 个`
      : `${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged`,
  );
  return lines.join('\n') + '\n';
}

/**
 * Write every file whole or none: all temporary files first (where a full disk or a missing
 * permission shows), then the renames. A failure before the renames removes the temporary files.
 */
async function writeAll(files: ReadonlyArray<{ file: string; text: string }>): Promise<void> {
  const temps: string[] = [];
  try {
    for (const { file, text } of files) {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      temps.push(tmp);
      await writeFile(tmp, text);
    }
  } catch (error) {
    await Promise.all(temps.map((tmp) => unlink(tmp).catch(() => undefined)));
    throw new UsageError(
      `无法写入事项文件，未写入任何文件：${(error as Error).message} / cannot write the item files; nothing was written: ${(error as Error).message}`,
    );
  }
  for (let i = 0; i < files.length; i++) await rename(temps[i]!, files[i]!.file);
}

/** Department kinds by key, Chinese name and English name, from departments.yaml. */
function departmentNames(files: readonly RawFile[]): Map<string, string> {
  const out = new Map<string, string>();
  const raw = files.find((f) => f.kind === 'departments');
  if (!raw) return out;
  let kinds: Record<string, { name?: unknown; nameEn?: unknown }> = {};
  let bodies: Record<string, Record<string, { name?: unknown }>> = {};
  try {
    const data = parse(Buffer.from(raw.bytes).toString('utf8')) as { kinds?: typeof kinds; bodies?: typeof bodies } | null;
    kinds = data?.kinds ?? {};
    bodies = data?.bodies ?? {};
  } catch {
    return out;
  }
  // A body's own name (广州市市场监督管理局) names its kind too.
  for (const [key, byRegion] of Object.entries(bodies)) {
    for (const body of Object.values(byRegion ?? {})) if (typeof body?.name === 'string') out.set(body.name, key);
  }
  for (const [key, kind] of Object.entries(kinds)) {
    out.set(key, key);
    if (typeof kind?.name === 'string') {
      out.set(kind.name, key);
      out.set(kind.name.replace(/\s+/g, ''), key);
    }
    if (typeof kind?.nameEn === 'string') out.set(kind.nameEn, key);
  }
  return out;
}

function display(cwd: string, file: string): string {
  return (path.relative(cwd, path.resolve(cwd, file)) || file).split(path.sep).join('/');
}
