import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FEED_VERSION, schemaRef, type ChangeRecord, type ChangesFeed, type HallFeed } from '../../schema/feeds.js';
import { readManifestFiles } from '../manifest.js';
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

const ITEM = /^feeds\/items\/(\d{12})\.json$/;
const HALL = /^feeds\/halls\/(\d+)\.json$/;
const KIND_ORDER = { item: 0, hall: 1, offering: 2 } as const;

/**
 * Collects the change records of a build against the previous one: an item record when an item
 * feed is added, removed or differs; a hall record when a hall feed's hall part (everything but
 * `offers`) does; an offering record (`<region>/<code>`) per entry of `offers`. A hall feed
 * whose sha256 is the previous one's is not read at all; one that differs is read on both sides.
 * @example const log = new ChangeLog(readPreviousBuild('dist')); log.item(code, sha); ...; log.finish('2026.11')
 */
export class ChangeLog {
  /** Records by kind, each list in the order they come (sorted at the end only if needed). */
  private readonly byKind: Record<ChangeRecord['kind'], ChangeRecord[]> = { item: [], hall: [], offering: [] };
  private readonly seen = new Set<string>();

  constructor(private readonly previous: PreviousBuild | undefined) {}

  /** An item feed of this build. */
  item(code: string, rel: string, sha256: string): void {
    this.seen.add(rel);
    const before = this.previous?.files.get(rel);
    if (before === sha256) return;
    this.byKind.item.push({ kind: 'item', key: code, operation: before === undefined ? 'add' : 'update' });
  }

  /** A hall feed of this build; `load` gives its content, called only when it is needed. */
  hall(region: string, rel: string, sha256: string, load: () => HallFeed): void {
    this.seen.add(rel);
    const before = this.previous?.files.get(rel);
    if (before === sha256) return;
    const now = load();
    if (before === undefined) {
      this.byKind.hall.push({ kind: 'hall', key: region, operation: 'add' });
      for (const offer of now.offers) this.byKind.offering.push({ kind: 'offering', key: `${region}/${offer.code}`, operation: 'add' });
      return;
    }
    const then = this.previousHall(rel);
    if (hallPart(then) !== hallPart(now)) this.byKind.hall.push({ kind: 'hall', key: region, operation: 'update' });
    const old = new Map(then.offers.map((o) => [o.code, JSON.stringify(o)]));
    for (const offer of now.offers) {
      const text = old.get(offer.code);
      if (text === undefined) this.byKind.offering.push({ kind: 'offering', key: `${region}/${offer.code}`, operation: 'add' });
      else if (text !== JSON.stringify(offer)) this.byKind.offering.push({ kind: 'offering', key: `${region}/${offer.code}`, operation: 'update' });
      old.delete(offer.code);
    }
    for (const code of old.keys()) this.byKind.offering.push({ kind: 'offering', key: `${region}/${code}`, operation: 'delete' });
  }

  /** The records, with deletions for the previous build's feeds this build has not named. */
  finish(to: string, baseUrl?: string): ChangesFeed {
    for (const rel of this.previous?.files.keys() ?? []) {
      if (this.seen.has(rel)) continue;
      const item = ITEM.exec(rel);
      if (item) this.byKind.item.push({ kind: 'item', key: item[1]!, operation: 'delete' });
      const hall = HALL.exec(rel);
      if (hall) {
        this.byKind.hall.push({ kind: 'hall', key: hall[1]!, operation: 'delete' });
        for (const offer of this.previousHall(rel).offers)
          this.byKind.offering.push({ kind: 'offering', key: `${hall[1]!}/${offer.code}`, operation: 'delete' });
      }
    }
    // Each kind's records come in key order but for deletions (appended last); sort only when
    // needed: the million offering records of a first build are already in order.
    const records: ChangeRecord[] = [];
    for (const list of [this.byKind.item, this.byKind.hall, this.byKind.offering]) {
      if (!isSorted(list)) list.sort(compareRecords);
      for (const r of list) records.push(r);
    }
    return { $schema: schemaRef('changes', CHANGES, baseUrl), version: FEED_VERSION, from: this.previous?.version ?? null, to, records };
  }

  private previousHall(rel: string): HallFeed {
    return JSON.parse(readFileSync(path.join(this.previous!.dir, ...rel.split('/')), 'utf8')) as HallFeed;
  }
}

function compareRecords(a: ChangeRecord, b: ChangeRecord): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function isSorted(records: readonly ChangeRecord[]): boolean {
  for (let i = 1; i < records.length; i++) if (compareRecords(records[i - 1]!, records[i]!) > 0) return false;
  return true;
}

/** A hall feed without its offers and without what only names the format. */
function hallPart(feed: HallFeed): string {
  return JSON.stringify({ hall: feed.hall, items: feed.items, notOffered: feed.notOffered });
}
