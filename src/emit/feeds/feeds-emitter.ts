import { createHash } from 'node:crypto';
import { t } from '../../i18n/lang.js';
import type { ItemEntry } from '../../model/catalog.js';
import { planExpansion } from '../../model/expand.js';
import { UNIFIED_DEFAULT } from '../../schema/catalog.js';
import { FEED_SCHEMA_FILES, FEED_VERSION, schemaUrl, type FeedIndex } from '../../schema/feeds.js';
import type { Emitter, OutputSink } from '../emitter.js';
import type { FileRecord } from '../output-sink.js';
import { WritePool } from '../write-pool.js';
import { catalogRef, FEED_INDEX, feedText, hallFeedPath, itemFeedPath, type FileRef } from './feed-paths.js';
import { loadFeedValidator } from './feed-validator.js';
import { hallFeed } from './hall-feed.js';
import { itemFeed, type ItemHalls } from './item-feed.js';

/** Files written at once; bounds the feed texts held in memory. */
const IN_FLIGHT = 32;

/**
 * The JSON feeds for portals: one feed per hall of every tier, one per item, and the index.
 * Every feed is checked against its published schema before it is handed to the sink; halls
 * are expanded one at a time (twice: once to list each item's halls, once to write).
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
    const expanding = t('展开大厅', 'expanding halls')[context.lang];
    const writing = t('写入大厅数据', 'writing hall feeds')[context.lang];
    const progress = (label: string, done: number) => context.progress?.(label, done, total);

    const hallsOf = new Map<ItemEntry, ItemHalls>(expansion.items.map((e) => [e, { decides: [], accepts: [] }]));
    let done = 0;
    for (const hall of expansion.halls()) {
      for (const offer of hall.offers) hallsOf.get(offer.entry)![offer.role].push(hall.region.code);
      if (++done % 1000 === 0) progress(expanding, done);
    }
    progress(expanding, total);

    const stage = stager(context.out);
    const pool = new WritePool(IN_FLIGHT);
    const itemFeeds = new Map<string, FileRef>();
    for (const entry of expansion.items) {
      const path = itemFeedPath(entry.item.code);
      const feed = itemFeed(ref, unified, entry, hallsOf.get(entry)!);
      validator.check('item', path, feed);
      const staged = stage(path, feedText(feed));
      itemFeeds.set(entry.item.code, { path, sha256: staged.record.sha256 });
      await pool.add(staged.done);
    }
    hallsOf.clear();

    const index: FeedIndex = {
      $schema: schemaUrl(FEED_SCHEMA_FILES.index),
      version: FEED_VERSION,
      catalog: ref,
      ...(typeof context.options.buildTime === 'string' && { buildTime: context.options.buildTime }),
      halls: [],
    };
    done = 0;
    for (const hall of expansion.halls()) {
      const path = hallFeedPath(hall.region.code);
      const feed = hallFeed(ref, hall, itemFeeds);
      validator.check('hall', path, feed);
      const staged = stage(path, feedText(feed));
      const r = hall.region;
      index.halls.push({ region: r.code, tier: r.tier, name: r.name, parent: r.parent, items: feed.items.length, file: path, sha256: staged.record.sha256 });
      await pool.add(staged.done);
      if (++done % 500 === 0) progress(writing, done);
    }
    progress(writing, total);
    validator.check('index', FEED_INDEX, index);
    await pool.add(stage(FEED_INDEX, feedText(index)).done);
    await pool.drain();
    const halls = total.toLocaleString('en-US');
    context.log(t(`门户数据：${halls} 个大厅、${expansion.items.length} 个事项`, `feeds: ${halls} halls, ${expansion.items.length} items`)[context.lang]);
  },
};

interface Staged {
  record: FileRecord;
  done: Promise<unknown>;
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
