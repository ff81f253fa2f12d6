import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type CheckedFile } from './compose.js';
import { applyHook, type ItemHook, type WorkerChunk, type WorkerInput, type WorkerStart } from './parse-parallel.js';

/**
 * A worker thread of `ParsePool`: loads its modules as soon as it starts, then, given the files,
 * takes chunks from the shared queue until it is empty, checks each file as the main thread
 * would and sends the results back per chunk.
 */
const port = parentPort!;
const { hook: hookModule } = workerData as WorkerStart;
const hook = hookModule ? ((await import(hookModule)) as { afterCheck: ItemHook['run'] }).afterCheck : undefined;

port.once('message', (input: WorkerInput) => {
  const bytes = new Uint8Array(input.bytes);
  const counter = new Int32Array(input.next);
  for (;;) {
    const start = Atomics.add(counter, 0, input.chunk);
    if (start >= input.files.length) break;
    const end = Math.min(start + input.chunk, input.files.length);
    const results: Array<Omit<CheckedFile, 'file' | 'text'>> = [];
    const texts: Array<string | undefined> = [];
    for (let i = start; i < end; i++) {
      const { kind, file } = input.files[i]!;
      const checked = checkFile({ kind, file, bytes: bytes.subarray(input.offsets[i], input.offsets[i + 1]) });
      texts.push(checked.text);
      results.push({ findings: checked.findings, value: checked.value, unloadedCode: checked.unloadedCode });
    }
    if (hook) applyHook(hook, input.files, results, start, end, start);
    const message: WorkerChunk = { start, json: JSON.stringify(results), texts };
    port.postMessage(message);
  }
});
