import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { Item } from '../schema/item.js';
import { checkFile, type CheckedFile, type ItemFindings } from './check-file.js';
import type { FileKind, RawFile } from './read-catalog.js';
import { UsageError } from '../diagnostics/usage-error.js';

/** Fewest files worth a worker thread: below this, starting one costs more than it saves. */
export const PARALLEL_MIN_FILES = 300;
/** Most worker threads: the main thread still turns every worker's results into objects. */
const MAX_WORKERS = 3;
/** Files taken at a time from the shared queue. */
const CHUNK = 32;
/** Larger catalogs are checked on one thread rather than copied into shared memory at once. */
const MAX_SHARED_BYTES = 1024 * 1024 * 1024;

/** Work on the loaded items of a chunk besides checking them: one result per item. */
export type ItemHookRun = (items: ReadonlyArray<{ file: string; item: Item }>) => ItemFindings[];

/**
 * Work to do on each loaded item where it is checked, given by the caller (the pipeline: the load
 * stage does not know the rules). `run` runs on this thread; `worker` is the entry module of
 * the worker threads that run the same function (it calls `serveParseWork(run)` of
 * load/parse-worker-loop.ts).
 */
export interface ItemHook {
  worker: URL;
  run: ItemHookRun;
}

/** What a worker gets: every file's bytes in shared memory, and the shared queue position. */
export interface WorkerInput {
  /** The shared blocks the files were read into (`ReadOptions.onListed`), or one they were copied into. */
  blocks: SharedArrayBuffer[];
  /** File i is the `spans[3i + 2]` bytes of `blocks[spans[3i]]` from `spans[3i + 1]`. */
  spans: number[];
  files: Array<{ kind: FileKind; file: string }>;
  next: SharedArrayBuffer;
  chunk: number;
}

/** What a worker sends per chunk: results as JSON (cheaper to rebuild than a structured clone), texts as strings. */
export interface WorkerChunk {
  start: number;
  json: string;
  texts: Array<string | undefined>;
}

/**
 * How many worker threads to use for `count` files: none for a small catalog, nor on fewer than
 * three cores; else one per idle core beyond the two the main thread keeps busy (itself, and
 * V8's collector threads, which a check of a large catalog keeps at work: 1.2-1.4 s of CPU for
 * 0.85 s of wall time), and at most three. Idle: the number of cores less the load average,
 * rounded down. A worker on a core that is not free only competes for it, and its start-up and
 * the main thread's rebuilding of its results cost more than it saves: on two cores, quiet, one
 * worker made the 1,200-item province catalog 27% slower (1.08 s against 0.85 s) and 10,000 items
 * 6% slower (3.65 s against 3.45 s). `LICAT_WORKERS=n` overrides it (0 checks everything on the
 * main thread).
 */
export function workerCount(count: number, env: NodeJS.ProcessEnv = process.env, load = loadavg()[0] ?? 0, cores = availableParallelism()): number {
  const forced = forcedWorkers(env);
  if (forced !== undefined) return forced;
  if (count < PARALLEL_MIN_FILES) return 0;
  return Math.max(0, Math.min(MAX_WORKERS, cores - 2, Math.floor(cores - 1 - load)));
}

/** Most threads `LICAT_WORKERS` may ask for: each costs some 40 MB and a copy of the files. */
export const MAX_FORCED_WORKERS = 64;

/**
 * `LICAT_WORKERS` as a number, or undefined when it is unset or empty. Anything but a whole number
 * from 0 to MAX_FORCED_WORKERS is an environment error (exit 2), not silently ignored or obeyed:
 * 100,000 threads would exhaust the machine.
 * @example forcedWorkers({ LICAT_WORKERS: '2' }) // 2
 */
export function forcedWorkers(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.LICAT_WORKERS?.trim();
  if (value === undefined || value === '') return undefined;
  const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(n <= MAX_FORCED_WORKERS)) {
    throw new UsageError(
      `环境变量 LICAT_WORKERS 应为 0 到 ${MAX_FORCED_WORKERS} 之间的整数，实为 ${JSON.stringify(value)} / LICAT_WORKERS takes a whole number from 0 to ${MAX_FORCED_WORKERS}, not ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * The entry module of a worker thread: the bundled one (lib/bundle/`name`, made by `npm run build`,
 * see scripts/bundle.mjs), which starts from one file, where it exists; else `own`, the module
 * beside the caller (running from the sources, say).
 * @example workerEntry('check-worker.cjs', new URL('./check-worker.js', import.meta.url))
 */
export function workerEntry(name: string, own: URL): URL {
  const bundled = new URL(`../bundle/${name}`, own);
  return existsSync(fileURLToPath(bundled)) ? bundled : own;
}

/**
 * node:worker_threads, loaded when a pool starts: a check on the main thread alone (any catalog on
 * two cores, a small one anywhere) does without it, some 4 ms of its start.
 */
function loadWorkerThreads(): typeof WorkerThreads {
  return createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads;
}

/** The worker of a parse without an item hook. */
const PLAIN_WORKER = workerEntry('parse-worker.cjs', new URL('./parse-worker.js', import.meta.url));

/**
 * Worker threads started ahead of the work: they load their modules (zod, js-yaml, the schemas:
 * about as long as reading 10,000 files takes) while the main thread reads the catalog, and
 * begin as soon as `check` hands them the files.
 */
export class ParsePool {
  private constructor(
    private readonly workers: WorkerThreads.Worker[],
    /** Settles when each worker has stopped, however: whatever it did not check, the main thread checks. */
    private readonly stopped: Array<Promise<void>>,
    private readonly hook: ItemHook | undefined,
  ) {}

  /**
   * Start the workers for about `count` YAML files, or undefined when threads would not pay
   * (small catalog, one core, LICAT_WORKERS=0) or are not available (running from the
   * TypeScript sources).
   */
  static start(count: number, env: NodeJS.ProcessEnv = process.env, hook?: ItemHook): ParsePool | undefined {
    const n = workerCount(count, env);
    const entry = hook?.worker ?? PLAIN_WORKER;
    if (n === 0 || !existsSync(fileURLToPath(entry))) return undefined;
    const { Worker: WorkerThread } = loadWorkerThreads();
    const workers = Array.from({ length: n }, () => {
      // A worker's stack is as deep as the main thread's, so deeply nested YAML fails the same way.
      const worker = new WorkerThread(entry, { resourceLimits: { stackSizeMb: 1 } });
      // Waiting for work, it does not keep the process alive (should the caller never give any).
      worker.unref();
      return worker;
    });
    // Listened to from the start: a worker can fail (out of memory, say) before it is given work.
    const stopped = workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.once('error', () => undefined);
          worker.once('exit', () => resolve());
        }),
    );
    return new ParsePool(workers, stopped, hook);
  }

  /** Stop the workers without giving them work. */
  stop(): void {
    for (const worker of this.workers) void worker.terminate();
  }

  /**
   * Check the YAML files (decode, parse, schema) on the main thread and the workers together:
   * each takes the next chunk from a shared queue, so a slow start or a busy core balances
   * itself. The result is the same as `checkFile` on each file in turn. Undefined (and the
   * workers stopped) when the files are too many bytes to share at once; the caller then checks
   * them inline.
   */
  async check(files: readonly RawFile[]): Promise<Map<string, CheckedFile> | undefined> {
    const inFiles = files.filter((f) => f.kind !== 'regions');
    const yaml = warmOrder(inFiles);
    const shared = sharedBytes(yaml);
    if (!shared) {
      this.stop();
      return undefined;
    }
    const next = new SharedArrayBuffer(4);
    const counter = new Int32Array(next);
    const results = new Array<CheckedFile | undefined>(yaml.length);
    const input: WorkerInput = { ...shared, files: yaml.map((f) => ({ kind: f.kind, file: f.file })), next, chunk: CHUNK };

    for (const worker of this.workers) {
      worker.on('message', (message: WorkerChunk) => {
        const chunk = JSON.parse(message.json) as Array<Omit<CheckedFile, 'file' | 'text'>>;
        chunk.forEach((r, k) => {
          const i = message.start + k;
          results[i] = { ...r, file: yaml[i]!.file, text: message.texts[k] };
        });
      });
      worker.ref();
      worker.postMessage(input);
    }

    for (;;) {
      const start = Atomics.add(counter, 0, CHUNK);
      if (start >= yaml.length) break;
      checkRange(yaml, results, start, Math.min(start + CHUNK, yaml.length), this.hook);
      // Take in what the workers sent so far: turning it into objects is work only this thread
      // can do, and done now it overlaps their parsing instead of following it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // A worker that failed (out of memory, say) leaves its last chunk unchecked: check it here.
    await Promise.all(this.stopped);
    return inFileOrder(inFiles, yaml, results);
  }
}

/**
 * The files' bytes as the workers get them: where they were all read into shared memory, where
 * they are (no copy); else copied into one shared buffer, unless they are more than
 * MAX_SHARED_BYTES (undefined). Copying into shared memory is slow (V8 copies a byte at a time
 * there: some 60 ms for 7 MB), which is why the reader reads into it directly.
 */
function sharedBytes(yaml: readonly RawFile[]): Pick<WorkerInput, 'blocks' | 'spans'> | undefined {
  const blocks: SharedArrayBuffer[] = [];
  const index = new Map<SharedArrayBuffer, number>();
  const spans: number[] = [];
  for (const { bytes } of yaml) {
    const block = bytes.buffer;
    if (!(block instanceof SharedArrayBuffer)) break;
    let at = index.get(block);
    if (at === undefined) {
      at = blocks.push(block) - 1;
      index.set(block, at);
    }
    spans.push(at, bytes.byteOffset, bytes.byteLength);
  }
  if (spans.length === 3 * yaml.length) return { blocks, spans };
  let total = 0;
  for (const f of yaml) total += f.bytes.byteLength;
  if (total > MAX_SHARED_BYTES) return undefined;
  const one = new SharedArrayBuffer(total);
  const view = new Uint8Array(one);
  const copied: number[] = [];
  let offset = 0;
  for (const { bytes } of yaml) {
    view.set(bytes, offset);
    copied.push(0, offset, bytes.byteLength);
    offset += bytes.byteLength;
  }
  return { blocks: [one], spans: copied };
}

/**
 * Run an item hook on the loaded items among the files `[start, end)` and keep its results with
 * them: `files[i]` names file i, `results[i - offset]` is what checking it gave.
 */
export function applyHook(
  run: ItemHookRun,
  files: ReadonlyArray<Pick<RawFile, 'kind' | 'file'>>,
  results: Array<Pick<CheckedFile, 'value' | 'itemFindings'> | undefined>,
  start: number,
  end: number,
  offset = 0,
): void {
  const at: number[] = [];
  const items: Array<{ file: string; item: Item }> = [];
  for (let i = start; i < end; i++) {
    const r = results[i - offset];
    if (files[i]!.kind === 'item' && r?.value !== undefined) {
      at.push(i - offset);
      // An item file's value is the item schema's output (check-file.ts).
      items.push({ file: files[i]!.file, item: r.value as Item });
    }
  }
  if (items.length === 0) return;
  const found = run(items);
  at.forEach((k, n) => (results[k]!.itemFindings = found[n]));
}

/**
 * Check the YAML files on this thread alone, chunk by chunk, running `hook` on each chunk's items
 * right after checking them (while they are still in the processor's caches). The result is the
 * same as `checkFile` on each file in turn.
 */
export function checkInChunks(files: readonly RawFile[], hook: ItemHook | undefined): Map<string, CheckedFile> {
  const yaml = files.filter((f) => f.kind !== 'regions');
  const order = warmOrder(yaml);
  const results = new Array<CheckedFile>(order.length);
  for (let start = 0; start < order.length; start += CHUNK) {
    checkRange(order, results, start, Math.min(start + CHUNK, order.length), hook);
  }
  return inFileOrder(yaml, order, results);
}

/**
 * The order to check the YAML files in: the departments file (one large file, a few hundred KB)
 * last, once the parser's code is warm from the items; parsed first, it takes three times as long.
 */
function warmOrder(yaml: RawFile[]): RawFile[] {
  const at = yaml.findIndex((f) => f.kind === 'departments');
  return at < 0 ? yaml : [...yaml.slice(0, at), ...yaml.slice(at + 1), yaml[at]!];
}

/** The results of the files checked in `order`, by file, in the order of `yaml`. */
function inFileOrder(yaml: readonly RawFile[], order: readonly RawFile[], results: ReadonlyArray<CheckedFile | undefined>): Map<string, CheckedFile> {
  const byFile = new Map<string, CheckedFile>();
  order.forEach((raw, i) => byFile.set(raw.file, results[i] ?? checkFile(raw)));
  return new Map(yaml.map((f) => [f.file, byFile.get(f.file)!]));
}

/** Check the files `[start, end)` on this thread into `results`, then run `hook` on their items. */
function checkRange(yaml: readonly RawFile[], results: Array<CheckedFile | undefined>, start: number, end: number, hook: ItemHook | undefined): void {
  for (let i = start; i < end; i++) results[i] = checkFile(yaml[i]!);
  if (hook) applyHook(hook.run, yaml, results, start, end);
}

/**
 * Check the YAML files of a catalog on the main thread and worker threads together (see
 * `ParsePool.check`), running `hook` on the items where given. Undefined when threads would not
 * pay or are not available; the caller then checks inline.
 */
export async function checkInParallel(
  files: readonly RawFile[],
  env: NodeJS.ProcessEnv = process.env,
  hook?: ItemHook,
): Promise<Map<string, CheckedFile> | undefined> {
  const pool = ParsePool.start(files.filter((f) => f.kind !== 'regions').length, env, hook);
  return pool?.check(files);
}
