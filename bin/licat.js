#!/usr/bin/env node
import { main } from '../lib/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main reports every failure itself; this is the last guard (a broken install, say).
    const at = error && error.stack ? (/((?:lib|bin)\/[^\s():]+:\d+)/.exec(error.stack) || [])[1] : undefined;
    process.stderr.write(`licat: internal error: ${error && error.message ? error.message.split('\n')[0] : String(error)}${at ? ` (at ${at})` : ''}\n`);
    if (process.env.LICAT_DEBUG && error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
