// Part of `npm run build`, after tsc: bundle the command line (lib/cli/main.js and every module
// it imports, with zod, js-yaml and commander) into one CommonJS file, lib/bundle/main.cjs, which
// bin/licat.cjs loads (bin/load-bundle.cjs). Node then reads and compiles one file at start-up
// instead of resolving, reading and linking a few hundred ES modules (licat's own and zod's), which
// was most of what a short run like `licat validate` spent before it read the catalog: on the
// province catalog, loading the modules `validate` needs took about 100 ms as ES module chunks,
// under 30 ms as this one file with its code cache (scripts/code-cache.mjs). Modules imported only
// by some commands (the emitters, fix, watch...) are in the file too, but run only when imported:
// V8 compiles a function when it is first called, so what a command never calls costs little more
// than reading it. The worker threads' entries are bundled the same way (lib/bundle/check-worker.cjs,
// parse-worker.cjs). Other packages (exceljs, puppeteer...) are not bundled and load from
// node_modules as before, through the same dynamic imports; the yaml library, which licat requires
// only where a position is needed, becomes one file of its own, lib/bundle/yaml.cjs.
//
// The modules of lib/ stay where tsc wrote them: the scripts and tests import them. Each bundled
// module keeps its own `import.meta.url` (rewritten to its file in lib/), so the files it finds
// beside itself (schemas, templates, data, workers) are the same.
// esbuild-wasm is esbuild built to WebAssembly: no native binary is installed or downloaded.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as acorn from 'acorn';
import * as esbuild from 'esbuild-wasm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = path.join(root, 'lib');
const outdir = path.join(lib, 'bundle');
/** Packages bundled in: the ones every command loads at start-up. */
const BUNDLED = new Set(['zod', 'js-yaml', 'commander']);

/** The package a bare import names: `zod/v4/core` -> `zod`, `@scope/name/x` -> `@scope/name`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * commander loads node:child_process (and through it node:net) when it is first required, for
 * subcommands that are separate executables, which licat has none of: some 10 ms of every start,
 * `licat --help` included. Its require gets a stand-in that loads the module on first use.
 * @type {import('esbuild-wasm').Plugin}
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'licat' } : undefined,
    );
    build.onLoad({ filter: /^lazy-child-process$/, namespace: 'licat' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, name) => (real ??= require('node:child_process'))[name] });",
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild-wasm').Plugin} */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || !BUNDLED.has(packageOf(args.path))) return { path: args.path, external: true };
      return undefined;
    });
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!args.path.startsWith(lib + path.sep) || !text.includes('import.meta.url')) return undefined;
      const own = path.relative(outdir, args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, __licatBundleUrl).href`), loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  // The worker threads' entries too (load/parse-parallel.ts workerEntry): a worker then starts
  // from one file.
  entryPoints: {
    main: path.join(lib, 'cli', 'main.js'),
    'check-worker': path.join(lib, 'pipeline', 'check-worker.js'),
    'parse-worker': path.join(lib, 'load', 'parse-worker.js'),
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The URL of the bundle itself, from which each module's own URL is made (keepModuleUrls), and
  // the import() of other packages (see below).
  banner: {
    js: [
      "const __licatBundleUrl = require('node:url').pathToFileURL(__filename).href;",
      "const __licatImport = (specifier) => require('./import.cjs')(specifier);",
    ].join('\n'),
  },
  legalComments: 'none',
  plugins: [lazyChildProcess, keepModuleUrls],
  logLevel: 'warning',
  metafile: true,
});
if (result.errors.length > 0) process.exit(1);

// The packages a bundle imports with import() (exceljs, puppeteer...) are imported by
// lib/bundle/import.cjs, beside it, so they are found as before: Node compiles import.cjs itself,
// while bin/load-bundle.cjs may compile the bundle with V8's code cache, and code taken from that
// cache cannot import() (Node 20 loses the import callback of a script given cached data).
// Every import() esbuild left in a bundle is rewritten, and counted against its metafile.
await writeFile(
  path.join(outdir, 'import.cjs'),
  "'use strict';\n// import() for lib/bundle/*.cjs (scripts/bundle.mjs).\nmodule.exports = (specifier) => import(specifier);\n",
);
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.cjs')) continue;
  const expected = output.imports.filter((i) => i.kind === 'dynamic-import' && i.external).length;
  const text = await readFile(file, 'utf8');
  let found = 0;
  const rewritten = text.replace(/(?<![\w$.])import\(/g, () => {
    found++;
    return '__licatImport(';
  });
  if (found !== expected) {
    console.error(`bundle: ${file} has ${found} import( where esbuild reports ${expected} dynamic imports; cannot rewrite them safely`);
    process.exit(1);
  }
  await writeFile(file, asciiOnly(file, rewritten));
}

/**
 * The bundle in ASCII alone, so that bin/load-bundle.cjs reads it as Latin-1 into a string of
 * one byte a character: half the memory, and some 10 ms less than decoding it as UTF-8 (loading
 * the bundle: 42 -> 29 ms). esbuild already writes strings and templates in ASCII; what is left
 * is in regular expression literals and comments, where `\uXXXX` means the same UTF-16 unit.
 * The text is parsed (acorn) to find them; a character anywhere else (the raw text of a tagged
 * template), or escaped by a backslash, stops the build.
 */
function asciiOnly(file, text) {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const spans = [];
  acorn.parse(text, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowReturnOutsideFunction: true,
    onComment: (_block, _text, start, end) => spans.push([start, end]),
    onToken: (token) => {
      if (token.type === acorn.tokTypes.regexp) spans.push([token.start, token.end]);
    },
  });
  spans.sort((a, b) => a[0] - b[0]);
  let span = 0;
  return text.replace(/[^\x00-\x7f]/g, (char, at) => {
    while (span < spans.length && spans[span][1] <= at) span++;
    const inside = span < spans.length && spans[span][0] <= at;
    if (!inside || text[at - 1] === '\\') {
      const line = text.slice(0, at).split('\n').length;
      console.error(`bundle: ${file}:${line} has ${JSON.stringify(char)} outside a regular expression or comment; cannot write it in ASCII`);
      process.exit(1);
    }
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

// The yaml library, which load/yaml-library.ts requires (synchronously) only where a position is
// needed: the same package in one CommonJS file.
const yaml = await esbuild.build({
  entryPoints: [createRequire(import.meta.url).resolve('yaml')],
  outfile: path.join(outdir, 'yaml.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
if (yaml.errors.length > 0) process.exit(1);
await esbuild.stop?.();
