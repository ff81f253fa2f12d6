import { isAscii } from 'node:buffer';
import path from 'node:path';
import { FEED_VERSION, schemaRef, type Manifest, type ManifestPage } from '../schema/feeds.js';
import type { FileRecord } from './emitter.js';
import type { CatalogRef } from './feeds/feed-paths.js';
import { readReused } from '../load/read-whole.js';

export const MANIFEST = 'manifest.json';
/** The folder of the manifest's pages. */
export const MANIFEST_PAGES = 'manifest';
/** Most files a manifest page lists (about 140 bytes each: a page stays well under 1 MB). */
export const PAGE_FILES = 4000;

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Group the files inside folders into manifest pages: by folder, and a folder with more than
 * `limit` files by ever longer prefixes of the file names until every group has at most `limit`
 * files. The grouping depends only on the set of paths, so an edited file changes only its own
 * page. Files at the top of the output are listed by the root manifest itself (`rootFiles`).
 * Returns each page's name (`feeds-halls-4401`) and its files, sorted. Pure.
 * @example pageFiles(files).map(([name, list]) => `${name}: ${list.length}`)
 */
export function pageFiles(files: readonly FileRecord[], limit: number = PAGE_FILES): Array<[string, FileRecord[]]> {
  const byFolder = new Map<string, FileRecord[]>();
  // A build lists a folder's files one after the other: its folder is taken apart only when it
  // is not the previous file's.
  let folder = '';
  let list: FileRecord[] | undefined;
  for (const file of files) {
    const cut = file.path.lastIndexOf('/');
    if (list === undefined || cut !== folder.length || !file.path.startsWith(folder)) {
      folder = cut < 0 ? '' : file.path.slice(0, cut);
      list = byFolder.get(folder);
      if (!list) byFolder.set(folder, (list = []));
    }
    list.push(file);
  }
  const pages: Array<[string, FileRecord[]]> = [];
  for (const [folder, list] of byFolder) {
    if (folder === '') continue;
    split(folder.replace(/\//g, '-'), folder.length + 1, list, 0, limit, pages);
  }
  for (const [, list] of pages) sortByPath(list);
  return pages.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Split `list` (files whose names, from `start`, share their first `prefix` characters) by the
 * next character of the name, until every group has at most `limit` files.
 */
function split(name: string, start: number, list: FileRecord[], prefix: number, limit: number, out: Array<[string, FileRecord[]]>): void {
  if (list.length <= limit) {
    out.push([name, list]);
    return;
  }
  // By the character after the shared prefix (NaN: a name that ends there).
  const groups = new Map<number, FileRecord[]>();
  for (const file of list) {
    const key = file.path.charCodeAt(start + prefix);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(file);
  }
  // A prefix that no longer splits (names identical that far) stops the descent.
  if (groups.size === 1 && Number.isNaN([...groups.keys()][0])) {
    out.push([name, list]);
    return;
  }
  for (const [key, group] of groups) {
    const own = Number.isNaN(key) ? '' : String.fromCharCode(key).replace(/[^A-Za-z0-9_-]/g, '_');
    split(`${name}${prefix === 0 ? '-' : ''}${own}`, start, group, prefix + 1, limit, out);
  }
}

/** Sort files by path, in place; a list already in order (as a build lists them) is left as it is. */
function sortByPath<T extends { path: string }>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.path > list[i]!.path) return list.sort(byPath);
  return list;
}

/** The files at the top of the output (`changes.json`, `openapi.json`, …), sorted. */
export function rootFiles(files: readonly FileRecord[]): FileRecord[] {
  return files.filter((f) => !f.path.includes('/')).sort(byPath);
}

/** The path of a manifest page. */
export function manifestPagePath(name: string): string {
  return `${MANIFEST_PAGES}/${name}.json`;
}

/** A manifest page: its files with size and sha256, sorted by path. Pure. */
export function buildManifestPage(name: string, files: readonly FileRecord[], baseUrl?: string): ManifestPage {
  return {
    $schema: schemaRef('manifestPage', manifestPagePath(name), baseUrl),
    version: FEED_VERSION,
    files: sortByPath([...files]).map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
  };
}

/**
 * The root manifest of one build: catalog id and version, the artifact kinds built, the number
 * of files, and every page with its own size and sha256 (a mirror fetches the root, then the
 * pages whose sha256 changed, then the files those list as changed). Pure.
 */
export function buildManifest(
  catalog: CatalogRef,
  artifacts: readonly string[],
  pages: ReadonlyArray<{ record: FileRecord; files: number }>,
  top: readonly FileRecord[],
  buildTime?: string,
  baseUrl?: string,
): Manifest {
  return {
    $schema: schemaRef('manifest', MANIFEST, baseUrl),
    version: FEED_VERSION,
    catalog,
    ...(buildTime !== undefined && { buildTime }),
    artifacts: [...artifacts],
    count: pages.reduce((n, p) => n + p.files, top.length),
    files: top.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
    pages: [...pages]
      .sort((a, b) => byPath(a.record, b.record))
      .map((p) => ({ path: p.record.path, files: p.files, size: p.record.size, sha256: p.record.sha256 })),
  };
}

/** Manifest text (root and pages): indented for people, with a final newline. */
export function manifestText(manifest: Manifest | ManifestPage): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

/**
 * `manifestText(page)` in pieces of `per` files each (and the text before and after them): joined,
 * exactly that text. No piece holds the whole page, so none is a string of megabytes, which
 * costs far more to make and to read than many small ones (see emit/build.ts, keptPage). The
 * pieces follow JSON.stringify's layout with an indent of 2: an array's elements each on a line
 * of their own, one level deeper than the array, separated by commas. Pure.
 * @example [...manifestPageParts(page)].join('') === manifestText(page)
 */
export function* manifestPageParts(page: ManifestPage, per = 200): Generator<string> {
  if (page.files.length === 0) {
    yield manifestText(page);
    return;
  }
  // `files` is the last key: the last "null" of this text is the one element put in its place.
  const frame = manifestText({ ...page, files: [null as unknown as ManifestPage['files'][number]] });
  const at = frame.lastIndexOf('\n    null\n');
  yield frame.slice(0, at);
  for (let start = 0; start < page.files.length; start += per) {
    // The elements at the top level of an array ("[\n  {...},\n  {...}\n]"), moved one level
    // (two spaces) deeper: the files array is a key of the page.
    const inner = JSON.stringify(page.files.slice(start, start + per), null, 2).slice(2, -2);
    yield `${start > 0 ? ',' : ''}\n  ${inner.replaceAll('\n', '\n  ')}`;
  }
  yield frame.slice(at + '\n    null'.length);
}

/** The catalog a v2 output folder was built from, as its root manifest says; undefined when it has none readable. */
export function readManifestCatalog(dir: string): CatalogRef | undefined {
  try {
    return readRoot(dir)?.catalog;
  } catch {
    return undefined;
  }
}

/** The root manifest of a v2 output folder, or undefined when it has none readable. */
function readRoot(dir: string): (Partial<Manifest> & Pick<Manifest, 'pages' | 'catalog'>) | undefined {
  const root = JSON.parse(readReused(path.join(dir, MANIFEST)).toString('utf8')) as Partial<Manifest>;
  if (root.version !== FEED_VERSION || !Array.isArray(root.pages) || !root.catalog) return undefined;
  return root as Partial<Manifest> & Pick<Manifest, 'pages' | 'catalog'>;
}

/**
 * Every file a v2 output folder's manifest lists (pages included), with its sha256, and the
 * catalog it was built from; undefined when `dir` has no readable v2 manifest. Reads only.
 */
export function readManifestFiles(dir: string): { catalog: CatalogRef; files: Map<string, { size: number; sha256: string }> } | undefined {
  try {
    const root = readRoot(dir);
    if (!root) return undefined;
    const files = new Map<string, { size: number; sha256: string }>();
    for (const file of root.files ?? []) files.set(file.path, { size: file.size, sha256: file.sha256 });
    for (const page of root.pages) {
      files.set(page.path, { size: page.size, sha256: page.sha256 });
      const text = JSON.parse(readReused(path.join(dir, ...page.path.split('/'))).toString('utf8')) as Partial<ManifestPage>;
      for (const file of text.files ?? []) files.set(file.path, { size: file.size, sha256: file.sha256 });
    }
    return { catalog: root.catalog, files };
  } catch {
    return undefined;
  }
}

/**
 * The path of every file a v2 output folder's manifest lists, pages included (what
 * `readManifestFiles` gives, without the sizes and digests); undefined when `dir` has no readable
 * v2 manifest. Reads only. A page as licat writes it is scanned for its paths rather than parsed
 * whole (JSON.parse of the 4.7 MB of pages of a province: some 75 ms, for objects not needed).
 */
export function readManifestPaths(dir: string): Set<string> | undefined {
  try {
    const root = readRoot(dir);
    if (!root) return undefined;
    const paths = new Set<string>();
    for (const file of root.files ?? []) paths.add(file.path);
    for (const page of root.pages) {
      paths.add(page.path);
      const bytes = readReused(path.join(dir, ...page.path.split('/')));
      if (!scanPaths(bytes, page.files, paths)) {
        for (const file of (JSON.parse(bytes.toString('utf8')) as Partial<ManifestPage>).files ?? []) paths.add(file.path);
      }
    }
    return paths;
  } catch {
    return undefined;
  }
}

const PATH_KEY = Buffer.from('"path": "');

/**
 * Add to `into` the paths of a page written as `manifestText` writes it: the text after each
 * `"path": "` up to the next quote (in JSON text a quote inside a string is escaped, so the key
 * is never found inside a string). False, having added nothing, when the page is not ASCII, a
 * path has an escape, or there are not `count` of them (the root manifest's count): the caller
 * then parses the page.
 */
function scanPaths(bytes: Buffer, count: number, into: Set<string>): boolean {
  if (!isAscii(bytes)) return false;
  const found: string[] = [];
  for (let at = bytes.indexOf(PATH_KEY); at >= 0; at = bytes.indexOf(PATH_KEY, at)) {
    const start = at + PATH_KEY.length;
    const end = bytes.indexOf(0x22, start);
    if (end < 0) return false;
    const rel = bytes.toString('latin1', start, end);
    if (rel.includes('\\')) return false;
    found.push(rel);
    at = end + 1;
  }
  if (found.length !== count) return false;
  for (const rel of found) into.add(rel);
  return true;
}
