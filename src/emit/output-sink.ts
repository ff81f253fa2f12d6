import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, createReadStream, linkSync, mkdirSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { FileRecord, OutputSink, ReusableOutput, StagedFile } from './emitter.js';
import type { AheadIdentities } from './look-ahead.js';
import { fileIdentity, readAsRecorded } from './recorded-file.js';
import { WriteThread } from './write-thread.js';

export type { FileRecord };

/**
 * The file operations the sink uses; tests replace them to simulate a full or read-only disk.
 * They are synchronous on purpose: tens of thousands of small files are written fastest and
 * with the least CPU one after the other (measured: the promise API costs several times the
 * CPU per file, and parallel creates in one folder do not go faster).
 */
export interface SinkFs {
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  writeFileSync(file: string, data: Uint8Array): void;
  /** Add to the end of a file (`stageParts`); node's own when absent. */
  appendFileSync?(file: string, data: Uint8Array): void;
}

const nodeFs: SinkFs = { mkdirSync, writeFileSync, appendFileSync };

/** Names the build pipeline writes itself. */
const RESERVED = new Set(['manifest.json']);
/** Forward-slashed segments, none empty, none starting with a dot (so neither `.` nor `..`). */
const PLAIN_PATH = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;

/** Whether `rel` is a path an output may hold: relative, forward-slashed, no `.`/`..`, no empty segment. */
export function isPlainOutputPath(rel: string): boolean {
  return PLAIN_PATH.test(rel);
}

/** Sizes of the buffer texts are encoded into (`StagingSink.encode`); larger texts get their own. */
const SCRATCH_MIN = 1 << 20;
const SCRATCH_LIMIT = 64 << 20;
/** Most pieces `stagePieces` writes one after the other; more are joined first. */
const PIECES_APART = 16;
/**
 * Files staged before the sink starts a thread to write them (WriteThread): a build that writes
 * a few hundred files (a rebuild) is done before the thread would have started.
 */
const THREAD_AFTER = 256;
/** Characters of text `stageParts` encodes and writes at a time. */
const PART_CHARS = 1 << 20;

/** A path an emitter asked for that is not a plain relative path, or was written twice. */
export class OutputPathError extends Error {}

/**
 * The OutputSink of `licat build`: writes into the staging folder and records every file's size
 * and sha256 for the manifest. Paths must be relative, forward-slashed, without `..`, and each
 * may be written once.
 * @example const sink = new StagingSink('/tmp/.dist.tmp-1'); await sink.write('feeds/index.json', text);
 */
export class StagingSink implements OutputSink, ReusableOutput {
  private readonly records = new Map<string, FileRecord>();
  private readonly claimed = new Set<string>();
  private readonly dirs = new Set<string>();
  /**
   * Folders of a recycled previous output inside the staging folder (`feeds/items`), until they
   * are described by `recycle` or removed by `discardLeftovers`.
   */
  private leftovers: string[];
  /** The files of those folders not yet claimed, with their sha256, once described. */
  private present: Map<string, string> | undefined;
  /** See `encode`. */
  private scratch: Buffer | undefined;
  /** Whether `stage` may hand files to a WriteThread; the thread, once started; files staged so far. */
  private threading: boolean;
  private thread: WriteThread | undefined;
  private staged = 0;

  /**
   * `leftovers`: folders (relative) that the staging folder already holds, from the output
   * before last (see swap.ts, `createStaging`). Until an emitter describes their files with
   * `recycle`, nothing is written into them: a first write there removes them. `ahead`: the
   * identities of their files, looked at on another thread before the staging folder was made
   * (look-ahead.ts), used instead of looking at each file again where they still hold.
   */
  constructor(
    readonly root: string,
    private readonly fs: SinkFs = nodeFs,
    leftovers: readonly string[] = [],
    env: NodeJS.ProcessEnv = process.env,
    private readonly ahead?: AheadIdentities,
  ) {
    this.leftovers = [...leftovers];
    // Node's own file system only (tests replace it), with a second core, unless LICAT_WORKERS=0,
    // and from the built code (lib/).
    this.threading = fs === nodeFs && availableParallelism() > 1 && env.LICAT_WORKERS?.trim() !== '0' && WriteThread.available();
  }

  /**
   * Set by an emitter whose cache record describes the output this build replaces: worth keeping
   * as the spare for the next build (swap.ts, `retire`); otherwise it is removed.
   */
  keepPrevious = false;

  /** The recycled folders still to be described or discarded. */
  get unverifiedLeftovers(): readonly string[] {
    return this.present ? [] : this.leftovers;
  }

  /**
   * Describe the files the recycled folders hold: path and sha256 of each (the caller knows them
   * from its cache record and has checked the folders are untouched since). From now on a file
   * written or adopted at one of these paths replaces it: the old name is unlinked first, never
   * written through, since it may share its inode with a file of the live output. What is never
   * claimed is removed by `finishLeftovers`. The sink takes `present` over (and empties it as
   * files are claimed): the caller passes a map of its own and does not use it again.
   */
  recycle(present: Map<string, string>): void {
    if (this.present || this.leftovers.length === 0) throw new Error('recycle() without unverified leftovers');
    this.present = present;
  }

  /**
   * Wait for the identities of the recycled files being looked at on another thread, if they
   * are: until they are in, each file is looked at when it is asked about.
   */
  async lookedAhead(): Promise<void> {
    await this.ahead?.settle();
  }

  /** Remove the recycled folders and what they hold (when nothing describes them). */
  discardLeftovers(): void {
    if (this.present) return;
    this.ahead?.touchAll();
    for (const dir of this.leftovers) rmSync(this.absolute(dir), { recursive: true, force: true });
    this.leftovers = [];
  }

  /**
   * Call when the recycled folders are complete (by the emitter that described them, else once
   * every emitter has run): remove the recycled files nobody claimed (and folders left empty),
   * or the recycled folders whole if nothing described them. Only once: later calls do nothing.
   */
  finishLeftovers(): void {
    if (!this.present) {
      this.discardLeftovers();
      return;
    }
    this.ahead?.touchAll();
    for (const rel of this.present.keys()) removeRecycled(this.absolute(rel));
    this.present.clear();
    for (const dir of this.leftovers) {
      try {
        rmdirSync(this.absolute(dir));
      } catch {
        // not empty: it holds this build's files
      }
    }
    this.leftovers = [];
  }

  async write(rel: string, data: string | Uint8Array): Promise<void> {
    await this.writeHashed(rel, data);
  }

  /** Write a whole file and return its record (size and sha256). */
  async writeHashed(rel: string, data: string | Uint8Array): Promise<FileRecord> {
    const staged = this.stage(rel, data);
    await staged.done;
    return staged.record;
  }

  /**
   * Claim, hash and write a file. The record is returned at once (a feed can point at the file
   * by its sha256); `done` settles when the file is on disk (already, with the synchronous
   * file operations of this sink), rejecting with the file-system error if the write failed.
   */
  stage(rel: string, data: string | Uint8Array): StagedFile {
    const abs = this.claim(rel);
    if (this.threading && (this.thread !== undefined || ++this.staged > THREAD_AFTER)) return this.stageOnThread(rel, abs, data);
    return this.writeNow(rel, abs, [typeof data === 'string' ? this.encode(data) : data]);
  }

  /**
   * As `stage`, for a file given as pieces of bytes (a tier bundle made of runs of the previous
   * one's bytes): a few pieces are hashed and written one after the other, never joined; many are
   * joined first in the sink's own buffer, which earlier files have already made, rather than in a
   * new one (a new buffer of some megabytes costs more to touch for the first time than to fill).
   */
  stagePieces(rel: string, pieces: readonly Uint8Array[]): StagedFile {
    // Many pieces: joined first, in the sink's buffer, rather than written one call each.
    if (pieces.length > PIECES_APART) {
      let size = 0;
      for (const piece of pieces) size += piece.byteLength;
      if (size > SCRATCH_LIMIT) return this.stage(rel, Buffer.concat(pieces, size));
      if (!this.scratch || this.scratch.length < size) this.scratch = Buffer.allocUnsafe(Math.max(size, SCRATCH_MIN));
      let at = 0;
      for (const piece of pieces) {
        this.scratch.set(piece, at);
        at += piece.byteLength;
      }
      // Written before this returns, or copied to the writing thread's batch: the buffer is free again.
      return this.stage(rel, this.scratch.subarray(0, size));
    }
    const abs = this.claim(rel);
    if (this.threading && (this.thread !== undefined || ++this.staged > THREAD_AFTER)) return this.stageOnThread(rel, abs, pieces);
    return this.writeNow(rel, abs, pieces);
  }

  /** Hash and write the file at `rel` (claimed: `abs`) on this thread, its bytes given as pieces one after the other. */
  private writeNow(rel: string, abs: string, pieces: readonly Uint8Array[]): StagedFile {
    const hash = createHash('sha256');
    let size = 0;
    for (const piece of pieces) {
      hash.update(piece);
      size += piece.byteLength;
    }
    const record: FileRecord = { path: rel, size, sha256: hash.digest('hex') };
    try {
      this.vacate(rel, abs);
      this.ensureDir(path.dirname(abs));
      this.fs.writeFileSync(abs, pieces[0] ?? new Uint8Array(0));
      for (const piece of pieces.slice(1)) (this.fs.appendFileSync ?? appendFileSync)(abs, piece);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the file system threw, as it was
      return { record, done: Promise.reject(error) };
    }
    this.records.set(rel, record);
    return { record, done: Promise.resolve() };
  }

  /** `stage` once the files are written by a thread: hashed here, written there. */
  private stageOnThread(rel: string, abs: string, data: string | Uint8Array | readonly Uint8Array[]): StagedFile {
    this.thread ??= new WriteThread();
    try {
      this.vacate(rel, abs);
      this.ensureDir(path.dirname(abs));
    } catch (error) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data instanceof Uint8Array ? data : Buffer.concat(data);
      const record: FileRecord = { path: rel, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the file system threw, as it was
      return { record, done: Promise.reject(error) };
    }
    const { bytes, done } = this.thread.add(abs, data);
    const record: FileRecord = { path: rel, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    return {
      record,
      done: done.then(() => {
        this.records.set(rel, record);
      }),
    };
  }

  /**
   * Wait until every file staged is written (rejecting with the first failure), and end the
   * writing thread: later files are written at once, as before it started. Call once the
   * emitters are done, before the files are listed, and before the staging folder is removed.
   */
  async settle(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    this.threading = false;
    await thread?.close();
  }

  /** End the writing thread without waiting (the build is being aborted). */
  abort(): void {
    this.threading = false;
    this.thread?.abort();
    this.thread = undefined;
  }

  /**
   * As `stage`, for a file given as pieces of text: they are encoded, hashed and written about a
   * million characters at a time, so that a large file (the first build's `changes.json`, 78 MB)
   * is never held whole as a string or as bytes. Each part is encoded whole, so a part must not
   * end inside a surrogate pair (JSON.stringify's texts never do).
   */
  stageParts(rel: string, parts: Iterable<string>): StagedFile {
    const abs = this.claim(rel);
    const hash = createHash('sha256');
    let size = 0;
    const record = (): FileRecord => ({ path: rel, size, sha256: hash.digest('hex') });
    try {
      this.vacate(rel, abs);
      this.ensureDir(path.dirname(abs));
      let started = false;
      let pending: string[] = [];
      let chars = 0;
      const flush = () => {
        const bytes = this.encode(pending.join(''));
        hash.update(bytes);
        size += bytes.byteLength;
        if (started) (this.fs.appendFileSync ?? appendFileSync)(abs, bytes);
        else this.fs.writeFileSync(abs, bytes);
        started = true;
        pending = [];
        chars = 0;
      };
      for (const part of parts) {
        pending.push(part);
        chars += part.length;
        if (chars >= PART_CHARS) flush();
      }
      if (pending.length > 0 || !started) flush();
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the file system threw, as it was
      return { record: record(), done: Promise.reject(error) };
    }
    const done = record();
    this.records.set(rel, done);
    return { record: done, done: Promise.resolve() };
  }

  /**
   * Keep the recycled output's file at `rel` when it is the very file recorded with identity
   * `id` (recorded-file.ts, fileIdentity), unchanged since: then it holds `record`'s bytes.
   * Returns false, having done nothing, otherwise.
   */
  keptInPlace(rel: string, record: FileRecord, id: string): boolean {
    if (this.present?.get(rel) !== record.sha256) return false;
    if (this.identity(rel) !== id) return false;
    this.take(rel);
    this.present.delete(rel);
    this.records.set(rel, record.path === rel ? record : { path: rel, size: record.size, sha256: record.sha256 });
    return true;
  }

  /**
   * Take a file of the previous output into the staging folder as it is: a hard link (a copy
   * where the file system has none). `record` is its size and sha256, known from when it was
   * written; the caller has checked that the file is still that one (emit/feeds/feeds-cache.ts),
   * by its identity `sourceId` where given (recorded-file.ts, fileIdentity). Returns true when
   * the recycled output already held that very file (the same identity), kept as it is.
   */
  adopt(rel: string, source: string, record: FileRecord, sourceId?: string): boolean {
    const abs = this.claim(rel);
    if (this.present?.get(rel) === record.sha256) {
      // The recycled file may be this one already: the very file `source` (one inode, linked
      // twice), or else read and checked (the spare is not trusted).
      const same = sourceId !== undefined && this.identity(rel, abs) === sourceId;
      if (same || readAsRecorded(abs, record)) {
        this.present.delete(rel);
        this.records.set(rel, { path: rel, size: record.size, sha256: record.sha256 });
        return same;
      }
    }
    this.vacate(rel, abs);
    this.ensureDir(path.dirname(abs));
    try {
      linkSync(source, abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw error;
      copyFileSync(source, abs);
    }
    this.records.set(rel, { path: rel, size: record.size, sha256: record.sha256 });
    return false;
  }

  async streamPath(rel: string): Promise<string> {
    const abs = this.claim(rel);
    this.vacate(rel, abs);
    this.ensureDir(path.dirname(abs));
    return abs;
  }

  async added(rel: string): Promise<void> {
    if (!this.claimed.has(rel) || this.records.has(rel)) {
      throw new OutputPathError(`added(${rel}) without a matching streamPath(${rel})`);
    }
    const abs = this.absolute(rel);
    const info = await stat(abs);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(abs)) hash.update(chunk as Buffer);
    this.records.set(rel, { path: rel, size: info.size, sha256: hash.digest('hex') });
  }

  /** Every file written so far, sorted by path. */
  files(): FileRecord[] {
    return [...this.records.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Paths claimed by streamPath but never reported with added(). */
  unfinished(): string[] {
    return [...this.claimed].filter((rel) => !this.records.has(rel)).sort();
  }

  /** Claim `rel` (see `take`); returns its absolute path. */
  private claim(rel: string): string {
    this.take(rel);
    return this.absolute(rel);
  }

  /** Claim `rel` for this build: a plain path, not the manifest's, and not claimed before. */
  private take(rel: string): void {
    if (!PLAIN_PATH.test(rel)) throw new OutputPathError(`not a plain relative output path: ${JSON.stringify(rel)}`);
    if (RESERVED.has(rel)) throw new OutputPathError(`${rel} is written by the build itself`);
    if (this.claimed.has(rel)) throw new OutputPathError(`${rel} written twice`);
    // Before anything at `rel` changes: its folder's look-ahead is only good until then.
    this.ahead?.touch(rel);
    this.claimed.add(rel);
  }

  /**
   * The identity of the recycled file at `rel` (absolute path `abs`, worked out when not given),
   * not yet claimed: as looked at ahead when that still holds (look-ahead.ts), else as it is now
   * (recorded-file.ts).
   */
  private identity(rel: string, abs?: string): string | undefined {
    return this.ahead?.identity(rel) ?? fileIdentity(abs ?? this.absolute(rel));
  }

  /**
   * `text` as UTF-8, in a buffer reused from call to call: valid until the next call (`stage`
   * hashes and writes it synchronously). `Buffer.from` measures the string in a first pass, then
   * encodes it: 142 ms against 55 ms for the 39 MB of the city and county hall feeds of a province.
   */
  private encode(text: string): Buffer {
    // At most 3 bytes of UTF-8 per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
    const most = text.length * 3;
    if (most > SCRATCH_LIMIT) return Buffer.from(text, 'utf8');
    if (!this.scratch || this.scratch.length < most) this.scratch = Buffer.allocUnsafe(Math.max(most, SCRATCH_MIN));
    return this.scratch.subarray(0, this.scratch.write(text, 0, 'utf8'));
  }

  /** The absolute path of an output path (`/`-separated, relative to the staging folder). */
  private absolute(rel: string): string {
    return `${this.root}${path.sep}${path.sep === '/' ? rel : rel.split('/').join(path.sep)}`;
  }

  /**
   * Make way for a new file at `rel`: unlink the recycled file there (never write through it), or
   * discard recycled folders nobody described before writing into them.
   */
  private vacate(rel: string, abs: string): void {
    if (this.present) {
      if (this.present.delete(rel)) removeRecycled(abs);
      return;
    }
    if (this.leftovers.some((dir) => rel.startsWith(`${dir}/`))) this.discardLeftovers();
  }

  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    this.fs.mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }
}

/**
 * Remove a recycled file (its name: never through it). What is there may not be what the record
 * says, if someone changed the spare output since: gone already, or a folder; so anything there
 * goes, and nothing is not an error.
 */
function removeRecycled(abs: string): void {
  try {
    unlinkSync(abs);
  } catch {
    rmSync(abs, { recursive: true, force: true });
  }
}
