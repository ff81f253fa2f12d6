import { spawn } from 'node:child_process';
import path from 'node:path';
import { t, type Text } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rule-ids.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { MAX_CSV_BYTES, MAX_YAML_BYTES, type FileKind, type RawFile, type ReadResult } from './read-catalog.js';

/** A revision that cannot be read: exit 2 with a message in both languages. */
export class RevisionError extends UsageError {
  constructor(readonly text: Text) {
    super(`${text.zh} / ${text.en}`);
  }
}

export interface RevisionRead extends ReadResult {
  /** The full commit id the revision resolved to. */
  commit: string;
}

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Read the catalog folder `dir` as it is at git revision `rev` of the repository around `cwd`,
 * without checking anything out: `git ls-tree` lists the files, one `git cat-file --batch`
 * process reads every blob. Returns the same files `readCatalog` would for a checkout of that
 * revision (same `file` paths, same kinds, same size limits), so both compose identically.
 * @example const { files } = await readGitRevision('HEAD~1', 'catalog');
 */
export async function readGitRevision(rev: string, dir: string, cwd = process.cwd()): Promise<RevisionRead> {
  if (rev.startsWith('-') || rev.includes('\0')) {
    throw new RevisionError(t(`无效的修订版本：${rev}`, `not a revision: ${rev}`));
  }
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (top.code !== 0) {
    throw new RevisionError(
      t(
        `${rev} 既不是目录文件夹，也无法作为 git 修订版本读取（当前目录不在 git 仓库中）`,
        `${rev} is neither a catalog folder nor a git revision (the working directory is not in a git repository)`,
      ),
    );
  }
  const toplevel = top.stdout.toString('utf8').trim();
  const commit = await resolveCommit(rev, cwd);

  const absDir = path.resolve(cwd, dir);
  const inRepo = path
    .relative(await realpathOr(toplevel), await realpathOr(absDir))
    .split(path.sep)
    .join('/');
  if (inRepo.startsWith('..') || path.isAbsolute(inRepo)) {
    throw new RevisionError(t(`--dir ${dir} 不在仓库 ${toplevel} 之内`, `--dir ${dir} is outside the repository ${toplevel}`));
  }
  const prefix = inRepo === '' ? '' : `${inRepo}/`;
  const listing = await git(['ls-tree', '-r', '-l', '-z', '--full-tree', commit, '--', ...(prefix ? [prefix] : [])], cwd);
  if (listing.code !== 0) throw missingObjects(rev, commit, listing.stderr);

  const display = (repoPath: string) => (path.relative(cwd, path.join(toplevel, repoPath)) || '.').split(path.sep).join('/');
  const files: RawFile[] = [];
  const findings: Finding[] = [];
  const wanted: Array<{ raw: Omit<RawFile, 'bytes'>; object: string }> = [];
  for (const entry of listing.stdout.toString('utf8').split('\0')) {
    if (entry === '') continue;
    const tab = entry.indexOf('\t');
    const [mode = '', type = '', object = '', size = ''] = entry.slice(0, tab).split(/ +/);
    const repoPath = entry.slice(tab + 1);
    const rel = repoPath.slice(prefix.length);
    const kind = kindOf(rel);
    if (!kind) continue;
    const file = display(repoPath);
    const problem = (rule: RuleId, zh: string, en: string) => findings.push({ rule, file, path: '', line: 1, column: 1, message: t(zh, en) });
    if (type !== 'blob') {
      problem('file-type', '不是普通文件（子模块？）', 'not a regular file (a submodule?)');
      continue;
    }
    if (mode === '120000') {
      problem('file-link', '符号链接：按修订版本读取时不跟随链接', 'symbolic link: links are not followed when reading a revision');
      continue;
    }
    const limit = kind === 'regions' ? MAX_CSV_BYTES : kind === 'departments' ? 16 * MAX_YAML_BYTES : MAX_YAML_BYTES;
    if (Number(size) > limit) {
      problem('file-size', `文件过大（${size} 字节），上限为 ${limit} 字节`, `file too large (${size} bytes); the limit is ${limit} bytes`);
      continue;
    }
    wanted.push({ raw: { kind, file, rel }, object });
  }
  if (wanted.length === 0 && findings.length === 0) {
    throw new RevisionError(
      t(
        `修订版本 ${rev} 中没有目录文件夹 ${inRepo || '.'}（用 --dir 指定目录在仓库中的位置）`,
        `revision ${rev} has no catalog folder ${inRepo || '.'} (say where it is with --dir)`,
      ),
    );
  }
  for (const name of ['catalog.yaml', 'departments.yaml']) {
    if (!wanted.some((w) => w.raw.rel === name)) {
      findings.push({ rule: 'schema', file: display(prefix + name), path: '', line: 1, column: 1, message: t(`缺少 ${name}`, `${name} is missing`) });
    }
  }

  const blobs = await catFileBatch(
    wanted.map((w) => w.object),
    cwd,
  );
  for (const w of wanted) {
    const bytes = blobs.get(w.object);
    if (!bytes) throw missingObjects(rev, commit, `missing ${w.object} (${w.raw.file})`);
    files.push({ ...w.raw, bytes });
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, findings, commit };
}

/** The kind of a catalog file by its path under the catalog root, as `readCatalog` lists them. */
function kindOf(rel: string): FileKind | undefined {
  if (rel === 'catalog.yaml') return 'catalog';
  if (rel === 'departments.yaml') return 'departments';
  const parts = rel.split('/');
  if (parts.some((p) => p.startsWith('.'))) return undefined;
  const name = parts[parts.length - 1]!;
  if (parts[0] === 'regions' && parts.length === 2 && /\.csv$/i.test(name)) return 'regions';
  if (parts[0] === 'halls' && parts.length === 2 && /\.ya?ml$/i.test(name)) return 'hall';
  // readCatalog does not descend into folders whose own name looks like a YAML file.
  if (parts[0] === 'items' && parts.length >= 2 && /\.ya?ml$/i.test(name) && !parts.slice(1, -1).some((p) => /\.ya?ml$/i.test(p))) {
    return 'item';
  }
  return undefined;
}

/** Resolve a revision to a commit id, or explain what to fetch when the clone lacks it. */
async function resolveCommit(rev: string, cwd: string): Promise<string> {
  const resolved = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd);
  if (resolved.code === 0) return resolved.stdout.toString('utf8').trim();
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], cwd)).stdout.toString('utf8').trim() === 'true';
  if (!shallow) {
    throw new RevisionError(
      t(`${rev} 既不是目录文件夹，也不是本仓库的 git 修订版本`, `${rev} is neither a catalog folder nor a git revision of this repository`),
    );
  }
  const deepen = await deepenNeeded(rev, cwd);
  const n = deepen === undefined ? 'N' : String(deepen);
  const fetchRev = /^[0-9a-f]{7,40}$/i.test(rev) || !/[~^@:]/.test(rev) ? rev.replace(/^origin\//, '') : undefined;
  const zhFetch = fetchRev ? `git fetch --deepen=${n}，或 git fetch origin ${fetchRev}` : `git fetch --deepen=${n}`;
  const enFetch = fetchRev ? `git fetch --deepen=${n}, or git fetch origin ${fetchRev}` : `git fetch --deepen=${n}`;
  throw new RevisionError(
    t(
      `找不到修订版本 ${rev}：这是浅克隆（shallow clone），本地历史不包含它。先取回再比较：${zhFetch}` +
        `${deepen === undefined ? '（N 为还缺的提交数）' : ''}；或 git fetch --unshallow 取回全部历史。` +
        `在 GitHub Actions 中可给 actions/checkout 设置 fetch-depth: 0。`,
      `revision ${rev} is not in this clone: it is shallow and its history stops before ${rev}. Fetch it first: ${enFetch}` +
        `${deepen === undefined ? ' (N commits more)' : ''}; or git fetch --unshallow for the whole history. ` +
        `In GitHub Actions, give actions/checkout fetch-depth: 0.`,
    ),
  );
}

/** For `X~n` (or `X^`), how many more commits of history a shallow clone needs. */
async function deepenNeeded(rev: string, cwd: string): Promise<number | undefined> {
  const m = /^(.*?)((?:~\d*|\^)+)$/.exec(rev);
  if (!m || m[1] === '') return undefined;
  let steps = 0;
  for (const part of m[2]!.match(/~\d*|\^/g) ?? []) steps += part === '^' || part === '~' ? 1 : Number(part.slice(1));
  const count = await git(['rev-list', '--count', '--first-parent', '--end-of-options', m[1]!], cwd);
  if (count.code !== 0) return undefined;
  const have = Number(count.stdout.toString('utf8').trim());
  return Number.isInteger(have) && have > 0 ? Math.max(1, steps - have + 1) : undefined;
}

function missingObjects(rev: string, commit: string, detail: string): RevisionError {
  const first = detail.trim().split('\n')[0] ?? '';
  return new RevisionError(
    t(
      `无法读取修订版本 ${rev}（${commit.slice(0, 12)}）的文件：本地缺少对象（部分克隆？）。先取回：git fetch origin ${commit}。git 报告：${first}`,
      `cannot read the files of revision ${rev} (${commit.slice(0, 12)}): objects are missing locally (a partial clone?). Fetch them: git fetch origin ${commit}. git said: ${first}`,
    ),
  );
}

/** Read many blobs through one `git cat-file --batch` process. */
async function catFileBatch(objects: string[], cwd: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const unique = [...new Set(objects)];
  if (unique.length === 0) return out;
  const result = await git(['cat-file', '--batch'], cwd, unique.join('\n') + '\n');
  if (result.code !== 0) {
    const why = result.stderr.trim().split('\n')[0] ?? '';
    throw new RevisionError(t(`git cat-file 读取修订版本失败：${why}`, `git cat-file could not read the revision: ${why}`));
  }
  const data = result.stdout;
  let at = 0;
  while (at < data.length) {
    const eol = data.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = data.subarray(at, eol).toString('utf8');
    const [object = '', type = '', size = ''] = header.split(' ');
    at = eol + 1;
    if (type === 'missing' || size === '') continue;
    const length = Number(size);
    out.set(object, new Uint8Array(data.subarray(at, at + length)));
    at += length + 1;
  }
  return out;
}

async function realpathOr(p: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  return realpath(p).catch(() => p);
}

function git(args: string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (error) => resolve({ code: 127, stdout: Buffer.alloc(0), stderr: error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(chunks), stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
