import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFile, lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { t, type Lang } from '../i18n/lang.js';
import type { Catalog } from '../model/catalog.js';
import type { ManifestPage } from '../schema/feeds.js';
import type { Emitter } from './emitter.js';
import { catalogRef } from './feeds/feed-paths.js';
import { loadFeedValidator } from './feeds/feed-validator.js';
import { acquireLock, type Lock } from './lock.js';
import { buildManifest, buildManifestPage, MANIFEST, manifestPageParts, manifestPagePath, manifestText, pageFiles, rootFiles } from './manifest.js';
import type { LookAhead } from './look-ahead.js';
import { isFsError, OutputError, outputFsError } from './output-error.js';
import { StagingSink, type FileRecord, type SinkFs } from './output-sink.js';
import { checkReplaceable, createStaging, outputPlaces, recoverLeftovers, removeSync, retire, swapIn } from './swap.js';
import { readReused } from '../load/read-whole.js';

export interface EmitOptions {
  /** The output folder, e.g. `dist`; shown to users as given. */
  out: string;
  /** The emitters to run, in order. */
  emitters: readonly Emitter[];
  lang: Lang;
  /** Canonical ISO time (`2026-01-01T00:00:00.000Z`), only when given on the command line. */
  buildTime?: string;
  /** Further options for emitters (e.g. excelHalls). */
  options?: Readonly<Record<string, unknown>>;
  cacheDir?: string;
  log?: (message: string) => void;
  /** Details shown only with --verbose. */
  note?: (message: string) => void;
  /** Notices shown even with --quiet; default `log`. */
  warn?: (message: string) => void;
  progress?: (label: string, done: number, total: number) => void;
  /** File operations of the sink; tests replace them to simulate a full or read-only disk. */
  fs?: SinkFs;
  /**
   * The files of the spare output (`outputPlaces(out).spare`) being looked at on another thread
   * since before the catalog was validated (look-ahead.ts): the sink takes what it saw if the
   * spare becomes the staging folder; the thread is stopped otherwise.
   */
  lookAhead?: LookAhead;
}

export interface EmitSummary {
  out: string;
  files: FileRecord[];
  bytes: number;
}

/** A running build: its result, and a synchronous cleanup for signal handlers. */
export interface BuildHandle {
  done: Promise<EmitSummary>;
  /** Remove the staging folder and release the lock now; the previous output stays as it was. */
  abortSync(): void;
}

/**
 * Emit a validated catalog into `out` without ever leaving a half-written output:
 * take the lock beside `out`, repair what a killed build left, write every artifact into a
 * staging folder beside `out` (carrying over `out/README.md`), write the manifest last, then
 * swap the staging folder in. On any failure the staging folder is removed and `out` is left
 * as it was; a disk that is full or read-only gives an OutputError.
 * @example await emitOutput(catalog, { out: 'dist', emitters: EMITTERS, lang: 'zh' }).done;
 */
export function emitOutput(catalog: Catalog, options: EmitOptions): BuildHandle {
  const places = outputPlaces(options.out);
  let lock: Lock | undefined;
  let staging: string | undefined;
  let sink: StagingSink | undefined;
  const log = options.log ?? (() => {});

  const run = async (): Promise<EmitSummary> => {
    const ref = catalogRef(catalog);
    // Compile the feed schemas before touching the output: a broken install fails early.
    const validator = await loadFeedValidator();
    await mkdir(places.parent, { recursive: true });
    lock = await acquireLock(places.lock, options.out);
    for (const note of await recoverLeftovers(places)) log(note[options.lang]);
    await checkReplaceable(places, options.out);
    // With a cache, the output before the current one is brought up to date rather than a new
    // folder filled (see swap.ts); the feeds emitter says which of its files are still good.
    const recycle = options.cacheDir !== undefined;
    const created = await createStaging(places, recycle);
    staging = created.dir;
    const ahead = created.leftovers.length > 0 ? options.lookAhead?.identitiesIn(staging) : undefined;
    if (!ahead) options.lookAhead?.stop();
    sink = new StagingSink(staging, options.fs, created.leftovers, process.env, ahead);
    const context = {
      out: sink,
      reuse: sink,
      previousOutput: places.target,
      lang: options.lang,
      options: { ...options.options, ...(options.buildTime !== undefined && { buildTime: options.buildTime }) },
      log,
      warn: options.warn ?? log,
      ...(options.progress && { progress: options.progress }),
      cacheDir: options.cacheDir,
      ...(options.note && { note: options.note }),
      artifacts: options.emitters.map((e) => e.id),
    };
    for (const emitter of options.emitters) {
      log(t(`生成${describe(emitter, 'zh')}`, `emitting ${describe(emitter, 'en')}`)[options.lang]);
      await emitter.emit(catalog, context);
    }
    await sink.settle();
    sink.finishLeftovers();
    const unfinished = sink.unfinished();
    if (unfinished.length > 0) throw new Error(`files opened for streaming but never finished: ${unfinished.join(', ')}`);
    const readme = await carriedReadme(places.target);
    if (readme) await sink.write('README.md', readme);
    const files = sink.files();
    const baseUrl = typeof options.options?.baseUrl === 'string' ? options.options.baseUrl : undefined;
    const pages = [];
    for (const [name, list] of pageFiles(files)) {
      const rel = manifestPagePath(name);
      const page = buildManifestPage(name, list, baseUrl);
      validator.check('manifestPage', rel, page);
      let record = keptPage(sink, places.target, rel, page);
      if (!record) {
        const staged = sink.stage(rel, manifestText(page));
        await staged.done;
        record = staged.record;
      }
      pages.push({ record, files: list.length });
    }
    const manifest = buildManifest(
      ref,
      options.emitters.map((e) => e.id),
      pages,
      rootFiles(files),
      options.buildTime,
      baseUrl,
    );
    validator.check('manifest', MANIFEST, manifest);
    await writeFile(path.join(staging, MANIFEST), manifestText(manifest));
    const old = swapIn(places, staging);
    staging = undefined;
    retire(places, old, recycle && sink.keepPrevious);
    return { out: options.out, files, bytes: files.reduce((sum, f) => sum + f.size, 0) };
  };

  const done = run().then(
    async (summary) => {
      await lock?.release();
      return summary;
    },
    async (error: unknown) => {
      // No write may land in the staging folder while it is removed.
      await sink?.settle().catch(() => undefined);
      if (staging) await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      await lock?.release();
      if (isFsError(error)) throw outputFsError(error, options.out);
      throw error;
    },
  );
  return {
    done,
    abortSync() {
      sink?.abort();
      if (staging) removeSync(staging);
      staging = undefined;
      lock?.releaseSync();
    },
  };
}

/**
 * The record of the previous output's page at `rel` when it holds exactly the bytes of `page`,
 * linked into the staging folder (an unchanged page is not rewritten); else undefined. The text
 * is made and compared in pieces (manifestPageParts): the page of the hall feeds, some 3.5 MB,
 * made whole and decoded whole cost 60 ms or more of every rebuild.
 */
function keptPage(sink: StagingSink, target: string, rel: string, page: ManifestPage): FileRecord | undefined {
  const previous = path.join(target, ...rel.split('/'));
  let bytes: Buffer;
  try {
    bytes = readReused(previous);
  } catch {
    return undefined;
  }
  // All ASCII (paths and digests), so each byte is one character of the text compared.
  if (!isAscii(bytes)) return undefined;
  let at = 0;
  for (const part of manifestPageParts(page)) {
    const end = at + part.length;
    if (end > bytes.length || bytes.toString('latin1', at, end) !== part) return undefined;
    at = end;
  }
  if (at !== bytes.length) return undefined;
  const record = { path: rel, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  sink.adopt(rel, previous, record);
  return record;
}

/** `out/README.md` of the previous output, kept in the new one. */
async function carriedReadme(target: string): Promise<Buffer | undefined> {
  const file = path.join(target, 'README.md');
  const info = await lstat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return readFile(file);
}

export { OutputError };

/** An emitter's description in one language (it is written `zh / en`), so a progress line is all in one. */
function describe(emitter: Emitter, lang: 'zh' | 'en'): string {
  const [zh, en] = emitter.description.split(' / ');
  return (lang === 'zh' ? zh : en) ?? emitter.id;
}
