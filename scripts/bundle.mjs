// Part of `npm run build`, after tsc: bundle the command line (lib/cli/main.js and every module
// it imports, with zod, js-yaml and commander) into lib/bundle/, which bin/licat.js loads. Node
// then resolves, reads and links a few dozen files at start-up instead of some 220 (licat's own
// modules and zod's), which is most of what a short run like `licat validate` spends before it
// reads the catalog. Modules imported only by some commands (the emitters, fix, watch...) stay
// in chunks of their own, loaded when a command needs them. The worker threads' entries are
// bundled too (lib/bundle/check-worker.js, parse-worker.js). Other packages (exceljs,
// puppeteer...) are not bundled and load from node_modules as before; the yaml library, which
// licat requires only where a position is needed, becomes one file of its own,
// lib/bundle/yaml.cjs.
//
// The modules of lib/ stay where tsc wrote them: the scripts and tests import them. Each bundled
// module keeps its own `import.meta.url` (rewritten to its file in lib/), so the files it finds
// beside itself (schemas, templates, data, workers) are the same.
// esbuild-wasm is esbuild built to WebAssembly: no native binary is installed or downloaded.
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  // The worker threads' entries too (load/parse-parallel.ts workerEntry): a worker then starts
  // from the same few files.
  entryPoints: {
    main: path.join(lib, 'cli', 'main.js'),
    'check-worker': path.join(lib, 'pipeline', 'check-worker.js'),
    'parse-worker': path.join(lib, 'load', 'parse-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // commander is CommonJS: its require() of Node's built-in modules needs a require in an ES module.
  banner: { js: "import { createRequire as __licatCreateRequire } from 'node:module';\nconst require = __licatCreateRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  plugins: [lazyChildProcess, keepModuleUrls],
  logLevel: 'warning',
  metafile: true,
});
if (result.errors.length > 0) process.exit(1);

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
