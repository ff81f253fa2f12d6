import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { t, type Text } from '../i18n/lang.js';
import type { Catalog } from '../model/catalog.js';
import { FEED_SCHEMA_FILES, FEED_VERSION, schemaUrl, type FeedIndex, type Manifest } from '../schema/feeds.js';
import type { Emitter } from './emitter.js';
import { FEED_INDEX, feedText, type CatalogRef } from './feeds/feed-paths.js';
import { loadFeedValidator } from './feeds/feed-validator.js';
import { SHARD_FILE, type ShardInfo } from './feeds/shard.js';
import { MANIFEST } from './manifest.js';
import type { FileRecord } from './output-sink.js';

/** Shard outputs that cannot be merged (missing, damaged, from different builds). Exit 2. */
export class MergeError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** One shard's output, read and checked. */
export interface ShardOutput {
  dir: string;
  info: ShardInfo;
  /** The feed files it holds (not its shard.json), as its manifest lists them. */
  files: FileRecord[];
}

/** Files of a shard output that are not feeds to merge. */
const NOT_MERGED = new Set([SHARD_FILE, 'README.md']);

/**
 * Read the outputs of `licat build --only feeds --shard i/n` and check that they are all the
 * shards of one build: the same catalog, structure, item feeds and build time, every shard from
 * 1 to n exactly once, no file twice, and every file as its shard's manifest says (size and
 * sha256, so a damaged download is caught here and not published).
 * @example const shards = await readShards(['out-1', 'out-2']);
 */
export async function readShards(dirs: readonly string[]): Promise<ShardOutput[]> {
  if (dirs.length === 0) throw new MergeError(t('请给出要合并的分片输出文件夹', 'name the shard output folders to merge'));
  const shards: ShardOutput[] = [];
  for (const dir of dirs) {
    const manifest = (await readJson(dir, MANIFEST)) as Manifest;
    const info = (await readJson(dir, SHARD_FILE)) as ShardInfo;
    if (info?.licatShard !== 1 || !info.shard || !Array.isArray(info.halls)) {
      throw new MergeError(t(`${dir} 不是 licat build --shard 的输出（${SHARD_FILE} 无效）`, `${dir} is not an output of licat build --shard (its ${SHARD_FILE} is not valid)`));
    }
    if (!Array.isArray(manifest?.files) || JSON.stringify(manifest.artifacts) !== '["feeds"]') {
      throw new MergeError(t(`${dir} 的 ${MANIFEST} 无效，或不只含门户数据`, `${dir} has an invalid ${MANIFEST}, or holds more than the feeds`));
    }
    if ((manifest.buildTime ?? null) !== (info.buildTime ?? null)) {
      throw new MergeError(t(`${dir} 的 ${MANIFEST} 与 ${SHARD_FILE} 的构建时间不一致`, `${dir}: the build times of ${MANIFEST} and ${SHARD_FILE} differ`));
    }
    shards.push({ dir, info, files: manifest.files.filter((f) => !NOT_MERGED.has(f.path)) });
  }

  const first = shards[0]!.info;
  const same = (a: ShardInfo, key: 'structure' | 'itemFeeds') => a[key] === first[key];
  for (const { dir, info } of shards) {
    if (info.shard.count !== first.shard.count) {
      throw new MergeError(t(`${dir} 是 ${info.shard.count} 份中的一份，其他分片共 ${first.shard.count} 份`, `${dir} is a shard of ${info.shard.count}, the others of ${first.shard.count}`));
    }
    if (info.catalog.id !== first.catalog.id || info.catalog.version !== first.catalog.version || !same(info, 'structure') || !same(info, 'itemFeeds')) {
      throw new MergeError(
        t(
          `${dir} 与 ${shards[0]!.dir} 不是同一目录、同一版本 licat 的同一次构建，不能合并`,
          `${dir} and ${shards[0]!.dir} are not shards of one build (the same catalog and licat version); they cannot be merged`,
        ),
      );
    }
    if ((info.buildTime ?? null) !== (first.buildTime ?? null)) {
      throw new MergeError(t(`${dir} 的构建时间与 ${shards[0]!.dir} 不同`, `${dir} has another build time than ${shards[0]!.dir}`));
    }
  }
  const count = first.shard.count;
  const seen = new Map<number, string>();
  for (const { dir, info } of shards) {
    const other = seen.get(info.shard.index);
    if (other) throw new MergeError(t(`${dir} 与 ${other} 是同一份（${info.shard.index}/${count}）`, `${dir} and ${other} are the same shard (${info.shard.index}/${count})`));
    seen.set(info.shard.index, dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new MergeError(t(`缺少分片 ${missing.map((i) => `${i}/${count}`).join('、')}`, `shard ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`));
  }

  const owner = new Map<string, string>();
  for (const shard of shards) {
    for (const file of shard.files) {
      const other = owner.get(file.path);
      if (other) throw new MergeError(t(`${file.path} 同时出现在 ${other} 和 ${shard.dir}`, `${file.path} is in both ${other} and ${shard.dir}`));
      owner.set(file.path, shard.dir);
      const actual = await digest(path.join(shard.dir, ...file.path.split('/')));
      if (!actual || actual.size !== file.size || actual.sha256 !== file.sha256) {
        throw new MergeError(
          t(
            `${shard.dir}/${file.path} ${actual ? '与清单中的 sha256 不符' : '缺失'}：分片输出不完整或已损坏`,
            `${shard.dir}/${file.path} is ${actual ? 'not what its manifest says (sha256)' : 'missing'}: the shard output is incomplete or damaged`,
          ),
        );
      }
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
      const sink = context.out as typeof context.out & { adopt?: (rel: string, source: string, record: FileRecord) => void };
      let done = 0;
      const total = shards.reduce((n, s) => n + s.files.length, 0);
      for (const shard of shards) {
        for (const file of shard.files) {
          const source = path.join(shard.dir, ...file.path.split('/'));
          if (sink.adopt) sink.adopt(file.path, source, file);
          else await context.out.write(file.path, await readFile(source));
          if (++done % 1000 === 0) context.progress?.(t('合并分片', 'merging shards')[context.lang], done, total);
        }
      }
      const first = shards[0]!.info;
      const index: FeedIndex = {
        $schema: schemaUrl(FEED_SCHEMA_FILES.index),
        version: FEED_VERSION,
        catalog: first.catalog,
        ...(first.buildTime !== undefined && { buildTime: first.buildTime }),
        halls: shards.flatMap((s) => s.info.halls).sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0)),
      };
      validator.check('index', FEED_INDEX, index);
      await context.out.write(FEED_INDEX, feedText(index));
      context.log(
        t(`合并了 ${shards.length} 个分片：${index.halls.length.toLocaleString('en-US')} 个大厅`, `merged ${shards.length} shards: ${index.halls.length.toLocaleString('en-US')} halls`)[context.lang],
      );
    },
  };
}

async function readJson(dir: string, name: string): Promise<unknown> {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new MergeError(t(`读不到 ${file}：这不是 licat build --shard 的输出文件夹`, `cannot read ${file}: this is not an output folder of licat build --shard`));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MergeError(t(`${file} 不是有效的 JSON`, `${file} is not valid JSON`));
  }
}

async function digest(file: string): Promise<{ size: number; sha256: string } | undefined> {
  try {
    // Whole small files, synchronously: far cheaper per file than a stream.
    const bytes = readFileSync(file);
    return { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch {
    return undefined;
  }
}
