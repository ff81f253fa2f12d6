/**
 * The thread of write-thread.ts: writes each batch of files it is sent, in order, and answers
 * with the batch's id, its buffer (handed back) and the first error if a write failed (the rest
 * of that batch is then not written). Nothing else: the files were named, claimed and hashed by the main thread.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

export interface WriteBatch {
  id: number;
  /** The bytes of every file of the batch, one after the other. */
  buffer: ArrayBuffer;
  /** Each file's absolute path, and where its bytes start and end in `buffer`. */
  files: Array<[file: string, start: number, end: number]>;
}

export interface WriteDone {
  id: number;
  /** The batch's buffer, handed back for the next batch once its files are written. */
  buffer: ArrayBuffer;
  error?: { message: string; code?: string; errno?: number; syscall?: string; path?: string };
}

parentPort?.on('message', ({ id, buffer, files }: WriteBatch) => {
  const bytes = new Uint8Array(buffer);
  let reply: WriteDone = { id, buffer };
  for (const [file, start, end] of files) {
    try {
      writeFileSync(file, bytes.subarray(start, end));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      reply = { id, buffer, error: { message: e.message, code: e.code, errno: e.errno, syscall: e.syscall, path: e.path } };
      break;
    }
  }
  parentPort!.postMessage(reply, [buffer]);
});
