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
  for (const file of files) {
    const cut = file.path.lastIndexOf('/');
    const folder = cut < 0 ? '' : file.path.slice(0, cut);
    let list = byFolder.get(folder);
    if (!list) byFolder.set(folder, (list = []));
    list.push(file);
  }
  const pages: Array<[string, FileRecord[]]> = [];
  for (const [folder, list] of byFolder) {
    if (folder === '') continue;
    split(folder.replace(/\//g, '-'), folder.length + 1, list, 0, limit, pages);
  }
  for (const [, list] of pages) list.sort(byPath);
  return pages.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function split(name: string, start: number, list: FileRecord[], prefix: number, limit: number, out: Array<[string, FileRecord[]]>): void {
  if (list.length <= limit) {
    out.push([name, list]);
    return;
  }
  const length = prefix + 1;
  const groups = new Map<string, FileRecord[]>();
  for (const file of list) {
    const key = file.path.slice(start, start + length);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(file);
  }
  // A prefix that no longer splits (names identical that far) stops the descent.
  if (groups.size === 1 && [...groups.keys()][0]!.length < length) {
    out.push([name, list]);
    return;
  }
  for (const [key, group] of groups) {
    const own = key.slice(prefix).replace(/[^A-Za-z0-9_-]/g, '_');
    split(`${name}${prefix === 0 ? '-' : ''}${own}`, start, group, length, limit, out);
  }
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
    files: [...files].sort(byPath).map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
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

/** The catalog a v2 output folder was built from, as its root manifest says; undefined when it has none readable. */
export function readManifestCatalog(dir: string): CatalogRef | undefined {
  try {
    const root = JSON.parse(readReused(path.join(dir, MANIFEST)).toString('utf8')) as Partial<Manifest>;
    if (root.version !== FEED_VERSION || !Array.isArray(root.pages) || !root.catalog) return undefined;
    return root.catalog;
  } catch {
    return undefined;
  }
}

/**
 * Every file a v2 output folder's manifest lists (pages included), with its sha256, and the
 * catalog it was built from; undefined when `dir` has no readable v2 manifest. Reads only.
 */
export function readManifestFiles(dir: string): { catalog: CatalogRef; files: Map<string, { size: number; sha256: string }> } | undefined {
  try {
    const root = JSON.parse(readReused(path.join(dir, MANIFEST)).toString('utf8')) as Partial<Manifest>;
    if (root.version !== FEED_VERSION || !Array.isArray(root.pages) || !root.catalog) return undefined;
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
