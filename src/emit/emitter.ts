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
  /** Absolute path for a file written by a stream (e.g. the Excel streaming writer)... */
  streamPath(rel: string): Promise<string>;
  /** ...then record it once the stream is closed. */
  added(rel: string): Promise<void>;
}

export interface EmitContext {
  out: OutputSink;
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
