import { createHash } from 'node:crypto';
import type { Tier } from '../../schema/common.js';
import type { HallIndexEntry } from '../../schema/feeds.js';
import type { FileRecord } from '../emitter.js';
import type { CatalogRef } from './feed-paths.js';

/** One part of a build split across machines: `--shard 2/4` is `{ index: 2, count: 4 }`. */
export interface Shard {
  index: number;
  count: number;
}

/** What a shard writes beside its feeds, for `licat merge`. */
export const SHARD_FILE = 'shard.json';

/** Contents of `shard.json`. */
export interface ShardInfo {
  licatShard: 2;
  shard: Shard;
  catalog: CatalogRef;
  /** The structure key of the catalog and a digest of every item: shards of one build agree on both. */
  structure: string;
  itemFeeds: string;
  /**
   * Every other file this shard wrote (its manifest lists them): how many, and their digest
   * (shardFilesDigest). A manifest that leaves a file out, or adds one, is refused by the merge.
   */
  files: { count: number; digest: string };
  baseUrl?: string;
  buildTime?: string;
  /** What the root index says besides the halls (the same in every shard). */
  index: { items: number; tiers: Array<{ tier: Tier; halls: number; items: number }>; itemPages: Array<{ department: string; items: number }> };
  /** The names of the cities and the province, for the hall index pages. */
  cities: Record<string, string>;
  /** The index entries of this shard's halls, with the city each is paged under. */
  halls: Array<{ city: string; entry: HallIndexEntry }>;
}

/**
 * Read `--shard i/n`: 1 <= i <= n. Returns undefined when the text is not of that form.
 * @example parseShard('2/4') // { index: 2, count: 4 }
 */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Whether the file at `position` (its place among the halls, or among the items, in code order)
 * belongs to `shard`: positions are dealt out in turn, so every shard gets halls of every tier.
 */
export function inShard(position: number, shard: Shard | undefined): boolean {
  return shard === undefined || position % shard.count === shard.index - 1;
}

/**
 * A digest of a shard's files (path, size and sha256 of each, in path order), recorded in
 * shard.json and recomputed by `licat merge` from the shard's manifest. Pure.
 * @example shardFilesDigest([{ path: 'feeds/halls/440000.json', size: 10, sha256: 'ab..' }])
 */
export function shardFilesDigest(files: readonly FileRecord[]): string {
  const lines = files.map((f) => `${f.path}\t${f.size}\t${f.sha256}\n`).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line);
  return hash.digest('hex');
}
