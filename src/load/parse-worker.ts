import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from './compose.js';
import type { WorkerChunk, WorkerInput } from './parse-parallel.js';

/**
 * A worker thread of `checkInParallel`: takes chunks of files from the shared queue until it is
 * empty, checks each file as the main thread would and sends the results back per chunk.
 */
const input = workerData as WorkerInput;
const bytes = new Uint8Array(input.bytes);
const counter = new Int32Array(input.next);
const port = parentPort!;

for (;;) {
  const start = Atomics.add(counter, 0, input.chunk);
  if (start >= input.files.length) break;
  const end = Math.min(start + input.chunk, input.files.length);
  const results: unknown[] = [];
  const texts: Array<string | undefined> = [];
  for (let i = start; i < end; i++) {
    const { kind, file } = input.files[i]!;
    const checked = checkFile({ kind, file, bytes: bytes.subarray(input.offsets[i], input.offsets[i + 1]) });
    texts.push(checked.text);
    results.push({ findings: checked.findings, value: checked.value, unloadedCode: checked.unloadedCode });
  }
  const message: WorkerChunk = { start, json: JSON.stringify(results), texts };
  port.postMessage(message);
}
port.postMessage({ done: true });
