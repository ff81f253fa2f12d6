import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WriteBatch, WriteDone } from './write-worker.js';

const WORKER = new URL('./write-worker.js', import.meta.url);

/** Files in one batch, and the bytes a batch starts with (a larger file gets a batch of its own size). */
const BATCH_FILES = 32;
const BATCH_BYTES = 1 << 20;
/**
 * Buffers of written batches kept for the next ones: memory touched for the first time costs more
 * than filling it (on some machines more than a millisecond a megabyte), and a full build sends
 * some thousand batches.
 */
const SPARE_BUFFERS = 8;

interface Batch {
  id: number;
  bytes: Buffer;
  used: number;
  files: WriteBatch['files'];
  done: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Writes files on a thread of its own, so that creating tens of thousands of small files (the
 * largest single cost of a full feeds build, in the kernel) overlaps with building, checking
 * and hashing the next ones on the main thread. Files are sent in batches: encoded into one
 * buffer, which is handed over to the thread (not copied). A batch goes when it is full, or
 * when the main thread next waits for anything (a `setImmediate`), so that awaiting a file's
 * `done` never waits for a batch that was not sent.
 * @example const w = new WriteThread(); const { bytes, done } = w.add('/tmp/x/a.json', text); hash(bytes); await done; await w.close();
 */
export class WriteThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Batch>();
  private batch: Batch | undefined;
  private scheduled = false;
  private ids = 0;
  private failure: Error | undefined;
  private readonly spare: Buffer[] = [];

  /** Whether the thread's module is there: not when running from the TypeScript sources (tests). */
  static available(): boolean {
    return existsSync(fileURLToPath(WORKER));
  }

  constructor() {
    // None of the main thread's node options (--input-type, --cpu-prof, …): it only writes files.
    this.worker = new Worker(WORKER, { execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (reply: WriteDone) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('the file-writing thread stopped')));
  }

  /**
   * Queue `data` (text, bytes, or pieces of bytes one after the other) to be written to the
   * absolute path `file` (its folder exists). Returns its bytes
   * (valid until the main thread next waits: hash them at once) and a promise settled once the
   * file is written, rejected with the file-system error if it could not be.
   */
  add(file: string, data: string | Uint8Array | readonly Uint8Array[]): { bytes: Uint8Array; done: Promise<void> } {
    const pieces: readonly Uint8Array[] | undefined = typeof data === 'string' || data instanceof Uint8Array ? undefined : data;
    if (this.failure) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : pieces ? Buffer.concat(pieces) : (data as Uint8Array);
      return { bytes, done: Promise.reject(this.failure) };
    }
    // At most 3 bytes of UTF-8 per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
    const most = typeof data === 'string' ? data.length * 3 : pieces ? pieces.reduce((n, piece) => n + piece.byteLength, 0) : (data as Uint8Array).byteLength;
    let batch = this.batch;
    if (batch && (batch.files.length >= BATCH_FILES || batch.used + most > batch.bytes.length)) {
      this.send();
      batch = undefined;
    }
    batch ??= this.open(most);
    const start = batch.used;
    if (typeof data === 'string') batch.used += batch.bytes.write(data, start, 'utf8');
    else {
      for (const piece of pieces ?? [data as Uint8Array]) {
        batch.bytes.set(piece, batch.used);
        batch.used += piece.byteLength;
      }
    }
    batch.files.push([file, start, batch.used]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.send();
      });
    }
    return { bytes: batch.bytes.subarray(start, batch.used), done: batch.done };
  }

  /** Send what is queued and wait for every write; rejects with the first failure. Then the thread ends. */
  async close(): Promise<void> {
    this.send();
    const pending = [...this.waiting.values()].map((b) => b.done.catch(() => undefined));
    await Promise.all(pending);
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
    if (this.failure) throw this.failure;
  }

  /** End the thread now, without waiting (a build being aborted). */
  abort(): void {
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }

  private open(most: number): Batch {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A rejection is seen by whoever awaits a file of the batch (or close()); never unhandled here.
    done.catch(() => undefined);
    const bytes = most <= BATCH_BYTES ? this.spare.pop() : undefined;
    this.batch = { id: ++this.ids, bytes: bytes ?? Buffer.allocUnsafeSlow(Math.max(BATCH_BYTES, most)), used: 0, files: [], done, resolve, reject };
    return this.batch;
  }

  private send(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    this.waiting.set(batch.id, batch);
    this.worker.ref();
    const message: WriteBatch = { id: batch.id, buffer: batch.bytes.buffer as ArrayBuffer, files: batch.files };
    this.worker.postMessage(message, [message.buffer]);
  }

  private settle(reply: WriteDone): void {
    const batch = this.waiting.get(reply.id);
    if (!batch) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.buffer.byteLength === BATCH_BYTES && this.spare.length < SPARE_BUFFERS) this.spare.push(Buffer.from(reply.buffer));
    if (reply.error) {
      const error = Object.assign(new Error(reply.error.message), reply.error);
      this.failure ??= error;
      batch.reject(error);
    } else batch.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const batch of this.waiting.values()) batch.reject(error);
    this.waiting.clear();
    this.batch?.reject(error);
    this.batch = undefined;
    this.worker.unref();
  }
}
