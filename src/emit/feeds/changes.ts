import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FEED_VERSION, schemaRef, type ChangeRecord, type ChangesFeed, type HallFeed } from '../../schema/feeds.js';
import { t } from '../../i18n/lang.js';
import { readManifestCatalog, readManifestFiles } from '../manifest.js';
import { OutputError } from '../output-error.js';
import { CHANGES } from './feed-paths.js';

/** A previous build to compare with: its folder, catalog version and every file's sha256. */
export interface PreviousBuild {
  dir: string;
  version: string;
  files: ReadonlyMap<string, string>;
}

/**
 * The previous build in `dir`, if it is a v2 output whose manifest can be read; undefined for
 * none, a v1 output or a damaged one (the change records then start from nothing).
 */
export function readPreviousBuild(dir: string): PreviousBuild | undefined {
  const read = readManifestFiles(dir);
  return read && { dir, version: read.catalog.version, files: new Map([...read.files].map(([rel, f]) => [rel, f.sha256])) };
}

/**
 * Checks change records against the published schema: called with `changes.json` as it will be
 * written but for its records, which it holds in parts (every record is in exactly one part).
 */
export type ChangesCheck = (feed: ChangesFeed) => void;

/**
 * The previous build in `dir` with its item and hall feeds as `feeds` gives them (the feeds
 * cache's sealed record of that very output): only its root manifest is read, not every page.
 * The change records look at nothing else of it but the hall feeds that changed.
 */
export function recordedPreviousBuild(dir: string, feeds: ReadonlyMap<string, string>): PreviousBuild | undefined {
  const catalog = readManifestCatalog(dir);
  return catalog && { dir, version: catalog.version, files: feeds };
}

const ITEM = /^feeds\/items\/(\d{12})\.json$/;
const HALL = /^feeds\/halls\/(\d+)\.json$/;

/**
 * Collects the change records of a build against the previous one: an item record when an item
 * feed is added, removed or differs; a hall record when a hall feed's hall part (everything but
 * `offers`) does; an offering record (`<region>/<code>`) per entry of `offers`. A hall feed
 * whose sha256 is the previous one's is not read at all; one that differs is read on both sides.
 *
 * A first build has an offering record for each of a million offerings: those are kept as text,
 * one piece per hall, each checked against the schema as it is made, and `finish` gives the file
 * as a list of pieces to write one after the other (no million objects kept alive, and no 78 MB
 * string to stringify and encode at once). The bytes are those of `JSON.stringify` of the whole
 * feed.
 * @example const log = new ChangeLog(readPreviousBuild('dist'), '2026.11'); log.item(code, rel, sha); ...; log.finish()
 */
export class ChangeLog {
  private readonly items: ChangeRecord[] = [];
  private readonly halls: ChangeRecord[] = [];
  /** The offering records of each hall, as JSON text (the records joined by commas). */
  private readonly offerings: Array<{ region: string; text: string }> = [];
  private readonly seen = new Set<string>();
  private readonly envelope: Omit<ChangesFeed, 'records'>;

  /**
   * `to`: this build's catalog version; `check`, when given, sees every record before it is kept
   * (in parts, each with the file's other fields).
   */
  constructor(
    private readonly previous: PreviousBuild | undefined,
    to: string,
    baseUrl?: string,
    private readonly check?: ChangesCheck,
  ) {
    this.envelope = { $schema: schemaRef('changes', CHANGES, baseUrl), version: FEED_VERSION, from: previous?.version ?? null, to };
  }

  /** An item feed of this build. */
  item(code: string, rel: string, sha256: string): void {
    this.seen.add(rel);
    const before = this.previous?.files.get(rel);
    if (before === sha256) return;
    this.items.push({ kind: 'item', key: code, operation: before === undefined ? 'add' : 'update' });
  }

  /** A hall feed of this build; `load` gives its content, called only when it is needed. */
  hall(region: string, rel: string, sha256: string, load: () => HallFeed): void {
    this.seen.add(rel);
    const before = this.previous?.files.get(rel);
    if (before === sha256) return;
    const now = load();
    const offerings: ChangeRecord[] = [];
    if (before === undefined) {
      this.halls.push({ kind: 'hall', key: region, operation: 'add' });
      for (const offer of now.offers) offerings.push({ kind: 'offering', key: `${region}/${offer.code}`, operation: 'add' });
      this.keepOfferings(region, offerings);
      return;
    }
    const then = this.previousHall(rel);
    if (hallPart(then) !== hallPart(now)) this.halls.push({ kind: 'hall', key: region, operation: 'update' });
    const old = new Map(then.offers.map((o) => [o.code, JSON.stringify(o)]));
    for (const offer of now.offers) {
      const text = old.get(offer.code);
      if (text === undefined) offerings.push({ kind: 'offering', key: `${region}/${offer.code}`, operation: 'add' });
      else if (text !== JSON.stringify(offer)) offerings.push({ kind: 'offering', key: `${region}/${offer.code}`, operation: 'update' });
      old.delete(offer.code);
    }
    for (const code of old.keys()) offerings.push({ kind: 'offering', key: `${region}/${code}`, operation: 'delete' });
    this.keepOfferings(region, offerings);
  }

  /**
   * The text of `changes.json`, in pieces to be written in order: the records, with deletions for
   * the previous build's feeds this build has not named, sorted by kind, then key.
   */
  finish(): string[] {
    for (const rel of this.previous?.files.keys() ?? []) {
      if (this.seen.has(rel)) continue;
      const item = ITEM.exec(rel);
      if (item) this.items.push({ kind: 'item', key: item[1]!, operation: 'delete' });
      const hall = HALL.exec(rel);
      if (hall) {
        this.halls.push({ kind: 'hall', key: hall[1]!, operation: 'delete' });
        const offerings = this.previousHall(rel).offers.map((offer): ChangeRecord => ({
          kind: 'offering',
          key: `${hall[1]!}/${offer.code}`,
          operation: 'delete',
        }));
        this.keepOfferings(hall[1]!, offerings);
      }
    }
    // Records come in key order but for deletions (appended last); sort only when needed: the
    // halls of a first build come in order. Region codes are digits, so the pieces in region
    // order are the offering records in key order (`440100/…` before `440100001/…`).
    sortByKey(this.items);
    sortByKey(this.halls);
    if (!isSorted(this.offerings, (o) => o.region)) this.offerings.sort((a, b) => compare(a.region, b.region));
    const first = [...this.items, ...this.halls];
    this.check?.({ ...this.envelope, records: first });
    const head = JSON.stringify({ ...this.envelope, records: first });
    // `…"records":[…]}` without the closing `]}`, then the offering pieces, then the end.
    const parts = [head.slice(0, -2)];
    let empty = first.length === 0;
    for (const { text } of this.offerings) {
      parts.push(empty ? text : `,${text}`);
      empty = false;
    }
    parts.push(']}\n');
    return parts;
  }

  /** Keep the offering records of one hall (sorted by key) as text, once checked. */
  private keepOfferings(region: string, records: ChangeRecord[]): void {
    if (records.length === 0) return;
    sortByKey(records);
    this.check?.({ ...this.envelope, records });
    this.offerings.push({ region, text: JSON.stringify(records).slice(1, -1) });
  }

  /**
   * The previous build's hall feed at `rel`, as its record (manifest or cache) has it: a file not
   * as recorded, or not a hall feed, stops the build with a clear message (exit 2), since change
   * records made from it would not be true.
   */
  private previousHall(rel: string): HallFeed {
    const { dir, files } = this.previous!;
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(path.join(dir, ...rel.split('/')));
    } catch {
      bytes = undefined;
    }
    const feed = bytes && createHash('sha256').update(bytes).digest('hex') === files.get(rel) ? asHallFeed(bytes) : undefined;
    if (feed) return feed;
    throw new OutputError(
      t(
        `用于比较的上一次构建 ${dir} 中的 ${rel} 与其记录不符或不是大厅数据，无法生成变更记录。请用 --since 指定完好的上一次构建（默认即输出文件夹本身），或构建到新的输出文件夹（变更记录将全部为 add）。`,
        `${rel} of the previous build compared with, ${dir}, is not as its record says or is not a hall feed, so no true change records can be made. Give --since an intact previous build (by default the output folder itself), or build into a new output folder (every record is then "add").`,
      ),
    );
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sort records of one kind by key, unless they are in order already. */
function sortByKey(records: ChangeRecord[]): void {
  if (!isSorted(records, (r) => r.key)) records.sort((a, b) => compare(a.key, b.key));
}

function isSorted<T>(list: readonly T[], key: (value: T) => string): boolean {
  for (let i = 1; i < list.length; i++) if (key(list[i - 1]!) > key(list[i]!)) return false;
  return true;
}

/** `bytes` as a hall feed, as far as the change records read one: an object whose offers each have a code. */
function asHallFeed(bytes: Buffer): HallFeed | undefined {
  let feed: unknown;
  try {
    feed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  const offers = (feed as { offers?: unknown } | null)?.offers;
  if (typeof feed !== 'object' || feed === null || !Array.isArray(offers)) return undefined;
  return offers.every((o) => typeof o === 'object' && o !== null && typeof (o as { code?: unknown }).code === 'string') ? (feed as HallFeed) : undefined;
}

/** A hall feed without its offers and without what only names the format. */
function hallPart(feed: HallFeed): string {
  return JSON.stringify({ hall: feed.hall, items: feed.items, notOffered: feed.notOffered });
}
