import { parentPort } from 'node:worker_threads';
import { checkFile, type CheckedFile } from './check-file.js';
import { applyHook, type ItemHookRun, type WorkerChunk, type WorkerInput } from './parse-parallel.js';

/**
 * The work of a worker thread of `ParsePool`, called by its entry module once that module's
 * imports are loaded (so the worker loads them as soon as it starts): given the files, take
 * chunks from the shared queue until it is empty, check each file as the main thread would, run
 * `hook` on the chunk's items and send the results back per chunk.
 * @example serveParseWork(); // load/parse-worker.ts, the worker of a parse without a hook
 */
export function serveParseWork(hook?: ItemHookRun): void {
  const port = parentPort!;
  port.once('message', (input: WorkerInput) => {
    const blocks = input.blocks.map((block) => new Uint8Array(block));
    const counter = new Int32Array(input.next);
    for (;;) {
      const start = Atomics.add(counter, 0, input.chunk);
      if (start >= input.files.length) break;
      const end = Math.min(start + input.chunk, input.files.length);
      const results: Array<Omit<CheckedFile, 'file' | 'text'>> = [];
      const texts: Array<string | undefined> = [];
      for (let i = start; i < end; i++) {
        const { kind, file } = input.files[i]!;
        const checked = checkFile({
          kind,
          file,
          bytes: blocks[input.spans[3 * i]!]!.subarray(input.spans[3 * i + 1], input.spans[3 * i + 1]! + input.spans[3 * i + 2]!),
        });
        texts.push(checked.text);
        results.push({ findings: checked.findings, value: checked.value, unloadedCode: checked.unloadedCode });
      }
      if (hook) applyHook(hook, input.files, results, start, end, start);
      const message: WorkerChunk = { start, json: JSON.stringify(results), texts };
      port.postMessage(message);
    }
  });
}
