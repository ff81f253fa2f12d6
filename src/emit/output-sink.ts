import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { OutputSink } from './emitter.js';

/** One file of the output, as the manifest lists it. */
export interface FileRecord {
  path: string;
  size: number;
  sha256: string;
}

/**
 * The file operations the sink uses; tests replace them to simulate a full or read-only disk.
 * They are synchronous on purpose: tens of thousands of small files are written fastest and
 * with the least CPU one after the other (measured: the promise API costs several times the
 * CPU per file, and parallel creates in one folder do not go faster).
 */
export interface SinkFs {
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  writeFileSync(file: string, data: Uint8Array): void;
}

const nodeFs: SinkFs = { mkdirSync, writeFileSync };

/** Names the build pipeline writes itself. */
const RESERVED = new Set(['manifest.json']);
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** A path an emitter asked for that is not a plain relative path, or was written twice. */
export class OutputPathError extends Error {}

/**
 * The OutputSink of `licat build`: writes into the staging folder and records every file's size
 * and sha256 for the manifest. Paths must be relative, forward-slashed, without `..`, and each
 * may be written once.
 * @example const sink = new StagingSink('/tmp/.dist.tmp-1'); await sink.write('feeds/index.json', text);
 */
export class StagingSink implements OutputSink {
  private readonly records = new Map<string, FileRecord>();
  private readonly claimed = new Set<string>();
  private readonly dirs = new Set<string>();

  constructor(
    readonly root: string,
    private readonly fs: SinkFs = nodeFs,
  ) {}

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
  stage(rel: string, data: string | Uint8Array): { record: FileRecord; done: Promise<void> } {
    const abs = this.claim(rel);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const record: FileRecord = { path: rel, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    try {
      this.ensureDir(path.dirname(abs));
      this.fs.writeFileSync(abs, bytes);
    } catch (error) {
      return { record, done: Promise.reject(error) };
    }
    this.records.set(rel, record);
    return { record, done: Promise.resolve() };
  }

  /**
   * Take a file of the previous output into the staging folder as it is: a hard link (a copy
   * where the file system has none). `record` is its size and sha256, known from when it was
   * written; the caller has checked that the file is still that one (emit/feeds/feeds-cache.ts).
   */
  adopt(rel: string, source: string, record: FileRecord): void {
    const abs = this.claim(rel);
    this.ensureDir(path.dirname(abs));
    try {
      linkSync(source, abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw error;
      copyFileSync(source, abs);
    }
    this.records.set(rel, { path: rel, size: record.size, sha256: record.sha256 });
  }

  async streamPath(rel: string): Promise<string> {
    const abs = this.claim(rel);
    this.ensureDir(path.dirname(abs));
    return abs;
  }

  async added(rel: string): Promise<void> {
    if (!this.claimed.has(rel) || this.records.has(rel)) {
      throw new OutputPathError(`added(${rel}) without a matching streamPath(${rel})`);
    }
    const abs = path.join(this.root, ...rel.split('/'));
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

  private claim(rel: string): string {
    const segments = rel.split('/');
    if (!segments.every((s) => SEGMENT.test(s) && s !== '..')) {
      throw new OutputPathError(`not a plain relative output path: ${JSON.stringify(rel)}`);
    }
    if (RESERVED.has(rel)) throw new OutputPathError(`${rel} is written by the build itself`);
    if (this.claimed.has(rel)) throw new OutputPathError(`${rel} written twice`);
    this.claimed.add(rel);
    return path.join(this.root, ...segments);
  }

  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    this.fs.mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }
}
