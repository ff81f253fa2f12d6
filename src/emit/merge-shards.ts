import { createHash } from 'node:crypto';
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { t, type Text } from '../i18n/lang.js';
import type { Catalog } from '../model/catalog.js';
import { FEED_SCHEMA_FILES, FEED_VERSION, schemaRef, type HallFeed, type Manifest, type ManifestPage } from '../schema/feeds.js';
import type { Emitter } from './emitter.js';
import { ChangeLog, readPreviousBuild } from './feeds/changes.js';
import { CHANGES, CODE_LABELS, DEPARTMENT_CODES, feedText, itemIndexPath, type CatalogRef } from './feeds/feed-paths.js';
import { InvalidFeedError, loadFeedValidator, type FeedKind, type FeedValidator } from './feeds/feed-validator.js';
import { hallIndexFiles, publishedFiles } from './feeds/feeds-emitter.js';
import { SHARD_FILE, shardFilesDigest, type ShardInfo } from './feeds/shard.js';
import { MANIFEST, MANIFEST_PAGES } from './manifest.js';
import { isPlainOutputPath, type FileRecord } from './output-sink.js';
import { readShardFile } from './shard-files.js';

/** Shard outputs that cannot be merged (missing, damaged, from different builds). Exit 2. */
export class MergeError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** One shard's output, read and checked. */
export interface ShardOutput {
  /** The folder as named on the command line (for messages). */
  dir: string;
  /** Its real path: every file is read below it, through no link. */
  root: string;
  info: ShardInfo;
  /** The feed files it holds (not its shard.json), as its manifest lists them. */
  files: FileRecord[];
}

/** Files of a shard output that are not feeds to merge. */
const NOT_MERGED = new Set([SHARD_FILE, 'README.md']);
/** Largest file of a shard read (a province's hall feed is a few megabytes). */
const MAX_SHARD_FILE = 256 * 1024 * 1024;
/** File kind by its schema's file name: how a feed of a shard says what it is (`$schema`). */
const KIND_BY_FILE = new Map<string, FeedKind>(
  (Object.entries(FEED_SCHEMA_FILES) as Array<[FeedKind, string]>)
    .filter(([kind]) => kind !== 'manifest' && kind !== 'manifestPage')
    .map(([kind, file]) => [file, kind]),
);

/**
 * Read the outputs of `licat build --only feeds --shard i/n` and check that they are all the
 * shards of one build: the same catalog, structure, item feeds and build time, every shard from
 * 1 to n exactly once, no file twice. Shards are untrusted input (they come from other
 * machines): their manifest and shard.json must match their schemas, every path they list must
 * be a plain relative path, and no symbolic link is followed. The feeds themselves are checked
 * as they are merged (mergeEmitter).
 * @example const shards = await readShards(['out-1', 'out-2']);
 */
export async function readShards(dirs: readonly string[]): Promise<ShardOutput[]> {
  if (dirs.length === 0) throw new MergeError(t('请给出要合并的分片输出文件夹', 'name the shard output folders to merge'));
  const validator = await loadFeedValidator();
  const shards: ShardOutput[] = [];
  for (const dir of dirs) {
    const root = shardRoot(dir);
    const manifest = readJson(root, dir, MANIFEST) as Manifest;
    schemaCheck(() => validator.check('manifest', MANIFEST, manifest), dir, MANIFEST);
    if (JSON.stringify(manifest.artifacts) !== '["feeds"]') {
      throw new MergeError(t(`${dir} 的 ${MANIFEST} 无效，或不只含门户数据`, `${dir} has an invalid ${MANIFEST}, or holds more than the feeds`));
    }
    // The manifest's pages: each a plain path in manifest/, read as its root lists it, valid.
    const listedFiles = [...manifest.files];
    for (const page of manifest.pages) {
      if (!isPlainOutputPath(page.path) || !page.path.startsWith(`${MANIFEST_PAGES}/`)) {
        throw new MergeError(
          t(
            `${dir}/${MANIFEST} 列出的清单页 ${JSON.stringify(page.path)} 无效，已拒绝`,
            `${dir}/${MANIFEST} lists ${JSON.stringify(page.path)} as a page, which it cannot be; refused`,
          ),
        );
      }
      const content = parseJson(verified(root, dir, page), dir, page.path) as ManifestPage;
      schemaCheck(() => validator.check('manifestPage', page.path, content), dir, page.path);
      listedFiles.push(...content.files);
    }
    for (const file of listedFiles) {
      if (!isPlainOutputPath(file.path) || file.path === MANIFEST || file.path.startsWith(`${MANIFEST_PAGES}/`)) {
        throw new MergeError(
          t(
            `${dir}/${MANIFEST} 列出的路径 ${JSON.stringify(file.path)} 不是输出文件夹内的相对路径，已拒绝`,
            `${dir}/${MANIFEST} lists ${JSON.stringify(file.path)}, which is not a plain relative path inside the output; refused`,
          ),
        );
      }
    }
    const shardRecord = listedFiles.find((f) => f.path === SHARD_FILE);
    if (!shardRecord) {
      throw new MergeError(
        t(
          `${dir} 不是 licat build --shard 的输出（清单中没有 ${SHARD_FILE}）`,
          `${dir} is not an output of licat build --shard (its manifest lists no ${SHARD_FILE})`,
        ),
      );
    }
    const info = parseJson(verified(root, dir, shardRecord), dir, SHARD_FILE) as ShardInfo;
    checkShardInfo(info, dir, validator);
    if ((manifest.buildTime ?? null) !== (info.buildTime ?? null)) {
      throw new MergeError(t(`${dir} 的 ${MANIFEST} 与 ${SHARD_FILE} 的构建时间不一致`, `${dir}: the build times of ${MANIFEST} and ${SHARD_FILE} differ`));
    }
    const files = listedFiles.filter((f) => !NOT_MERGED.has(f.path));
    // The manifest lists every file the shard wrote, no fewer and no more: shard.json (verified
    // against the manifest above) recorded them as it wrote them.
    if (files.length !== info.files.count || shardFilesDigest(files) !== info.files.digest) {
      throw new MergeError(
        t(
          `${dir}/${MANIFEST} 列出的文件与该分片写入的文件不符（有缺失或多余的文件）`,
          `${dir}/${MANIFEST} does not list the files this shard wrote (one is missing or extra)`,
        ),
      );
    }
    // Each hall the shard's index entries name is a file of the shard, as its manifest lists it.
    const listed = new Set(files.map((f) => f.path));
    for (const { entry } of info.halls) {
      if (!listed.has(entry.file)) {
        throw new MergeError(
          t(`${dir}/${SHARD_FILE} 提到的 ${entry.file} 与清单不符`, `${dir}/${SHARD_FILE} names ${entry.file}, which its manifest does not list as such`),
        );
      }
    }
    shards.push({ dir, root, info, files });
  }

  const first = shards[0]!.info;
  const same = (a: ShardInfo, key: 'structure' | 'itemFeeds') => a[key] === first[key];
  for (const { dir, info } of shards) {
    if (info.shard.count !== first.shard.count) {
      throw new MergeError(
        t(
          `${dir} 是 ${info.shard.count} 份中的一份，其他分片共 ${first.shard.count} 份`,
          `${dir} is a shard of ${info.shard.count}, the others of ${first.shard.count}`,
        ),
      );
    }
    if (info.catalog.id !== first.catalog.id || info.catalog.version !== first.catalog.version || !same(info, 'structure') || !same(info, 'itemFeeds')) {
      throw new MergeError(
        t(
          `${dir} 与 ${shards[0]!.dir} 不是同一目录、同一版本 licat 的同一次构建，不能合并`,
          `${dir} and ${shards[0]!.dir} are not shards of one build (the same catalog and licat version); they cannot be merged`,
        ),
      );
    }
    if ((info.baseUrl ?? null) !== (first.baseUrl ?? null)) {
      throw new MergeError(t(`${dir} 的 --base-url 与 ${shards[0]!.dir} 不同`, `${dir} was built with another --base-url than ${shards[0]!.dir}`));
    }
    if ((info.buildTime ?? null) !== (first.buildTime ?? null)) {
      throw new MergeError(t(`${dir} 的构建时间与 ${shards[0]!.dir} 不同`, `${dir} has another build time than ${shards[0]!.dir}`));
    }
  }
  const count = first.shard.count;
  const seen = new Map<number, string>();
  for (const { dir, info } of shards) {
    const other = seen.get(info.shard.index);
    if (other)
      throw new MergeError(
        t(`${dir} 与 ${other} 是同一份（${info.shard.index}/${count}）`, `${dir} and ${other} are the same shard (${info.shard.index}/${count})`),
      );
    seen.set(info.shard.index, dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new MergeError(
      t(
        `缺少分片 ${missing.map((i) => `${i}/${count}`).join('、')}`,
        `shard ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`,
      ),
    );
  }

  const owner = new Map<string, string>();
  for (const shard of shards) {
    for (const file of shard.files) {
      const other = owner.get(file.path);
      if (other) throw new MergeError(t(`${file.path} 同时出现在 ${other} 和 ${shard.dir}`, `${file.path} is in both ${other} and ${shard.dir}`));
      owner.set(file.path, shard.dir);
    }
  }
  return shards.sort((a, b) => a.info.shard.index - b.info.shard.index);
}

/**
 * The catalog reference of the merged output, as the build pipeline asks for it: a merge has no
 * catalog, only the id and version every shard recorded.
 */
export function mergedCatalog(shards: readonly ShardOutput[]): Catalog {
  const ref: CatalogRef = shards[0]!.info.catalog;
  return { meta: { id: ref.id, version: ref.version }, metaFile: SHARD_FILE } as unknown as Catalog;
}

/**
 * The emitter of `licat merge`: every shard's feeds as they are (linked where possible), and the
 * index of all halls, as one build on one machine would write them. Its id is `feeds`, so the
 * manifest lists the same artifacts.
 */
export function mergeEmitter(shards: readonly ShardOutput[]): Emitter {
  return {
    id: 'feeds',
    description: '合并分片的门户数据 / the feeds of every shard, joined',
    async emit(_catalog, context) {
      const validator = await loadFeedValidator();
      let done = 0;
      const total = shards.reduce((n, s) => n + s.files.length, 0);
      const itemFeeds: FileRecord[] = [];
      const located: Array<{ file: FileRecord; shard: ShardOutput }> = [];
      for (const shard of shards) {
        for (const file of shard.files) {
          // What is written is the very bytes checked: read once, verified, validated, written.
          const bytes = verified(shard.root, shard.dir, file);
          const kind = checkFeed(bytes, shard.dir, file.path, validator, shard.info.baseUrl);
          if (kind === 'item') itemFeeds.push(file);
          if (kind === 'hall' || kind === 'item') located.push({ file, shard });
          await context.out.write(file.path, bytes);
          if (++done % 1000 === 0) context.progress?.(t('合并分片', 'merging shards')[context.lang], done, total);
        }
      }
      const first = shards[0]!.info;
      // Every shard recorded the digest of all the build's item feeds: together they must hold
      // exactly those, none left out of a manifest, none added.
      const fingerprint = createHash('sha256');
      for (const file of itemFeeds.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) fingerprint.update(file.sha256);
      if (fingerprint.digest('hex') !== first.itemFeeds) {
        throw new MergeError(
          t(
            '各分片的事项数据合起来与构建时记录的不符（有缺失或多余的文件）',
            "the shards' item feeds together are not those the build recorded (a feed is missing or extra)",
          ),
        );
      }
      // What shard 1 writes for the whole build: the code lists and a page of items per department.
      const written = new Set(shards.flatMap((s) => s.files.map((f) => f.path)));
      const expected = [CODE_LABELS, DEPARTMENT_CODES, ...first.index.itemPages.map((p) => itemIndexPath(p.department))];
      const absent = expected.filter((rel) => !written.has(rel));
      if (absent.length > 0) {
        throw new MergeError(t(`分片中缺少 ${absent.join('、')}：分片输出不完整`, `the shards lack ${absent.join(', ')}: a shard output is incomplete`));
      }
      const halls = shards.flatMap((s) => s.info.halls).sort((a, b) => (a.entry.region < b.entry.region ? -1 : a.entry.region > b.entry.region ? 1 : 0));
      const summary = {
        catalog: first.catalog,
        ...(first.buildTime !== undefined && { buildTime: first.buildTime }),
        items: first.index.items,
        tiers: first.index.tiers,
        itemPages: first.index.itemPages,
        offerings: halls.reduce((n, h) => n + h.entry.items, 0),
      };
      // The index, written from the shards' records: each file checked against its schema.
      for (const [kind, rel, data] of hallIndexFiles(halls, first.cities, summary, first.baseUrl)) {
        schemaCheck(() => validator.check(kind, rel, data), shards[0]!.dir, SHARD_FILE);
        await context.out.write(rel, feedText(data));
      }
      // The schemas and the OpenAPI description as this licat writes them, not a shard's copy.
      for (const [rel, text] of publishedFiles(first.catalog, first.baseUrl)) await context.out.write(rel, text);
      const since = typeof context.options.since === 'string' ? context.options.since : context.previousOutput;
      // Each record checked against the published schema as it is made, as a build does.
      const log = new ChangeLog(since === undefined ? undefined : readPreviousBuild(since), first.catalog.version, first.baseUrl, (feed) =>
        validator.check('changes', CHANGES, feed),
      );
      located.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
      for (const { file, shard } of located) {
        const item = /^feeds\/items\/(\d{12})\.json$/.exec(file.path);
        if (item) log.item(item[1]!, file.path, file.sha256);
        const hall = /^feeds\/halls\/(\d+)\.json$/.exec(file.path);
        if (hall) log.hall(hall[1]!, file.path, file.sha256, () => JSON.parse(verified(shard.root, shard.dir, file).toString('utf8')) as HallFeed);
      }
      const parts = log.finish();
      await (context.out.stageParts ? context.out.stageParts(CHANGES, parts) : context.out.stage(CHANGES, parts.join(''))).done;
      context.log(
        t(
          `合并了 ${shards.length} 个分片：${halls.length.toLocaleString('en-US')} 个大厅`,
          `merged ${shards.length} shards: ${halls.length.toLocaleString('en-US')} halls`,
        )[context.lang],
      );
    },
  };
}

/** The real path of a shard folder named on the command line. */
function shardRoot(dir: string): string {
  try {
    const root = realpathSync.native(path.resolve(dir));
    if (lstatSync(root).isDirectory()) return root;
  } catch {
    // below
  }
  throw new MergeError(
    t(`${dir} 不是文件夹：这不是 licat build --shard 的输出文件夹`, `${dir} is not a folder: this is not an output folder of licat build --shard`),
  );
}

/** A JSON file of a shard (its manifest), read without following links. */
function readJson(root: string, dir: string, name: string): unknown {
  const bytes = readShardFile(root, name, MAX_SHARD_FILE);
  if (!Buffer.isBuffer(bytes)) {
    throw new MergeError(
      t(
        `读不到 ${dir}/${name}（${bytes.zh}）：这不是 licat build --shard 的输出文件夹`,
        `cannot read ${dir}/${name} (it ${bytes.en}): this is not an output folder of licat build --shard`,
      ),
    );
  }
  return parseJson(bytes, dir, name);
}

function parseJson(bytes: Buffer, dir: string, name: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new MergeError(t(`${dir}/${name} 不是有效的 JSON`, `${dir}/${name} is not valid JSON`));
  }
}

/** The bytes of a file of a shard, exactly as its manifest lists them (size and sha256). */
function verified(root: string, dir: string, file: FileRecord): Buffer {
  const bytes = readShardFile(root, file.path, MAX_SHARD_FILE);
  const damaged = (why: Text) =>
    new MergeError(t(`${dir}/${file.path} ${why.zh}：分片输出不完整或已损坏`, `${dir}/${file.path} ${why.en}: the shard output is incomplete or damaged`));
  if (!Buffer.isBuffer(bytes)) {
    const missing = bytes.en === 'missing';
    throw damaged(missing ? t('缺失', 'is missing') : bytes);
  }
  if (bytes.byteLength !== file.size || createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
    throw damaged(t('与清单中的 sha256 不符', 'is not what its manifest says (sha256)'));
  }
  return bytes;
}

/**
 * A feed of a shard: JSON naming, in `$schema`, a published schema exactly as a build at that
 * path names it, and valid against that schema.
 */
function checkFeed(bytes: Buffer, dir: string, rel: string, validator: FeedValidator, baseUrl: string | undefined): FeedKind {
  const feed = parseJson(bytes, dir, rel);
  const schema = (feed as { $schema?: unknown } | null)?.$schema;
  const named = typeof schema === 'string' ? KIND_BY_FILE.get(schema.slice(schema.lastIndexOf('/') + 1)) : undefined;
  const kind = named !== undefined && schema === schemaRef(named, rel, baseUrl) ? named : undefined;
  if (!kind) throw new MergeError(t(`${dir}/${rel} 不是 licat 的门户数据（$schema 未知）`, `${dir}/${rel} is not a licat feed (unknown $schema)`));
  schemaCheck(() => validator.check(kind, rel, feed), dir, rel);
  return kind;
}

/** shard.json: its form, and its halls as index entries. */
function checkShardInfo(info: ShardInfo, dir: string, validator: FeedValidator): void {
  const int = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 1_000_000;
  const ok =
    info !== null &&
    typeof info === 'object' &&
    info.licatShard === 2 &&
    int(info.shard?.index) &&
    int(info.shard?.count) &&
    info.shard.index <= info.shard.count &&
    typeof info.structure === 'string' &&
    typeof info.itemFeeds === 'string' &&
    info.files !== null &&
    typeof info.files === 'object' &&
    Number.isInteger(info.files.count) &&
    typeof info.files.digest === 'string' &&
    (info.buildTime === undefined || typeof info.buildTime === 'string') &&
    (info.baseUrl === undefined || typeof info.baseUrl === 'string') &&
    info.index !== null &&
    typeof info.index === 'object' &&
    Number.isInteger(info.index.items) &&
    Array.isArray(info.index.tiers) &&
    Array.isArray(info.index.itemPages) &&
    info.cities !== null &&
    typeof info.cities === 'object' &&
    Object.values(info.cities).every((name) => typeof name === 'string') &&
    Array.isArray(info.halls) &&
    info.halls.every((h) => h !== null && typeof h === 'object' && typeof h.city === 'string' && /^\d{6}(\d{3}|\d{6})?$/.test(h.city));
  if (!ok)
    throw new MergeError(
      t(`${dir} 不是 licat build --shard 的输出（${SHARD_FILE} 无效）`, `${dir} is not an output of licat build --shard (its ${SHARD_FILE} is not valid)`),
    );
  // The halls as one page of the hall index: the schema checks every entry.
  const page = { $schema: 'shard', version: FEED_VERSION, city: '000000', halls: info.halls.map((h) => h.entry) };
  schemaCheck(() => validator.check('hallIndex', SHARD_FILE, page), dir, SHARD_FILE);
}

function schemaCheck(check: () => void, dir: string, rel: string): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof InvalidFeedError)) throw error;
    throw new MergeError(
      t(
        `${dir}/${rel} 不符合已发布的 Schema（${error.errors[0] ?? ''}），已拒绝`,
        `${dir}/${rel} does not match its published schema (${error.errors[0] ?? ''}); refused`,
      ),
    );
  }
}
