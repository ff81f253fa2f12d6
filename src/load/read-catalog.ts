import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { t } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rule-ids.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { readWhole, slabAllocator } from './read-whole.js';

export type FileKind = 'catalog' | 'departments' | 'regions' | 'item' | 'hall';

/** One catalog file as read from disk, before decoding. */
export interface RawFile {
  kind: FileKind;
  /** Path shown to users: relative to the working directory, forward slashes. */
  file: string;
  /** Path relative to the catalog root, forward slashes. */
  rel: string;
  bytes: Uint8Array;
}

export interface ReadResult {
  files: RawFile[];
  findings: Finding[];
}

export interface ReadOptions {
  /**
   * Called once the folders are listed, before any file is read, with the number of YAML files
   * about to be read (at most): a caller can start work that needs them (parse workers) meanwhile.
   * True asks for the files to be read into shared memory (SharedArrayBuffer), which worker
   * threads then read without a copy.
   */
  onListed?: (yamlFiles: number) => boolean | void;
}

/** Largest YAML file accepted; a real item is a few kilobytes. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** Largest region table accepted. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

/**
 * Read every file of a catalog folder. This is the only place the catalog is read from disk.
 * Files are returned sorted by path; unreadable, oversized, linked-out or misnamed entries
 * become findings instead of being read. Reads are synchronous on purpose: thousands of small
 * files read faster without a thread-pool round trip per call.
 */
export async function readCatalog(root: string, cwd = process.cwd(), options: ReadOptions = {}): Promise<ReadResult> {
  let shared = false;
  const { absRoot, take, files, findings, display, folderLink } = reader(root, cwd, () => shared);
  const catalogYaml = path.join(absRoot, 'catalog.yaml');
  const departments = path.join(absRoot, 'departments.yaml');
  const regionFiles = listFiles(path.join(absRoot, 'regions'), /\.csv$/i, false, folderLink);
  const itemFiles = listFiles(path.join(absRoot, 'items'), /\.ya?ml$/i, true, folderLink);
  const hallFiles = listFiles(path.join(absRoot, 'halls'), /\.ya?ml$/i, false, folderLink);
  shared = options.onListed?.(itemFiles.length + hallFiles.length + 2) === true;

  if (exists(catalogYaml)) take(catalogYaml, 'catalog');
  else findings.push(missing(display(catalogYaml), 'catalog.yaml'));
  if (exists(departments)) take(departments, 'departments');
  else findings.push(missing(display(departments), 'departments.yaml'));

  for (const [abs, d] of regionFiles) take(abs, 'regions', d);
  for (const [abs, d] of itemFiles) take(abs, 'item', d);
  for (const [abs, d] of hallFiles) take(abs, 'hall', d);

  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, findings };
}

/**
 * Read some files of a catalog again, by their paths relative to its root (for `validate
 * --watch`): the same checks as `readCatalog`, on those files only. A path that is no longer
 * there, or is no catalog file, gives neither a file nor a finding: `gone` lists it.
 */
export function readCatalogFiles(root: string, rels: readonly string[], cwd = process.cwd()): ReadResult & { gone: string[] } {
  const { absRoot, take, files, findings } = reader(root, cwd);
  const gone: string[] = [];
  for (const rel of rels) {
    const abs = path.join(absRoot, rel);
    const kind = kindOfRel(rel.split(path.sep).join('/'));
    if (!kind || !exists(abs)) gone.push(rel);
    else take(abs, kind);
  }
  return { files, findings, gone };
}

/** The kind of a file from its path relative to the catalog root, as `readCatalog` lists them. */
export function kindOfRel(rel: string): FileKind | undefined {
  if (rel === 'catalog.yaml') return 'catalog';
  if (rel === 'departments.yaml') return 'departments';
  if (/^regions\/[^/]+\.csv$/i.test(rel)) return 'regions';
  if (/^items\/.+\.ya?ml$/i.test(rel) && !rel.split('/').some((part) => part.startsWith('.'))) return 'item';
  if (/^halls\/[^/.][^/]*\.ya?ml$/i.test(rel)) return 'hall';
  return undefined;
}

const LIMITS: Record<FileKind, number> = {
  catalog: MAX_YAML_BYTES,
  departments: 16 * MAX_YAML_BYTES,
  regions: MAX_CSV_BYTES,
  item: MAX_YAML_BYTES,
  hall: MAX_YAML_BYTES,
};

/**
 * What reading a catalog's files needs: its root, and `take`, which reads one file or records why
 * not. `shared`: whether the files are to be read into shared memory (see `ReadOptions.onListed`).
 */
function reader(root: string, cwd: string, shared: () => boolean = () => false) {
  const absRoot = path.resolve(cwd, root);
  const rootStat = tryFs(() => statSync(absRoot));
  if (!rootStat?.isDirectory()) {
    throw new UsageError(`目录不存在：${root} / catalog folder not found: ${root}`);
  }
  const realRoot = realpathSync(absRoot);
  const display = (abs: string) => {
    const rel = path.relative(cwd, abs) || '.';
    return rel.split(path.sep).join('/');
  };
  const files: RawFile[] = [];
  const findings: Finding[] = [];
  const allocate = slabAllocator(undefined, shared);

  const take = (abs: string, kind: FileKind, dirent?: Dirent) => {
    const limit = LIMITS[kind];
    const file = display(abs);
    const rel = path.relative(absRoot, abs).split(path.sep).join('/');
    const problem = (rule: RuleId, zh: string, en: string) => findings.push({ rule, file, path: '', line: 1, column: 1, message: t(zh, en) });
    const isLink = dirent ? dirent.isSymbolicLink() : tryFs(() => lstatSync(abs))?.isSymbolicLink();
    if (isLink) {
      const link = linkProblem(abs);
      if (link) return problem('file-link', link.zh, link.en);
    }
    // A file listed as a plain file is opened without following a link: one swapped in since
    // the listing is not read.
    const read = readRegularFile(abs, limit, !isLink, allocate);
    if (read === 'unreadable') return problem('file-type', '无法读取该文件', 'the file cannot be read');
    if (read === 'not-a-file') {
      return problem('file-type', '不是普通文件（可能是以 .yaml 结尾的目录）', 'not a regular file (a directory named like a YAML file?)');
    }
    if (typeof read === 'number') {
      return problem('file-size', `文件过大（${read} 字节），上限为 ${limit} 字节`, `file too large (${read} bytes); the limit is ${limit} bytes`);
    }
    files.push({ kind, file, rel, bytes: read });
  };

  /**
   * Why the link at `abs` is not followed (it leads outside the catalog, or nowhere), or
   * undefined when its real path is inside the catalog. The target is never read or named.
   */
  const linkProblem = (abs: string) => {
    const target = tryFs(() => realpathSync.native(abs));
    if (!target) return t('符号链接指向不存在的文件', 'symbolic link to a missing file');
    if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
      return t('符号链接指向目录之外，已拒绝读取', 'symbolic link leads outside the catalog; not read');
    }
    return undefined;
  };
  /** A folder that is a link: followed only when it stays inside the catalog, else a finding at the link. */
  const folderLink = (abs: string) => {
    const problem = linkProblem(abs);
    if (problem) findings.push({ rule: 'file-link', file: display(abs), path: '', line: 1, column: 1, message: problem });
    return problem === undefined;
  };
  return { absRoot, take, files, findings, display, folderLink };
}

/**
 * The bytes of a regular file of at most `limit` bytes; its size when larger; or why it cannot be
 * read. One open, one fstat and the reads: the file's type and size are those of the file read,
 * not of a path looked up again. Opened without blocking, so a FIFO named like a YAML file is
 * refused instead of waiting for a writer.
 */
function readRegularFile(abs: string, limit: number, noFollow: boolean, allocate: (size: number) => Buffer): Buffer | number | 'not-a-file' | 'unreadable' {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    // A folder named like a YAML file cannot be opened for reading on every platform.
    return (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'not-a-file' : 'unreadable';
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return 'not-a-file';
    if (info.size > limit) return info.size;
    // A file that shrank while being read: what is there.
    return readWhole(fd, info.size, allocate);
  } catch {
    return 'unreadable';
  } finally {
    closeSync(fd);
  }
}

function missing(file: string, name: string): Finding {
  return { rule: 'schema', file, path: '', line: 1, column: 1, message: t(`缺少 ${name}`, `${name} is missing`) };
}

function exists(abs: string): boolean {
  return tryFs(() => lstatSync(abs)) !== undefined;
}

function tryFs<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/**
 * Files below `dir` whose names match. A folder that is a symbolic link (`dir` itself, or one
 * met on the way down) is entered only when `followLink` allows it (its real path is inside
 * the catalog; else it reports the link); each real folder is listed once, so a loop of links
 * ends.
 */
function listFiles(dir: string, pattern: RegExp, recursive: boolean, followLink: (abs: string) => boolean): Array<[string, Dirent]> {
  const out: Array<[string, Dirent]> = [];
  const seen = new Set<string>();
  const walk = (current: string) => {
    const real = tryFs(() => realpathSync.native(current));
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    const entries = tryFs(() => readdirSync(current, { withFileTypes: true })) ?? [];
    for (const entry of entries) {
      const abs = path.join(current, entry.name);
      if (entry.name.startsWith('.')) continue;
      if (entry.isSymbolicLink() && !pattern.test(entry.name)) {
        // A link to a folder (or to a file not named like one of ours): entered when it stays inside.
        if (recursive && tryFs(() => statSync(abs))?.isDirectory() && followLink(abs)) walk(abs);
      } else if (entry.isDirectory() && recursive && !pattern.test(entry.name)) walk(abs);
      else if (pattern.test(entry.name)) out.push([abs, entry]);
    }
  };
  const top = tryFs(() => lstatSync(dir));
  if (top?.isSymbolicLink() && !followLink(dir)) return out;
  walk(dir);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
