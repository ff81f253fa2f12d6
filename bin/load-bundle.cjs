'use strict';
// How bin/licat.cjs loads licat's command line, lib/bundle/main.cjs (scripts/bundle.mjs).
//
// Where Node has a compile cache (module.enableCompileCache, Node >= 22.1), it is turned on and
// the bundle is required as any CommonJS module is: Node keeps its compiled code between runs. Older versions have no such cache, so `npm run build` keeps the code it compiled
// while checking the sample catalog beside the bundle (main.cjs.code-cache, made by
// scripts/code-cache.mjs), and V8 is given it with the source: it then takes the functions
// already compiled instead of compiling them again. V8 itself refuses a cache made by another
// version of it or under other flags; the file also starts with the SHA-256 of the bundle it was
// made from and of the cache itself, and is not used for any other bundle, nor where damaged.
// Without a usable cache the bundle is compiled as usual: only slower.
const { isAscii } = require('node:buffer');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

const BUNDLE = path.join(__dirname, '..', 'lib', 'bundle', 'main.cjs');
/** Whether Node keeps compiled code between runs itself (>= 22.1): then no code cache of licat's is made or used. */
const NODE_COMPILE_CACHE = typeof Module.enableCompileCache === 'function';
const CODE_CACHE = `${BUNDLE}.code-cache`;
const DIGEST_BYTES = 32;

/**
 * Load the command line. `compile`: compile the bundle here even where Node has a compile cache
 * (scripts/code-cache.mjs, to make the cache of); `useCache`: give V8 the cache where it matches.
 * Returns the bundle's exports, and where it was compiled here, the script, the bundle's bytes and
 * whether V8 took the cache.
 * @returns {{ exports: { main: (argv: string[]) => Promise<number>, rootHelp: (width: number) => string }, script?: import('node:vm').Script, bytes?: Buffer, cached?: boolean }}
 */
function loadBundle({ compile = false, useCache = true } = {}) {
  // Grow V8's young generation to its full size in one step instead of doubling it from 1 MB: a
  // run keeps most of what it reads (the parsed catalog), and every young collection on the way
  // copies all of it again (on the 1,200-item catalog, 21 collections become 12-14, some 20-45 ms
  // of `licat validate`). The largest size is V8's own default; only the way there is shorter.
  // Set before the bundle is compiled, here for every caller: V8 keeps a code cache only for the
  // flags it was made under.
  v8.setFlagsFromString('--semi-space-growth-factor=16');
  if (!compile && NODE_COMPILE_CACHE) {
    try {
      Module.enableCompileCache();
    } catch {
      // no cache this run (an unwritable temporary folder, say): only slower
    }
    return { exports: require(BUNDLE) };
  }
  const bytes = fs.readFileSync(BUNDLE);
  const cachedData = useCache ? cacheOf(bytes) : undefined;
  // ASCII as scripts/bundle.mjs writes it: read as Latin-1, a string of one byte a character.
  const script = new vm.Script(Module.wrap(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')), {
    filename: BUNDLE,
    cachedData,
    // No import() in it: the bundle imports other packages through lib/bundle/import.cjs (scripts/bundle.mjs).
  });
  // A module of its own, in require's cache, as if required.
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  require.cache[BUNDLE] = bundle;
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(BUNDLE), bundle, BUNDLE, path.dirname(BUNDLE));
  bundle.loaded = true;
  return { exports: bundle.exports, script, bytes, cached: cachedData !== undefined && script.cachedDataRejected !== true };
}

/** V8's cache for the bundle `bytes`, when the cache file was made from exactly them. */
function cacheOf(bytes) {
  let file;
  try {
    file = fs.readFileSync(CODE_CACHE);
  } catch {
    return undefined; // none made (a build on Node >= 22.1), or unreadable: compiled as usual
  }
  if (file.length <= DIGEST_BYTES) return undefined;
  const data = file.subarray(DIGEST_BYTES);
  return digestOf(bytes, data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/** The cache file's bytes for a bundle compiled by `loadBundle` (scripts/code-cache.mjs). */
function codeCacheFile(bytes, script) {
  const data = script.createCachedData();
  return Buffer.concat([digestOf(bytes, data), data]);
}

/** SHA-256 of the bundle and V8's data together: a cache damaged anywhere, or made for another bundle, is not V8's to judge. */
function digestOf(bytes, data) {
  return createHash('sha256').update(bytes).update(data).digest();
}

module.exports = { BUNDLE, CODE_CACHE, NODE_COMPILE_CACHE, loadBundle, codeCacheFile };
