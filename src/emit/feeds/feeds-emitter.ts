import { createHash } from 'node:crypto';
import { t } from '../../i18n/lang.js';
import type { Catalog, ItemEntry } from '../../model/catalog.js';
import { planExpansion, type Expansion } from '../../model/expand.js';
import { UNIFIED_DEFAULT } from '../../schema/catalog.js';
import { FEED_SCHEMA_FILES, FEED_VERSION, schemaUrl, type FeedIndex } from '../../schema/feeds.js';
import type { EmitContext, Emitter, OutputSink } from '../emitter.js';
import type { FileRecord } from '../output-sink.js';
import { WritePool } from '../write-pool.js';
import { catalogRef, FEED_INDEX, feedText, hallFeedPath, itemFeedPath, type FileRef } from './feed-paths.js';
import { loadFeedValidator } from './feed-validator.js';
import { FeedsCache, itemInput, structureKey } from './feeds-cache.js';
import { hallFeed } from './hall-feed.js';
import { itemFeed, type ItemHalls } from './item-feed.js';
import { inShard, SHARD_FILE, type Shard, type ShardInfo } from './shard.js';

/** Files written at once; bounds the feed texts held in memory. */
const IN_FLIGHT = 32;

/**
 * The JSON feeds for portals: one feed per hall of every tier, one per item, and the index.
 * Every feed is checked against its published schema before it is handed to the sink; halls
 * are expanded one at a time (twice: once to list each item's halls, once to write).
 *
 * With a cache folder and the previous output at hand (`licat build`), only the feeds that
 * changed are built: an unchanged item feed, and the feed of every hall that offers no changed
 * item, are linked from the previous output (see feeds-cache.ts for when that is safe).
 * With `options.shard` (`--shard i/n`), only that shard's hall and item feeds are written, with a
 * `shard.json` for `licat merge` instead of the index.
 */
export const feedsEmitter: Emitter = {
  id: 'feeds',
  description: '门户数据：每个大厅、每个事项一个 JSON 文件及索引 / JSON feeds for portals: one per hall, one per item, and an index',
  async emit(catalog, context) {
    const validator = await loadFeedValidator();
    const ref = catalogRef(catalog);
    const unified = catalog.meta?.unified ?? [...UNIFIED_DEFAULT];
    const expansion = planExpansion(catalog);
    const total = expansion.tree.halls.length;
    const shard = context.options.shard as Shard | undefined;
    const writing = t('写入大厅数据', 'writing hall feeds')[context.lang];
    const progress = (label: string, done: number) => context.progress?.(label, done, total);
    const sink = reusable(context.out);
    const previous = typeof context.options.previousOutput === 'string' ? context.options.previousOutput : undefined;
    const structure = sink && previous && context.cacheDir !== undefined && !shard ? structureKey(catalog, expansion, ref, unified) : undefined;
    const note = (text: { zh: string; en: string }) => context.note?.(text[context.lang]);
    const cache = structure !== undefined ? FeedsCache.open(context.cacheDir!, previous!, structure, note) : undefined;
    // A recycled spare output (swap.ts): bring its feeds up to date file by file, if the cache
    // record describes them; else they go.
    if (sink && sink.unverifiedLeftovers.length > 0) {
      const files = cache?.warm ? cache.spareFiles(sink.root) : undefined;
      if (files) sink.recycle(files);
      else sink.discardLeftovers();
    }
    const stage = stager(context.out);
    const pool = new WritePool(IN_FLIGHT);

    // Item feeds: linked when unchanged, else built (their halls from the previous feed or by expanding).
    const itemFeeds = new Map<string, FileRef>();
    const inputs = new Map<ItemEntry, string>();
    const todo: ItemEntry[] = [];
    for (const entry of expansion.items) {
      if (cache?.warm) {
        const code = entry.item.code;
        const input = itemInput(entry.item);
        inputs.set(entry, input);
        const hit = cache.item(code, input);
        if (hit) {
          const rel = itemFeedPath(code);
          sink!.adopt(rel, hit.source, { path: rel, size: hit.size, sha256: hit.sha256 });
          itemFeeds.set(code, { path: rel, sha256: hit.sha256 });
          cache.keepItem(code, input, hit);
          continue;
        }
      }
      todo.push(entry);
    }
    const hallsOf = (cache?.warm && previousHalls(todo, cache)) || expandAll(expansion, todo, context);
    const changed: ItemEntry[] = [];
    const fingerprint = createHash('sha256');
    for (const [position, entry] of expansion.items.entries()) {
      const code = entry.item.code;
      const rel = itemFeedPath(code);
      const halls = hallsOf.get(entry);
      if (!halls) {
        fingerprint.update(itemFeeds.get(code)!.sha256);
        continue;
      }
      const feed = itemFeed(ref, unified, entry, halls);
      validator.check('item', rel, feed);
      const text = feedText(feed);
      let record: FileRecord;
      if (inShard(position, shard)) {
        const staged = stage(rel, text);
        record = staged.record;
        await pool.add(staged.done);
      } else {
        const bytes = Buffer.from(text, 'utf8');
        record = { path: rel, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
      }
      itemFeeds.set(code, { path: rel, sha256: record.sha256 });
      fingerprint.update(record.sha256);
      cache?.keepItem(code, inputs.get(entry) ?? itemInput(entry.item), record);
      changed.push(entry);
    }
    // Halls whose feed names a changed item: those offering it, and those listing it as not offered.
    const dirty = cache?.warm ? dirtyHalls(catalog, changed, hallsOf) : undefined;
    hallsOf.clear();

    const index: FeedIndex = {
      $schema: schemaUrl(FEED_SCHEMA_FILES.index),
      version: FEED_VERSION,
      catalog: ref,
      ...(typeof context.options.buildTime === 'string' && { buildTime: context.options.buildTime }),
      halls: [],
    };
    let built = 0;
    for (const [position, region] of expansion.tree.halls.entries()) {
      if (!inShard(position, shard)) continue;
      const rel = hallFeedPath(region.code);
      const entry = { region: region.code, tier: region.tier, name: region.name, parent: region.parent };
      const hit = dirty && !dirty.has(region.code) ? cache!.hall(region.code) : undefined;
      if (hit) {
        const record = { path: rel, size: hit.size, sha256: hit.sha256 };
        sink!.adopt(rel, hit.source, record);
        cache!.keepHall(region.code, hit.items, hit);
        index.halls.push({ ...entry, items: hit.items, file: rel, sha256: hit.sha256 });
      } else {
        const feed = hallFeed(ref, expansion.expandHall(region), itemFeeds);
        validator.check('hall', rel, feed);
        const staged = stage(rel, feedText(feed));
        index.halls.push({ ...entry, items: feed.items.length, file: rel, sha256: staged.record.sha256 });
        await pool.add(staged.done);
        cache?.keepHall(region.code, feed.items.length, staged.record);
        built++;
      }
      if ((position + 1) % 500 === 0) progress(writing, position + 1);
    }
    progress(writing, total);
    if (shard) {
      const info: ShardInfo = {
        licatShard: 1,
        shard,
        catalog: ref,
        structure: structureKey(catalog, expansion, ref, unified),
        itemFeeds: fingerprint.digest('hex'),
        ...(index.buildTime !== undefined && { buildTime: index.buildTime }),
        halls: index.halls,
      };
      await pool.add(stage(SHARD_FILE, `${JSON.stringify(info, null, 2)}\n`).done);
    } else {
      validator.check('index', FEED_INDEX, index);
      await pool.add(stage(FEED_INDEX, feedText(index)).done);
    }
    await pool.drain();
    // Remove the recycled feeds this build did not write, before the record takes the folders' identity.
    sink?.finishLeftovers();
    if (cache?.save(sink!.root)) sink!.keepPrevious = true;
    if (cache && cache.discarded > 0) {
      note(t(`上次输出中有 ${cache.discarded} 个门户数据文件与缓存记录不符，已重新生成`, `${cache.discarded} feeds of the last output were not as the cache recorded them; built again`));
    }
    const halls = total.toLocaleString('en-US');
    const part = shard ? t(`（第 ${shard.index}/${shard.count} 份）`, ` (shard ${shard.index}/${shard.count})`) : t('', '');
    const reuse =
      cache?.warm === true
        ? t(`，重新生成 ${changed.length} 个事项、${built} 个大厅，其余沿用上次构建`, `; rebuilt ${changed.length} items and ${built} halls, the rest kept from the last build`)
        : t('', '');
    context.log(
      t(
        `门户数据：${halls} 个大厅、${expansion.items.length} 个事项${part.zh}${reuse.zh}`,
        `feeds: ${halls} halls, ${expansion.items.length} items${part.en}${reuse.en}`,
      )[context.lang],
    );
  },
};

/**
 * The halls of each item to build, read from its previous feed (the structure is unchanged, so
 * they are the same); undefined when a previous feed is not available.
 */
function previousHalls(todo: readonly ItemEntry[], cache: FeedsCache): Map<ItemEntry, ItemHalls> | undefined {
  const out = new Map<ItemEntry, ItemHalls>();
  for (const entry of todo) {
    const text = cache.previousItemFeed(entry.item.code);
    if (text === undefined) return undefined;
    try {
      const { halls } = JSON.parse(text) as { halls?: ItemHalls };
      if (!halls || !Array.isArray(halls.decides) || !Array.isArray(halls.accepts)) return undefined;
      out.set(entry, { decides: halls.decides, accepts: halls.accepts });
    } catch {
      return undefined;
    }
  }
  return out;
}

/** Every hall's offers, once, to list the halls of the items in `todo`. */
function expandAll(expansion: Expansion, todo: readonly ItemEntry[], context: EmitContext): Map<ItemEntry, ItemHalls> {
  const hallsOf = new Map<ItemEntry, ItemHalls>(todo.map((e) => [e, { decides: [], accepts: [] }]));
  if (todo.length === 0) return hallsOf;
  const expanding = t('展开大厅', 'expanding halls')[context.lang];
  const total = expansion.tree.halls.length;
  let done = 0;
  for (const hall of expansion.halls()) {
    for (const offer of hall.offers) hallsOf.get(offer.entry)?.[offer.role].push(hall.region.code);
    if (++done % 1000 === 0) context.progress?.(expanding, done, total);
  }
  context.progress?.(expanding, total, total);
  return hallsOf;
}

function dirtyHalls(catalog: Catalog, changed: readonly ItemEntry[], hallsOf: ReadonlyMap<ItemEntry, ItemHalls>): Set<string> {
  const dirty = new Set<string>();
  const codes = new Set<string>();
  for (const entry of changed) {
    codes.add(entry.item.code);
    const halls = hallsOf.get(entry)!;
    for (const r of halls.decides) dirty.add(r);
    for (const r of halls.accepts) dirty.add(r);
  }
  for (const { hall } of catalog.halls) if (hall.notOffered?.some((n) => codes.has(n.code))) dirty.add(hall.region);
  return dirty;
}

interface Staged {
  record: FileRecord;
  done: Promise<unknown>;
}

/** A sink that can take a file of the previous output as it is (the staging sink of `licat build`). */
interface ReusableSink {
  root: string;
  adopt(rel: string, source: string, record: FileRecord): void;
  readonly unverifiedLeftovers: readonly string[];
  recycle(present: ReadonlyMap<string, string>): void;
  discardLeftovers(): void;
  finishLeftovers(): void;
  keepPrevious: boolean;
}

function reusable(out: OutputSink): ReusableSink | undefined {
  const sink = out as OutputSink & Partial<ReusableSink>;
  return typeof sink.adopt === 'function' && typeof sink.recycle === 'function' && typeof sink.root === 'string' ? (sink as ReusableSink) : undefined;
}

/**
 * Hash a file now and write it in the background. The staging sink of `licat build` hashes once
 * for both the feed that points at the file and the manifest; any other sink gets a plain write.
 */
function stager(out: OutputSink): (path: string, text: string) => Staged {
  const staging = out as OutputSink & { stage?: (path: string, data: string | Uint8Array) => Staged };
  if (typeof staging.stage === 'function') return (path, text) => staging.stage!(path, text);
  return (path, text) => {
    const bytes = Buffer.from(text, 'utf8');
    const record = { path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    return { record, done: out.write(path, bytes) };
  };
}
