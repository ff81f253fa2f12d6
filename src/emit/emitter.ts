import type { Lang } from '../i18n/lang.js';
import type { Catalog } from '../model/catalog.js';
import type { EmitterId } from './emitter-ids.js';

/**
 * Where emitters put files. Paths are relative to the output root, with forward slashes; the
 * sink writes into a staging folder and records each file's sha256 and size for the manifest.
 */
export interface OutputSink {
  /** Write a whole file. */
  write(rel: string, data: string | Uint8Array): Promise<void>;
  /**
   * Claim, hash and write a file: the record (size, sha256) is returned at once, `done` settles
   * when the file is written (rejecting with the file-system error if it failed).
   */
  stage(rel: string, data: string | Uint8Array): StagedFile;
  /**
   * As `stage`, for a file given as pieces of text written one after the other (a large file
   * that is never held whole). Optional: without it, callers stage the joined text.
   */
  stageParts?(rel: string, parts: Iterable<string>): StagedFile;
  /**
   * As `stage`, for a file given as pieces of bytes, one after the other: the pieces are not
   * joined into a buffer of their own. Optional: without it, callers stage the pieces joined.
   */
  stagePieces?(rel: string, pieces: readonly Uint8Array[]): StagedFile;
  /** Absolute path for a file written by a stream (e.g. the Excel streaming writer)... */
  streamPath(rel: string): Promise<string>;
  /** ...then record it once the stream is closed. */
  added(rel: string): Promise<void>;
}

/** One file of the output, as the manifest lists it. */
export interface FileRecord {
  path: string;
  size: number;
  sha256: string;
}

/** A file being written: its record now, and when it is on disk. */
export interface StagedFile {
  record: FileRecord;
  done: Promise<void>;
}

/**
 * What the staging sink of `licat build` offers beyond writing: taking files of the previous
 * output over as they are (hard links), and bringing a recycled previous output (swap.ts) up to
 * date file by file. See StagingSink for each member.
 */
export interface ReusableOutput {
  readonly root: string;
  adopt(rel: string, source: string, record: FileRecord, sourceId?: string): boolean;
  keptInPlace(rel: string, record: FileRecord, id: string): boolean;
  readonly unverifiedLeftovers: readonly string[];
  lookedAhead?(): Promise<void>;
  recycle(present: Map<string, string>): void;
  discardLeftovers(): void;
  finishLeftovers(): void;
  keepPrevious: boolean;
}

export interface EmitContext {
  out: OutputSink;
  /** The same sink's reuse of earlier outputs, when the build has one (`licat build`, `licat merge`). */
  reuse?: ReusableOutput;
  /** The absolute path of the output this build replaces (it may not exist yet). */
  previousOutput?: string;
  lang: Lang;
  /** Options of `licat build` (e.g. excelHalls, buildTime). */
  options: Readonly<Record<string, unknown>>;
  /** Progress and notices; silent with --quiet. */
  log: (message: string) => void;
  /** A notice the user must see even with --quiet; falls back to `log`. */
  warn?: (message: string) => void;
  /**
   * Progress of a long step: `done` of `total` under a short label. Shown as a bar on a
   * terminal, as occasional plain lines otherwise, not at all with --quiet.
   */
  progress?: (label: string, done: number, total: number) => void;
  /** Details shown only with --verbose (e.g. a cache entry discarded). */
  note?: (message: string) => void;
  /** Folder for caches that survive builds (e.g. rendered SVGs), or undefined for none. */
  cacheDir: string | undefined;
  /**
   * The ids of the emitters of this build (`licat build --only`), so that a document links only
   * to files the same output holds; undefined when not known (then every artifact is assumed).
   */
  artifacts?: readonly EmitterId[];
}

/** One kind of artifact of `licat build`. Emitters are listed in src/emit/registry.ts, their ids in src/emit/emitter-ids.ts. */
export interface Emitter {
  id: EmitterId;
  description: string;
  emit(catalog: Catalog, context: EmitContext): Promise<void>;
}
