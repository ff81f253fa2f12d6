#!/usr/bin/env node
'use strict';
// The command `licat` (package.json "bin"). CommonJS, which Node starts a few milliseconds sooner
// than an ES module; bin/licat.js runs it for those who call that file.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const quick = quickAnswer(process.argv.slice(2));
if (quick !== undefined) {
  // Same as the command line's answer, without loading it: on a closed pipe, quietly; on any
  // other failure to write, one line and exit 2 (src/cli/main.ts guardStandardStreams).
  process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE') process.stderr.write(`licat: ${english() ? 'cannot write the output: ' : '无法写入输出：'}${error.code ?? error.message}\n`);
    process.exit(error.code === 'EPIPE' ? 0 : 2);
  });
  process.stdout.write(quick);
} else {
  Promise.resolve()
    // lib/bundle/main.cjs is lib/cli/main.js and every module it imports in one file (scripts/bundle.mjs).
    .then(() => require('./load-bundle.cjs').loadBundle().exports.main(process.argv))
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
}

/**
 * The answer to `licat --version` and `licat --help` alone, which need nothing of the command
 * line but its version and its help: the help as commander writes it, kept by `npm run build`
 * (lib/bundle/help.json, scripts/code-cache.mjs) for an output 80 columns wide (commander's width
 * for anything but a terminal) and, where the text is the same at any greater width, for wider
 * terminals too. Else undefined: the command line answers.
 */
function quickAnswer(args) {
  if (args.length !== 1) return undefined;
  try {
    if (args[0] === '--version' || args[0] === '-V') {
      return `${JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version}\n`;
    }
    if (args[0] === '--help' || args[0] === '-h') {
      const help = JSON.parse(readFileSync(path.join(__dirname, '..', 'lib', 'bundle', 'help.json'), 'utf8'));
      const width = (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80;
      if (width === 80 || (width > 80 && help.sameWhenWider === true)) return help.text;
    }
  } catch {
    // not built, or damaged: the command line answers (or reports)
  }
  return undefined;
}

function english() {
  return (process.env.LICAT_LANG ?? '').toLowerCase().startsWith('en');
}
