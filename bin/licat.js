#!/usr/bin/env node
import module from 'node:module';
import v8 from 'node:v8';

// Grow V8's young generation to its full size in one step instead of doubling it from 1 MB: a
// run keeps most of what it reads (the parsed catalog), and every young collection on the way
// copies all of it again (on the 1,200-item catalog, 21 collections become 12-14, some 20-45 ms
// of `licat validate`). The largest size is V8's own default; only the way there is shorter.
v8.setFlagsFromString('--semi-space-growth-factor=16');

// Where Node has it (>= 22.1), keep the compiled code of licat's modules between runs: a run then
// starts without compiling them again. Older versions compile as before.
if (typeof module.enableCompileCache === 'function') {
  try {
    module.enableCompileCache();
  } catch {
    // no cache this run (an unwritable temporary folder, say): only slower
  }
}

// lib/bundle/ is lib/cli/main.js and what it imports in a few files (scripts/bundle.mjs): quicker to load.
import('../lib/bundle/main.js')
  .then(({ main }) => main(process.argv))
  .then(
    (code) => {
      process.exitCode = code;
      // Everything is done and written: leave now rather than have Node free every page of the
      // heap first (some tens of milliseconds after a large catalog). After the pending events,
      // so that a failed write of the output is heard (main.ts: exit 2); where output is still
      // queued (a pipe on some platforms), Node exits on its own once it is written.
      setImmediate(() => {
        if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
      });
    },
    (error) => {
      // main reports every failure itself; this is the last guard (a broken install, say).
      const at = error && error.stack ? (/((?:lib|bin)\/[^\s():]+:\d+)/.exec(error.stack) || [])[1] : undefined;
      process.stderr.write(`licat: internal error: ${error && error.message ? error.message.split('\n')[0] : String(error)}${at ? ` (at ${at})` : ''}\n`);
      if (process.env.LICAT_DEBUG && error && error.stack) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 2;
    },
  );
