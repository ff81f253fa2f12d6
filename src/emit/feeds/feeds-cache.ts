import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { t, type Text } from '../../i18n/lang.js';
import { cacheKey, unsealBytes, writeSealed } from '../../load/cache-seal.js';
import { valueDigest } from '../../load/value-digest.js';
import { readReused } from '../../load/read-whole.js';
import { codeDigest } from '../../load/code-digest.js';
import type { Catalog } from '../../model/catalog.js';
import type { Expansion } from '../../model/expand.js';
import type { FileRecord } from '../emitter.js';
import { fileIdentity, readAsRecorded, SETTLE_MS } from '../recorded-file.js';

/** A feed of the previous output, as the cache recorded it when it was written. */
export interface CachedFile {
  sha256: string;
  size: number;
  /**
   * The file's identity as the build left it (fileIdentity): device, inode, size, modification
   * and change times. While a file still has it, it holds the bytes recorded, unread: a file
   * written, replaced or touched in place gets a new change time, which no unprivileged process
   * can set back. Absent when the file changed too close to the record's writing to tell
   * (then the file is read and its sha256 checked).
   */
  id?: string;
}

export interface CachedItem extends CachedFile {
  /** sha256 of the item's elements: the feed is the same while they and the structure are. */
  input: string;
}

export interface CachedHall extends CachedFile {
  /** Number of items the hall offers (for the index). */
  items: number;
}

/**
 * A folder of the output as written: device, inode, modification and change times. The change
 * time is what tells a folder whose modification time was set back (`touch -r`) after a file in
 * it was replaced or removed.
 */
interface FolderId {
  dev: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
}

interface Record {
  version: 6;
  code: string;
  structure: string;
  /** `feeds/items` and `feeds/halls` as the build left them. */
  folders: { items: FolderId; halls: FolderId };
  items: { [code: string]: CachedItem };
  halls: HallTable;
  /** The other files of the feeds (tier bundles, index pages, codes, schemas), by path. */
  files: { [rel: string]: CachedFile & { input?: string; parts?: BundleParts } };
  /**
   * The output this build replaced, which becomes the spare (swap.ts): its folders as they were
   * left, and how its feeds differ from this build's, by path: the sha256 of its own file, or
   * null where it has none.
   */
  spare?: { folders: { items: FolderId; halls: FolderId }; diff: { [rel: string]: string | null } };
}

/**
 * The record as stored: the hall feeds' table (28,743 entries for a province, unchanged by an
 * edit to an item's elements) is a file of its own beside it, named here by the random `id` it
 * was written with, and written again only when it changes.
 */
type StoredRecord = Omit<Record, 'halls'> & { halls: string };

/** The hall feeds' table as stored. */
interface StoredHalls {
  version: 7;
  id: string;
  /** HallTable.regions, joined by commas. */
  regions: string;
  entries: string[];
}

/**
 * The hall feeds of a build, in the order it made them (the expansion's halls, which the
 * structure decides): each one's region code, and its record as one string, `sha256 size items`
 * and the identity where there is one (hallEntry). Looked up by position and kept as strings, a
 * province's 28,743 halls are two arrays rather than a table of objects keyed by region: quicker
 * to read, look up, compare and keep.
 */
interface HallTable {
  regions: string[];
  entries: string[];
}

/** A hall's record as HallTable keeps it. */
function hallEntry(hall: CachedHall): string {
  return `${hall.sha256} ${hall.size} ${hall.items}${hall.id !== undefined ? ` ${hall.id}` : ''}`;
}

/** The record `hallEntry` made `entry` from; undefined for anything else. */
function parseHallEntry(entry: string): CachedHall | undefined {
  const parts = entry.split(' ');
  if (parts.length < 3 || parts.length > 4 || parts[0]!.length !== 64) return undefined;
  const size = Number(parts[1]);
  const items = Number(parts[2]);
  if (!Number.isSafeInteger(size) || !Number.isSafeInteger(items) || parts[3] === '') return undefined;
  return { sha256: parts[0]!, size, items, ...(parts[3] !== undefined && { id: parts[3] }) };
}

/** Whether a hall's record (hallEntry) has the file's identity: a fourth part. */
function hasIdentity(entry: string): boolean {
  return entry.indexOf(' ', entry.indexOf(' ', 65) + 1) >= 0;
}

/**
 * Where the items of a tier bundle lie in its bytes: the bytes before the first item, then each
 * item's length in the bundle's order, one comma between two items (feedText: compact JSON).
 */
export interface BundleParts {
  head: number;
  lengths: number[];
}

const FOLDERS = { items: 'feeds/items', halls: 'feeds/halls' } as const;

/**
 * What the feeds emitter remembers of the feeds it wrote into one output folder, so that the
 * next build rewrites only what changed and links the rest from the previous output.
 *
 * A feed of the previous output is reused only when (1) the code of the feeds emitter is the
 * same (`code`), (2) the structure is the same (`structure`: catalog id and version, unified
 * elements, regions, departments, hall files, and every item's code, department, levels and
 * acceptedAt, so every hall offers the same items in the same roles), (3) for an item feed, the
 * item's elements are the same, and for a hall feed, no item it offers or lists as not offered
 * has a new feed, and (4) `feeds/items` and `feeds/halls` of the output are still the very
 * folders this build wrote, untouched: same device, inode, modification and change times. A build that
 * failed before its swap, another build into the same output, and adding, removing or renaming
 * a file there all change (4). And (5) every file reused is still the very file recorded (its
 * identity: device, inode, size, modification and change times, recorded-file.ts) or else is
 * read and must still have the sha256 recorded, so a feed changed in place is built again, never
 * published as it is.
 *
 * The record is sealed with an HMAC under the user's private key (load/cache-seal.ts) over the
 * code digest and its content: a record edited, damaged, of other code or from elsewhere is
 * discarded (with a note). The feeds depend on nothing but the catalog and the code (no option
 * of the build changes an item or hall feed; the build time is in the index only, never reused).
 * So the cache can make a build faster, never different.
 */
export class FeedsCache {
  private readonly next: Record;
  private readonly previous: Record | undefined;

  /** Files of the previous output that were not as recorded (rebuilt instead). */
  discarded = 0;
  /** See previousFeeds. */
  private feeds: Map<string, string> | undefined;
  /** Whether a hall feed of this build is recorded otherwise than the previous build's. */
  private hallsChanged = false;
  /** The id of the stored hall table the previous record names. */
  private readonly hallsId: string | undefined;

  private constructor(
    private readonly file: string,
    previous: (Record & { hallsId: string }) | undefined,
    private readonly target: string,
    private readonly code: string,
    structure: string,
    private readonly key: Buffer | undefined,
  ) {
    this.previous = previous && sameFolders(target, previous.folders) ? previous : undefined;
    this.hallsId = this.previous && previous!.hallsId;
    this.next = { version: 6, code, structure, folders: previous?.folders ?? NO_FOLDERS, items: {}, halls: { regions: [], entries: [] }, files: {} };
  }

  /**
   * Open the record of the output `target` in `dir`. `structure` is `structureKey(...)` of this
   * build; a record of other code or another structure is not used.
   */
  static open(dir: string, target: string, structure: string, note: (text: Text) => void = () => {}, env: NodeJS.ProcessEnv = process.env): FeedsCache {
    const code = feedsCodeVersion();
    const file = path.join(dir, `feeds-${createHash('sha256').update(path.resolve(target)).digest('hex').slice(0, 16)}.json`);
    const key = cacheKey(env);
    let previous: (Record & { hallsId: string }) | undefined;
    let bytes: Buffer | undefined;
    try {
      // Unsealed into a string at once: the buffer is shared (readReused).
      bytes = key ? readReused(file) : undefined;
    } catch {
      // no record yet
    }
    const discarded = (which: string) =>
      note(
        t(
          `门户数据缓存 ${which} 已被改动、损坏或不是本用户写入的，已丢弃`,
          `the feeds cache ${which} was edited, is damaged or was not written by this user; discarded`,
        ),
      );
    if (key && bytes !== undefined) {
      const body = unsealBytes(key, 'feeds', code, bytes);
      let data: Partial<StoredRecord> | undefined;
      try {
        data = body === undefined ? undefined : (JSON.parse(body) as Partial<StoredRecord>);
      } catch {
        data = undefined;
      }
      if (data && data.version === 6 && data.code === code && wellFormed(data)) {
        if (data.structure === structure) {
          const halls = readHalls(hallsFile(file), key, code, data.halls!);
          if (halls) previous = { ...(data as StoredRecord), halls, hallsId: data.halls! };
          else discarded(hallsFile(file));
        }
      } else discarded(file);
    }
    return new FeedsCache(file, previous, target, code, structure, key);
  }

  /** Whether there is a usable record of the previous build. */
  get warm(): boolean {
    return this.previous !== undefined;
  }

  /** The previous feed of item `code`, if it was built from the same elements. */
  item(code: string, input: string): (CachedItem & { source: string }) | undefined {
    const cached = this.previous?.items[code];
    if (!cached || cached.input !== input) return undefined;
    const source = this.located(itemRel(code));
    const found = this.check(source, cached);
    return found ? { ...cached, source, id: found.id } : undefined;
  }

  /** The previous output's file at `rel`, if this build's has the same sha256 there and it is still as recorded. */
  sameFile(rel: string, sha256: string): string | undefined {
    const cached = this.previous?.files[rel];
    if (cached?.sha256 !== sha256) return undefined;
    const source = this.located(rel);
    return this.intact(source, cached) ? source : undefined;
  }

  /** The previous output's file at `rel` and its record, if it was made from the same `input` and is still as recorded. */
  sameInput(rel: string, input: string): { source: string; record: FileRecord } | undefined {
    const cached = this.previous?.files[rel];
    if (!cached || cached.input !== input) return undefined;
    const source = this.located(rel);
    return this.intact(source, cached) ? { source, record: { path: rel, size: cached.size, sha256: cached.sha256 } } : undefined;
  }

  /** Record another file of this build, with what it was made from when that is known. */
  keepFile(record: FileRecord, input?: string, parts?: BundleParts): void {
    this.next.files[record.path] = { sha256: record.sha256, size: record.size, ...(input !== undefined && { input }), ...(parts && { parts }) };
  }

  /**
   * The items of the previous output's tier bundle at `rel` as its bytes hold them, each with the
   * input (itemInput) it was made from, in the bundle's order: `codes`, the items of this build's
   * bundle, which are the previous build's while the structure is (a record of another structure
   * is not used). Undefined unless the bundle was recorded with its parts and is still as
   * recorded. `allocate` gives the buffer the bundle is read into: `bytes`, where each item lies
   * from `start` to `end`.
   */
  previousBundleItems(
    rel: string,
    codes: readonly string[],
    allocate?: (size: number) => Buffer,
  ): { bytes: Buffer; items: Array<{ input: string | undefined; start: number; end: number }> } | undefined {
    const cached = this.previous?.files[rel];
    const parts = cached?.parts;
    if (!cached || !parts || !wellFormedParts(parts) || parts.lengths.length !== codes.length || codes.length === 0) return undefined;
    const bytes = readAsRecorded(this.located(rel), cached, allocate);
    if (!bytes) {
      this.discarded++;
      return undefined;
    }
    if (bytes[parts.head - 1] !== 0x5b) return undefined;
    const items: Array<{ input: string | undefined; start: number; end: number }> = [];
    let start = parts.head;
    for (let i = 0; i < codes.length; i++) {
      const end = start + parts.lengths[i]!;
      // Each item an object, and a comma (or the closing bracket) after it: else the record does not describe these bytes.
      if (end >= bytes.length || bytes[start] !== 0x7b || bytes[end - 1] !== 0x7d || bytes[end] !== (i + 1 < codes.length ? 0x2c : 0x5d)) return undefined;
      items.push({ input: this.previous.items[codes[i]!]?.input, start, end });
      start = end + 1;
    }
    return { bytes, items };
  }

  /**
   * The previous feed of hall `region`, the hall at `position` in this build's order (the
   * previous build's too, the structure being the same), as recorded, not yet looked at: the
   * caller either finds that very file in place (its recorded identity `id`, output-sink.ts
   * keptInPlace) or checks the previous output's file with `hallIntact` before taking it.
   */
  hall(position: number, region: string): Readonly<CachedHall> | undefined {
    const halls = this.previous?.halls;
    if (halls?.regions[position] !== region) return undefined;
    return parseHallEntry(halls.entries[position]!);
  }

  /**
   * Whether the previous feed `hit` of hall `region` (from `hall`) is still as recorded: its
   * path in the previous output, and its identity when it still has it.
   */
  hallIntact(region: string, hit: Readonly<CachedHall>): { source: string; id?: string } | undefined {
    const source = this.located(hallRel(region));
    const found = this.check(source, hit);
    return found && { source, ...found };
  }

  /** Whether the file at `source` still has the identity, or else the size and sha256, recorded. */
  private intact(source: string, cached: CachedFile): boolean {
    return this.check(source, cached) !== undefined;
  }

  /**
   * The file at `source` as recorded: `id`, its identity, when it still has the one recorded;
   * no `id` when it had to be read and its sha256 checked; undefined when it is not as recorded.
   */
  private check(source: string, cached: CachedFile): { id?: string } | undefined {
    if (cached.id !== undefined && fileIdentity(source) === cached.id) return { id: cached.id };
    if (readAsRecorded(source, cached)) return {};
    this.discarded++;
    return undefined;
  }

  /**
   * The item and hall feeds of the previous output as recorded, by path with their sha256 (the
   * files its manifest lists as well), if there is a usable record.
   */
  previousFeeds(): ReadonlyMap<string, string> | undefined {
    if (!this.previous) return undefined;
    if (!this.feeds) {
      this.feeds = new Map<string, string>();
      for (const [code, item] of Object.entries(this.previous.items)) this.feeds.set(itemRel(code), item.sha256);
      const { regions, entries } = this.previous.halls;
      for (let i = 0; i < regions.length; i++) this.feeds.set(hallRel(regions[i]!), entries[i]!.slice(0, 64));
    }
    return this.feeds;
  }

  /**
   * The feeds held by the spare output recycled as `staging` (swap.ts, createStaging), by path
   * with their sha256, if the record describes that output and its feed folders are untouched
   * since (same device, inode, modification and change times); else undefined.
   */
  spareFiles(staging: string): Map<string, string> | undefined {
    const spare = this.previous?.spare;
    if (!spare || !sameFolders(staging, spare.folders)) return undefined;
    const files = new Map(this.previousFeeds());
    for (const [rel, sha] of Object.entries(spare.diff)) {
      if (sha === null) files.delete(rel);
      else files.set(rel, sha);
    }
    return files;
  }

  /** Record an item feed of this build. */
  keepItem(code: string, input: string, record: Pick<FileRecord, 'sha256' | 'size'>, id?: string): void {
    this.next.items[code] = { input, sha256: record.sha256, size: record.size, ...(id !== undefined && { id }) };
  }

  /**
   * Record a hall feed of this build, the one at `position` in its order (halls are recorded in
   * that order). `id`: the identity the file in the output still has (it was kept in place,
   * neither written nor linked anew), which saves looking at it again.
   */
  keepHall(position: number, region: string, items: number, record: Pick<FileRecord, 'sha256' | 'size'>, id?: string): void {
    const entry = hallEntry({ items, sha256: record.sha256, size: record.size, ...(id !== undefined && { id }) });
    const halls = this.next.halls;
    if (position !== halls.regions.length) throw new Error(`hall ${region} recorded out of order`);
    halls.regions.push(region);
    halls.entries.push(entry);
    const before = this.previous?.halls;
    if (before?.regions[position] !== region || before.entries[position] !== entry) this.hallsChanged = true;
  }

  /**
   * Write the record of this build, once its feeds are all in `staging` (the folder that becomes
   * the output): the folders are recorded as they are now. Atomic; best effort. Returns whether
   * the record describes the output this build replaces (so that it is worth keeping as the
   * spare for the next build).
   */
  save(staging: string): boolean {
    try {
      const items = folderId(path.join(staging, ...FOLDERS.items.split('/')));
      const halls = folderId(path.join(staging, ...FOLDERS.halls.split('/')));
      if (!items || !halls) return false;
      this.next.folders = { items, halls };
      this.identify(staging);
      const hallsChanged = this.hallsChanged || !this.previous || this.next.halls.regions.length !== this.previous.halls.regions.length;
      if (this.previous) this.next.spare = { folders: this.previous.folders, diff: this.spareDiff(hallsChanged) };
      if (!this.key) return false;
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      // The hall table first, under a new id: a record is never read with another build's table.
      let hallsId = this.hallsId;
      if (hallsChanged || hallsId === undefined) {
        hallsId = randomBytes(16).toString('hex');
        const stored: StoredHalls = { version: 7, id: hallsId, regions: this.next.halls.regions.join(','), entries: this.next.halls.entries };
        writeSealed(hallsFile(this.file), this.key, 'feeds-halls', this.code, JSON.stringify(stored));
      }
      const stored: StoredRecord = { ...this.next, halls: hallsId };
      writeSealed(this.file, this.key, 'feeds', this.code, JSON.stringify(stored));
      return this.next.spare !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * Record each feed's identity as it is now in `staging` (unless known: kept in place), except where its change time is too
   * recent to tell a later change apart (the clock that stamps files is coarse): such a file is
   * read next time.
   */
  private identify(staging: string): void {
    const settled = Date.now() - SETTLE_MS;
    const add = (rel: string, file: CachedFile) => {
      if (file.id !== undefined) return false; // kept in place: the identity checked this build
      const id = fileIdentity(path.join(staging, ...rel.split('/')), settled);
      if (id !== undefined && id.split(':')[2] === String(file.size)) file.id = id;
      else delete file.id;
      return file.id !== undefined;
    };
    for (const [code, file] of Object.entries(this.next.items)) add(itemRel(code), file);
    const { regions, entries } = this.next.halls;
    for (let i = 0; i < regions.length; i++) {
      if (hasIdentity(entries[i]!)) continue; // kept in place: the identity checked this build
      const hall = parseHallEntry(entries[i]!)!;
      if (add(hallRel(regions[i]!), hall)) {
        entries[i] = hallEntry(hall);
        this.hallsChanged = true;
      }
    }
    for (const [rel, file] of Object.entries(this.next.files)) add(rel, file);
  }

  /**
   * How the previous output's feeds (the next spare) differ from this build's; its hall feeds
   * are looked at only when `halls` (some hall is recorded otherwise).
   */
  private spareDiff(halls: boolean): { [rel: string]: string | null } {
    const diff: { [rel: string]: string | null } = {};
    const compare = (then: { [key: string]: { sha256: string } }, now: { [key: string]: { sha256: string } }, rel: (key: string) => string) => {
      for (const [key, file] of Object.entries(then)) if (now[key]?.sha256 !== file.sha256) diff[rel(key)] = file.sha256;
      for (const key of Object.keys(now)) if (!(key in then)) diff[rel(key)] = null;
    };
    compare(this.previous!.items, this.next.items, itemRel);
    if (halls) compare(hallFiles(this.previous!.halls), hallFiles(this.next.halls), hallRel);
    return diff;
  }

  private located(rel: string): string {
    return path.join(this.target, ...rel.split('/'));
  }
}

const itemRel = (code: string) => `${FOLDERS.items}/${code}.json`;
const hallRel = (region: string) => `${FOLDERS.halls}/${region}.json`;

const NO_FOLDER: FolderId = { dev: -1, ino: -1, mtimeMs: -1, ctimeMs: -1 };
const NO_FOLDERS = { items: NO_FOLDER, halls: NO_FOLDER };

function folderId(dir: string): FolderId | undefined {
  try {
    const info = lstatSync(dir);
    return info.isDirectory() ? { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs } : undefined;
  } catch {
    return undefined;
  }
}

function sameFolders(target: string, folders: Record['folders']): boolean {
  for (const key of ['items', 'halls'] as const) {
    const now = folderId(path.join(target, ...FOLDERS[key].split('/')));
    const then = folders[key];
    if (!now || !then || now.dev !== then.dev || now.ino !== then.ino || now.mtimeMs !== then.mtimeMs || now.ctimeMs !== then.ctimeMs) return false;
  }
  return true;
}

/** The version of the code that shapes the feeds: licat's whole code and its dependencies. */
export function feedsCodeVersion(): string {
  return codeDigest();
}

const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The shape of a tier bundle's recorded parts, before any of it is used. */
function wellFormedParts(parts: BundleParts): boolean {
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return count(parts.head) && parts.head > 0 && Array.isArray(parts.lengths) && parts.lengths.every(count);
}

/** A record's shape, before any of it is used. */
function wellFormed(data: Partial<StoredRecord>): boolean {
  return typeof data.structure === 'string' && isMap(data.folders) && isMap(data.items) && typeof data.halls === 'string' && isMap(data.files);
}

/** The file of the hall table beside the record `file`. */
function hallsFile(file: string): string {
  return file.replace(/\.json$/, '-halls.json');
}

/** The sha256 of each hall's feed, by region (for spareDiff). */
function hallFiles(halls: HallTable): { [region: string]: { sha256: string } } {
  const out: { [region: string]: { sha256: string } } = {};
  for (let i = 0; i < halls.regions.length; i++) out[halls.regions[i]!] = { sha256: halls.entries[i]!.slice(0, 64) };
  return out;
}

/** The hall table in `file` if it is sealed by this user for this code and has the `id` the record names. */
function readHalls(file: string, key: Buffer, code: string, id: string): HallTable | undefined {
  let bytes: Buffer;
  try {
    bytes = readReused(file);
  } catch {
    return undefined;
  }
  const body = unsealBytes(key, 'feeds-halls', code, bytes);
  try {
    const data = body === undefined ? undefined : (JSON.parse(body) as Partial<StoredHalls>);
    if (data?.version !== 7 || data.id !== id || typeof data.regions !== 'string' || !Array.isArray(data.entries)) return undefined;
    const regions = data.regions === '' ? [] : data.regions.split(',');
    if (regions.length !== data.entries.length || !data.entries.every((e) => typeof e === 'string')) return undefined;
    return { regions, entries: data.entries };
  } catch {
    return undefined;
  }
}

/**
 * A digest of everything a hall feed is made of: the base URL its `$schema` names, the unified
 * elements, the regions, the departments and bodies, the hall files, and each item's code,
 * department, levels, acceptedAt and handling items, in code order. While it is the same, every
 * hall feed is the same (the catalog's version and the items' other elements are not in them).
 */
export function structureKey(catalog: Catalog, expansion: Expansion, baseUrl: string | undefined, unified: readonly string[]): string {
  const hash = createHash('sha256');
  const add = (value: unknown) => hash.update(JSON.stringify(value) ?? 'undefined').update('\n');
  add({ baseUrl: baseUrl ?? null, unified, tiers: catalog.meta?.tiers });
  add(catalog.regions.length);
  for (const r of catalog.regions) hash.update(`${r.code},${r.name},${r.tier},${r.parent ?? ''}\n`);
  add(catalog.departments ?? null);
  // File names relative to the catalog, so that the key does not depend on where licat runs from.
  const inCatalog = (file: string) => path.relative(catalog.root, path.resolve(file)).split(path.sep).join('/');
  add([...catalog.halls].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((h) => [inCatalog(h.file), h.hall]));
  for (const { file, item } of expansion.items)
    add([inCatalog(file), item.code, item.department, item.levels, item.acceptedAt ?? null, item.handlingItems ?? null]);
  return hash.digest('hex');
}

/** sha256 of an item's elements: of its very JSON (load/value-digest.ts). */
export const itemInput: (item: unknown) => string = valueDigest;
