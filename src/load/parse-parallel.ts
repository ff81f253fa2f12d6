import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkFile, type CheckedFile } from './compose.js';
import type { FileKind, RawFile } from './read-catalog.js';

/** Fewest files worth a worker thread: below this, starting one costs more than it saves. */
export const PARALLEL_MIN_FILES = 300;
/** Most worker threads: the main thread still turns every worker's results into objects. */
const MAX_WORKERS = 3;
/** Files taken at a time from the shared queue. */
const CHUNK = 32;
/** Larger catalogs are checked on one thread rather than copied into shared memory at once. */
const MAX_SHARED_BYTES = 1024 * 1024 * 1024;

/** What a worker gets: every file's bytes in one shared buffer, and the shared queue position. */
export interface WorkerInput {
  bytes: SharedArrayBuffer;
  /** File i is `bytes[offsets[i], offsets[i + 1])`. */
  offsets: number[];
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
 * How many worker threads to use for `count` files: none for a small catalog or a one-core
 * machine, else one less than the cores (the main thread works too), at most three.
 * `LICAT_WORKERS=n` overrides it (0 checks everything on the main thread).
 */
export function workerCount(count: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.LICAT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced.trim())) return Number(forced);
  if (count < PARALLEL_MIN_FILES) return 0;
  return Math.max(0, Math.min(MAX_WORKERS, availableParallelism() - 1));
}

const WORKER = new URL('./parse-worker.js', import.meta.url);

/**
 * Check the YAML files of a catalog (decode, parse, schema) on the main thread and worker
 * threads together: each takes the next chunk from a shared queue, so a slow start or a busy
 * core balances itself. The result is the same as `checkFile` on each file in turn.
 * Returns undefined when threads would not pay (small catalog, one core, LICAT_WORKERS=0) or are
 * not available (running from the TypeScript sources); the caller then checks inline.
 */
export async function checkInParallel(files: readonly RawFile[], env: NodeJS.ProcessEnv = process.env): Promise<Map<string, CheckedFile> | undefined> {
  const yaml = files.filter((f) => f.kind !== 'regions');
  const workers = workerCount(yaml.length, env);
  if (workers === 0 || !existsSync(fileURLToPath(WORKER))) return undefined;
  const offsets = [0];
  for (const f of yaml) offsets.push(offsets[offsets.length - 1]! + f.bytes.byteLength);
  const total = offsets[offsets.length - 1]!;
  if (total > MAX_SHARED_BYTES) return undefined;

  const shared = new SharedArrayBuffer(total);
  const view = new Uint8Array(shared);
  yaml.forEach((f, i) => view.set(f.bytes, offsets[i]));
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  const results = new Array<CheckedFile | undefined>(yaml.length);
  const input: WorkerInput = { bytes: shared, offsets, files: yaml.map((f) => ({ kind: f.kind, file: f.file })), next, chunk: CHUNK };

  const finished = Array.from({ length: workers }, () => {
    // A worker's stack is as deep as the main thread's, so deeply nested YAML fails the same way.
    const worker = new Worker(WORKER, { workerData: input, resourceLimits: { stackSizeMb: 1 } });
    return new Promise<void>((resolve, reject) => {
      let done = false;
      worker.on('message', (message: WorkerChunk | { done: true }) => {
        if ('done' in message) {
          done = true;
          return;
        }
        const chunk = JSON.parse(message.json) as Array<Omit<CheckedFile, 'file' | 'text'>>;
        chunk.forEach((r, k) => {
          const i = message.start + k;
          results[i] = { ...r, file: yaml[i]!.file, text: message.texts[k] };
        });
      });
      worker.once('error', reject);
      worker.once('exit', (code) => (done ? resolve() : reject(new Error(`parse worker stopped (exit ${code}) before finishing`))));
    });
  });

  for (;;) {
    const start = Atomics.add(counter, 0, CHUNK);
    if (start >= yaml.length) break;
    for (let i = start; i < Math.min(start + CHUNK, yaml.length); i++) results[i] = checkFile(yaml[i]!);
  }
  // A worker that failed (out of memory, say) leaves its last chunk unchecked: check it here.
  await Promise.allSettled(finished);
  const out = new Map<string, CheckedFile>();
  results.forEach((r, i) => {
    const result = r ?? checkFile(yaml[i]!);
    out.set(result.file, result);
  });
  return out;
}
