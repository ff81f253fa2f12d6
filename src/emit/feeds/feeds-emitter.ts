import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../i18n/lang.js';
import type { Catalog, ItemEntry } from '../../model/catalog.js';
import { planExpansion, type Expansion } from '../../model/expand.js';
import { UNIFIED_DEFAULT } from '../../schema/catalog.js';
import { TIERS, type Tier } from '../../schema/common.js';
import type { HallFeed, HallIndexEntry, TierBundle } from '../../schema/feeds.js';
import type { EmitContext, Emitter, FileRecord, ReusableOutput } from '../emitter.js';
import { WritePool } from '../write-pool.js';
import { reusedBytes } from '../../load/read-whole.js';
import { ChangeLog, readPreviousBuild, recordedPreviousBuild } from './changes.js';
import { cityOf, codeLabels, departmentCodes, regionCodePaths, regionCodes } from './codes.js';
import {
  catalogRef,
  CHANGES,
  CODE_LABELS,
  DEPARTMENT_CODES,
  FEED_INDEX,
  REGION_CODES,
  feedText,
  hallFeedPath,
  hallIndexPath,
  itemFeedPath,
  itemIndexPath,
  OPENAPI,
  tierBundlePath,
  type CatalogRef,
} from './feed-paths.js';
import { loadFeedValidator, type FeedKind, type FeedValidator } from './feed-validator.js';
import { FeedsCache, itemInput, structureKey } from './feeds-cache.js';
import { hallFeed } from './hall-feed.js';
import { hallIndexPage, hallIndexPages, itemIndexPages, rootIndex, type RootIndexInput } from './index-pages.js';
import { itemFeed, tierBundle } from './item-feed.js';
import { openApiDocument, outputSchemas } from './published-schemas.js';
import { inShard, SHARD_FILE, shardFilesDigest, type Shard, type ShardInfo } from './shard.js';

/**
 * Files being written at once; bounds the feed texts held in memory. Several of the sink's
 * batches (output-sink.ts, write-thread.ts), so that the next feeds are built while the thread
 * writes the last ones.
 */
const IN_FLIGHT = 128;

/**
 * The JSON feeds for portals (layout: docs/feeds.md): a feed per item and per hall of every
 * tier, a bundle of every item offered at each tier, the paged index, the code lists, the JSON
 * Schemas and OpenAPI description, and the change records against the previous build. Every
 * JSON file is checked against its published schema before it is handed to the sink.
 *
 * The stages below run in this order; each is a function of the run's state. With a cache folder
 * and the previous output (`licat build`), a file whose content is the previous one's is linked
 * from it instead of written (feeds-cache.ts says when that is known without building it). With
 * `options.shard` (`--shard i/n`), only that shard's hall and item feeds are written (shard 1 also
 * writes the files that are not per hall or item), with a `shard.json` for `licat merge`.
 */
export const feedsEmitter: Emitter = {
  id: 'feeds',
  description:
    '门户数据：每个大厅、每个事项、每个层级一个文件，索引、代码表、Schema 和变更记录 / portal feeds: one per hall, item and tier, the index, code lists, schemas and change records',
  async emit(catalog, context) {
    const run = await startRun(catalog, context);
    await writeItemFeeds(run);
    await writeTierBundles(run);
    await writeHallFeeds(run);
    await writeCodesAndSchemas(run);
    await writeIndexOrShard(run);
    await writeChanges(run);
    await finishRun(run);
  },
};

/** The state of one run of the feeds emitter, shared by its stages. */
interface Run {
  catalog: Catalog;
  context: EmitContext;
  validator: FeedValidator;
  ref: CatalogRef;
  unified: readonly string[];
  expansion: Expansion;
  baseUrl: string | undefined;
  /** structureKey(): while it is the previous build's, so is every hall feed. */
  structure: string;
  shard: Shard | undefined;
  /** The sink's reuse of the previous output, with the cache record that says what is reusable. */
  reuse: ReusableOutput | undefined;
  cache: FeedsCache | undefined;
  changes: ChangeLog | undefined;
  pool: WritePool;
  /** Index entries of the halls written (this shard's, or all), with their city. */
  halls: Array<{ city: string; entry: HallIndexEntry }>;
  offerings: number;
  tiers: Array<{ tier: Tier; halls: number; items: number }>;
  rebuilt: { items: number; halls: number };
  /** The sha256 of every item feed, in code order (a shard computes those it does not write). */
  itemShas: string[];
  /** In a shard, the record of every file written: shard.json lists them as a digest (shardFilesDigest). */
  written?: FileRecord[];
  /** See inputOf. */
  inputs: Map<ItemEntry, string>;
}

async function startRun(catalog: Catalog, context: EmitContext): Promise<Run> {
  const validator = await loadFeedValidator();
  const ref = catalogRef(catalog);
  const unified = catalog.meta?.unified ?? [...UNIFIED_DEFAULT];
  const expansion = planExpansion(catalog);
  const shard = context.options.shard as Shard | undefined;
  const baseUrl = typeof context.options.baseUrl === 'string' ? context.options.baseUrl : undefined;
  const previous = context.previousOutput;
  const reuse = context.reuse;
  const structure = structureKey(catalog, expansion, baseUrl, unified);
  const note = (text: { zh: string; en: string }) => context.note?.(text[context.lang]);
  const cache =
    reuse && previous !== undefined && context.cacheDir !== undefined && !shard ? FeedsCache.open(context.cacheDir, previous, structure, note) : undefined;
  // A recycled spare output (swap.ts): bring its feeds up to date file by file, if the cache
  // record describes them; else they go.
  if (reuse && reuse.unverifiedLeftovers.length > 0) {
    const files = cache?.warm ? cache.spareFiles(reuse.root) : undefined;
    if (files) {
      reuse.recycle(files);
      // The identities of its files, looked at on another thread while the catalog was validated.
      await reuse.lookedAhead?.();
    } else reuse.discardLeftovers();
  }
  const since = typeof context.options.since === 'string' ? context.options.since : previous;
  // Against the previous output, its feeds as the cache recorded them when it has a record.
  const recorded = since === previous ? cache?.previousFeeds() : undefined;
  const changes =
    shard || since === undefined
      ? undefined
      : new ChangeLog(recorded ? recordedPreviousBuild(since, recorded) : readPreviousBuild(since), ref.version, baseUrl, (feed) =>
          validator.check('changes', CHANGES, feed),
        );
  return {
    catalog,
    context,
    validator,
    ref,
    unified,
    expansion,
    baseUrl,
    structure,
    shard,
    reuse,
    cache,
    changes,
    pool: new WritePool(IN_FLIGHT),
    halls: [],
    offerings: 0,
    tiers: [],
    rebuilt: { items: 0, halls: 0 },
    itemShas: [],
    inputs: new Map(),
    ...(shard && { written: [] }),
  };
}

/**
 * Check `data` against the schema of `kind`, then write it, or link the previous output's file
 * when it has the same bytes. With `input` (a digest of everything the file is made of), a file
 * the previous build made from the same input is linked without building it: `data` may then be
 * a function, called only when needed. Returns the file's record.
 */
async function put(run: Run, kind: FeedKind | undefined, rel: string, data: unknown, text?: string, input?: string): Promise<FileRecord> {
  const record = await putFile(run, kind, rel, data, text, input);
  run.written?.push(record);
  return record;
}

async function putFile(run: Run, kind: FeedKind | undefined, rel: string, data: unknown, text?: string, input?: string): Promise<FileRecord> {
  const same = input !== undefined ? linkSame(run, rel, input) : undefined;
  if (same) return same;
  const value = typeof data === 'function' ? (data as () => unknown)() : data;
  if (kind) run.validator.check(kind, rel, value);
  const body = text ?? feedText(value);
  if (run.cache?.warm && input === undefined) {
    // Hashed from the text (no buffer of its own): most such files are the previous ones. (A
    // file made from another input than the previous one's is not: it is written, and hashed
    // as it is.)
    const record = { path: rel, size: Buffer.byteLength(body, 'utf8'), sha256: createHash('sha256').update(body, 'utf8').digest('hex') };
    const source = run.cache.sameFile(rel, record.sha256);
    if (source) {
      run.reuse!.adopt(rel, source, record);
      run.cache.keepFile(record, input);
      return record;
    }
  }
  const staged = run.context.out.stage(rel, body);
  await run.pool.add(staged.done);
  run.cache?.keepFile(staged.record, input);
  return staged.record;
}

/** The previous output's file at `rel`, linked, where the previous build made it from the same `input`. */
function linkSame(run: Run, rel: string, input: string): FileRecord | undefined {
  const same = run.cache?.sameInput(rel, input);
  if (!same) return undefined;
  run.reuse!.adopt(rel, same.source, same.record);
  run.cache!.keepFile(same.record, input);
  return same.record;
}

/** itemInput of an item, computed once a run (the item feed and each tier bundle offering it need it). */
function inputOf(run: Run, entry: ItemEntry): string {
  let input = run.inputs.get(entry);
  if (input === undefined) run.inputs.set(entry, (input = itemInput(entry.item)));
  return input;
}

/** A digest of `parts`, for `put`'s input. */
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** Stage 1: an item feed per item, linked from the previous output when the item is unchanged. */
async function writeItemFeeds(run: Run): Promise<void> {
  for (const [position, entry] of run.expansion.items.entries()) {
    if (!inShard(position, run.shard)) {
      // Another shard writes it; its digest goes into this shard's record of every item feed.
      run.itemShas.push(
        createHash('sha256')
          .update(feedText(itemFeed(entry, run.unified, run.baseUrl)))
          .digest('hex'),
      );
      continue;
    }
    const code = entry.item.code;
    const rel = itemFeedPath(code);
    const input = run.cache ? inputOf(run, entry) : '';
    const hit = run.cache?.item(code, input);
    let record: FileRecord;
    let kept: string | undefined;
    if (hit) {
      record = { path: rel, size: hit.size, sha256: hit.sha256 };
      if (run.reuse!.adopt(rel, hit.source, record, hit.id)) kept = hit.id;
    } else {
      const feed = itemFeed(entry, run.unified, run.baseUrl);
      run.validator.check('item', rel, feed);
      const staged = run.context.out.stage(rel, feedText(feed));
      await run.pool.add(staged.done);
      record = staged.record;
      run.rebuilt.items++;
    }
    run.written?.push(record);
    run.cache?.keepItem(code, input, record, kept);
    run.changes?.item(code, rel, record.sha256);
    run.itemShas.push(record.sha256);
  }
}

/**
 * The items that may be offered at a hall of `tier`: decided or accepted there, or, for a city
 * acting as a county (no county tier below it), decided by counties.
 */
function itemsOfTier(run: Run, tier: Tier): ItemEntry[] {
  const actingCity = tier === 'city' && run.expansion.tree.citiesActingAsCounty.size > 0;
  return run.expansion.items.filter(
    ({ item }) => item.levels.includes(tier) || (item.acceptedAt ?? []).includes(tier) || (actingCity && item.levels.includes('county')),
  );
}

/**
 * The bundle of `tier`, checked against its schema. Outside a shard its items are the very items
 * whose item feeds this build checked, or took from the previous output (checked when they were
 * written, by the same code, from the same elements: feeds-cache.ts): where a bundle's items have
 * the item feeds' item schema (FeedValidator.itemsShared), only the rest of the bundle is checked
 * again (otherwise 8 MB of items for the city and county tiers after an edit, some 40 ms).
 */
function checkedTierBundle(run: Run, tier: Tier, entries: readonly ItemEntry[]): TierBundle {
  const bundle = tierBundle(tier, entries, run.unified, run.baseUrl);
  const rel = tierBundlePath(tier);
  if (!run.shard && run.validator.itemsShared) run.validator.check('tier', rel, { ...bundle, items: [] });
  else run.validator.check('tier', rel, bundle);
  return bundle;
}

/** Stage 2: a bundle of every item offered at each tier with halls (written by shard 1 only). */
async function writeTierBundles(run: Run): Promise<void> {
  for (const tier of TIERS) {
    const halls = run.expansion.tree.byTier[tier].length;
    if (halls === 0) continue;
    const entries = itemsOfTier(run, tier);
    run.tiers.push({ tier, halls, items: entries.length });
    if (!inShard(0, run.shard)) continue;
    if (run.cache) await putTierBundle(run, run.cache, tier, entries);
    else await put(run, undefined, tierBundlePath(tier), checkedTierBundle(run, tier, entries));
  }
}

/**
 * A tier bundle with the cache. Linked from the previous output while every item is the same;
 * otherwise written from its items' JSON, an item the previous bundle holds unchanged copied from
 * that file's bytes (its input is the sha256 of that very JSON, itemInput) rather than encoded
 * again: after an edit, one item of a 5 MB bundle is new. Where each item lies is recorded for
 * the next build. The bytes are feedText's of the bundle.
 */
async function putTierBundle(run: Run, cache: FeedsCache, tier: Tier, entries: readonly ItemEntry[]): Promise<void> {
  const rel = tierBundlePath(tier);
  const input = digest(tier, run.structure, ...entries.map((e) => inputOf(run, e)));
  const same = linkSame(run, rel, input);
  if (same) {
    run.written?.push(same);
    return;
  }
  const bundle = checkedTierBundle(run, tier, entries);
  // The bundle without its items ends in `"items":[]}`: the head is that up to the bracket.
  const frame = feedText({ ...bundle, items: [] });
  const head = Buffer.from(frame.slice(0, -3), 'utf8');
  const tail = Buffer.from(frame.slice(-3), 'utf8');
  const previous = cache.previousBundleItems(
    rel,
    entries.map((e) => e.item.code),
    // Read into the shared buffer: its pieces are staged (written or copied) before it is used again.
    reusedBytes,
  );
  // Items kept one after another are one piece of the previous bundle, commas included.
  const pieces: Buffer[] = [head];
  const lengths: number[] = [];
  let kept: { start: number; end: number } | undefined;
  const flush = () => {
    if (kept) pieces.push(previous!.bytes.subarray(kept.start, kept.end));
    kept = undefined;
  };
  for (const [i, entry] of entries.entries()) {
    const before = previous?.items[i];
    if (before !== undefined && before.input === inputOf(run, entry)) {
      if (kept && kept.end + 1 === before.start) kept.end = before.end;
      else {
        flush();
        if (i > 0) pieces.push(COMMA);
        kept = { start: before.start, end: before.end };
      }
      lengths.push(before.end - before.start);
    } else {
      flush();
      if (i > 0) pieces.push(COMMA);
      const bytes = Buffer.from(JSON.stringify(entry.item), 'utf8');
      pieces.push(bytes);
      lengths.push(bytes.length);
    }
  }
  flush();
  pieces.push(tail);
  const out = run.context.out;
  const staged = out.stagePieces ? out.stagePieces(rel, pieces) : out.stage(rel, Buffer.concat(pieces));
  await run.pool.add(staged.done);
  cache.keepFile(staged.record, input, { head: head.length, lengths });
  run.written?.push(staged.record);
}

const COMMA = Buffer.from(',');

/**
 * Stage 3: a feed per hall. While the structure is the one of the previous build (cache warm),
 * every hall feed is the same and is linked; otherwise halls are expanded one at a time.
 */
async function writeHallFeeds(run: Run): Promise<void> {
  const { context, expansion } = run;
  const total = expansion.tree.halls.length;
  const writing = t('写入大厅数据', 'writing hall feeds')[context.lang];
  for (const [position, region] of expansion.tree.halls.entries()) {
    if (!inShard(position, run.shard)) continue;
    const rel = hallFeedPath(region.code);
    const candidate = run.cache?.hall(position, region.code);
    let kept: string | undefined;
    let hit = candidate;
    let record: FileRecord | undefined;
    if (candidate) {
      // The recycled output may hold this very file already (one look); else the previous
      // output's file is checked before it is linked.
      record = { path: rel, size: candidate.size, sha256: candidate.sha256 };
      if (candidate.id !== undefined && run.reuse!.keptInPlace(rel, record, candidate.id)) kept = candidate.id;
      else {
        const intact = run.cache!.hallIntact(region.code, candidate);
        if (!intact) hit = undefined;
        else if (run.reuse!.adopt(rel, intact.source, record, intact.id)) kept = intact.id;
      }
    }
    let items: number;
    if (hit && record) {
      items = hit.items;
      // Read, if the change records need it, from this build's output: the file checked above.
      const root = run.reuse!.root;
      run.changes?.hall(region.code, rel, record.sha256, () => JSON.parse(readFileSync(path.join(root, ...rel.split('/')), 'utf8')) as HallFeed);
    } else {
      const feed = hallFeed(expansion.expandHall(region), run.baseUrl);
      run.validator.check('hall', rel, feed);
      const staged = context.out.stage(rel, feedText(feed));
      await run.pool.add(staged.done);
      record = staged.record;
      items = feed.offers.length;
      run.changes?.hall(region.code, rel, record.sha256, () => feed);
      run.rebuilt.halls++;
    }
    run.written?.push(record);
    run.cache?.keepHall(position, region.code, items, record, kept);
    run.offerings += items;
    run.halls.push({
      city: cityOf(expansion.tree, region),
      entry: { region: region.code, tier: region.tier, name: region.name, parent: region.parent, items, file: rel },
    });
    if ((position + 1) % 500 === 0) context.progress?.(writing, position + 1, total);
  }
  context.progress?.(writing, total, total);
}

/** Stage 4 (shard 1 or a whole build): code lists, the JSON Schemas and the OpenAPI description. */
async function writeCodesAndSchemas(run: Run): Promise<void> {
  if (!inShard(0, run.shard)) return;
  const { catalog, baseUrl } = run;
  await put(run, 'labels', CODE_LABELS, codeLabels(catalog, baseUrl));
  // Both follow from the structure (regions, departments, base URL): linked while it is the same.
  await put(run, 'departments', DEPARTMENT_CODES, () => departmentCodes(catalog, baseUrl), undefined, run.cache && digest(run.structure));
  const regions = run.cache?.sameInput(REGION_CODES, digest(run.structure)) ? undefined : regionCodes(run.expansion.tree, catalog.regions, baseUrl);
  if (regions) for (const [rel, page] of regions) await put(run, 'regions', rel, page, undefined, run.cache && digest(run.structure));
  else for (const rel of regionCodePaths(run.expansion.tree, catalog.regions)) await put(run, 'regions', rel, undefined, undefined, digest(run.structure));
  // Not in a shard: `licat merge` writes them itself rather than trusting a shard's copy.
  if (run.shard) return;
  for (const [rel, text] of publishedFiles(run.ref, baseUrl)) await put(run, undefined, rel, undefined, text);
}

/** `schemas/` and `openapi.json` of an output: path and text of each. For a build and for `licat merge`. */
export function publishedFiles(catalog: CatalogRef, baseUrl: string | undefined): Array<[string, string]> {
  return [...outputSchemas(baseUrl), [OPENAPI, `${JSON.stringify(openApiDocument(catalog, baseUrl), null, 2)}\n`]];
}

/**
 * Stage 5: the paged index (item pages, hall pages by city, the root), or, in a shard, the
 * item pages (shard 1) and `shard.json` with this shard's hall entries.
 */
async function writeIndexOrShard(run: Run): Promise<void> {
  const itemPages = itemIndexPages(run.expansion.items, run.baseUrl);
  if (inShard(0, run.shard)) for (const page of itemPages) await put(run, 'itemIndex', itemIndexPath(page.department), page);
  const summary = {
    catalog: run.ref,
    ...(typeof run.context.options.buildTime === 'string' && { buildTime: run.context.options.buildTime }),
    items: run.expansion.items.length,
    tiers: run.tiers,
    itemPages: itemPages.map((p) => ({ department: p.department, items: p.items.length })),
  };
  if (run.shard) {
    const info: ShardInfo = {
      licatShard: 2,
      shard: run.shard,
      catalog: run.ref,
      structure: run.structure,
      itemFeeds: run.itemShas.reduce((hash, sha) => hash.update(sha), createHash('sha256')).digest('hex'),
      files: { count: run.written!.length, digest: shardFilesDigest(run.written!) },
      ...(run.baseUrl !== undefined && { baseUrl: run.baseUrl }),
      ...(summary.buildTime !== undefined && { buildTime: summary.buildTime }),
      index: { items: summary.items, tiers: summary.tiers, itemPages: summary.itemPages },
      cities: cityNames(run.catalog),
      halls: run.halls,
    };
    await run.pool.add(run.context.out.stage(SHARD_FILE, `${JSON.stringify(info, null, 2)}\n`).done);
    return;
  }
  const files = hallIndexFiles(run.halls, cityNames(run.catalog), { ...summary, offerings: run.offerings }, run.baseUrl);
  // The hall pages follow from the structure; the root index also names the catalog's version.
  for (const [kind, rel, data] of files) await put(run, kind, rel, data, undefined, kind === 'hallIndex' && run.cache ? digest(run.structure) : undefined);
}

/** The names of the cities and of the province, by code, for the hall index pages. */
function cityNames(catalog: Catalog): Record<string, string> {
  return Object.fromEntries(catalog.regions.filter((r) => r.tier === 'city' || r.tier === 'province').map((r) => [r.code, r.name]));
}

/**
 * The hall index pages and the root index, from the halls' entries (in region-code order); for
 * a build and for `licat merge`. Pure.
 */
export function hallIndexFiles(
  halls: ReadonlyArray<{ city: string; entry: HallIndexEntry }>,
  names: Readonly<Record<string, string>>,
  summary: Omit<RootIndexInput, 'hallPages'>,
  baseUrl: string | undefined,
): Array<[FeedKind, string, unknown]> {
  const pages = hallIndexPages(halls, new Map(Object.entries(names)));
  const out: Array<[FeedKind, string, unknown]> = pages.map((page) => ['hallIndex', hallIndexPath(page.city), hallIndexPage(page, baseUrl)]);
  out.push(['index', FEED_INDEX, rootIndex({ ...summary, hallPages: pages }, baseUrl)]);
  return out;
}

/** Stage 6: `changes.json` against the previous build (not in a shard: `licat merge` writes it). */
async function writeChanges(run: Run): Promise<void> {
  if (!run.changes) return;
  // Checked against the schema record by record as they were collected (ChangeLog).
  const parts = run.changes.finish();
  // A rebuild's records are few: linked from the previous output when they are the same.
  if (run.cache?.warm) {
    await put(run, undefined, CHANGES, undefined, parts.join(''));
    return;
  }
  const { out } = run.context;
  const staged = out.stageParts ? out.stageParts(CHANGES, parts) : out.stage(CHANGES, parts.join(''));
  await run.pool.add(staged.done);
  run.cache?.keepFile(staged.record);
}

async function finishRun(run: Run): Promise<void> {
  const { context, expansion, cache, reuse, shard } = run;
  await run.pool.drain();
  // Remove the recycled feeds this build did not write, before the record takes the folders' identity.
  reuse?.finishLeftovers();
  if (cache && reuse && cache.save(reuse.root)) reuse.keepPrevious = true;
  if (cache && cache.discarded > 0) {
    context.note?.(
      t(
        `上次输出中有 ${cache.discarded} 个门户数据文件与缓存记录不符，已重新生成`,
        `${cache.discarded} feeds of the last output were not as the cache recorded them; built again`,
      )[context.lang],
    );
  }
  const halls = expansion.tree.halls.length.toLocaleString('en-US');
  const part = shard ? t(`（第 ${shard.index}/${shard.count} 份）`, ` (shard ${shard.index}/${shard.count})`) : t('', '');
  const reused =
    cache?.warm === true
      ? t(
          `，重新生成 ${run.rebuilt.items} 个事项、${run.rebuilt.halls} 个大厅，其余沿用上次构建`,
          `; rebuilt ${run.rebuilt.items} items and ${run.rebuilt.halls} halls, the rest kept from the last build`,
        )
      : t('', '');
  context.log(
    t(
      `门户数据：${halls} 个大厅、${expansion.items.length} 个事项${part.zh}${reused.zh}`,
      `feeds: ${halls} halls, ${expansion.items.length} items${part.en}${reused.en}`,
    )[context.lang],
  );
}
