// Part of `npm run build`, after scripts/bundle.mjs: keep what bin/licat.cjs takes instead of doing
// it again in every run (bin/load-bundle.cjs):
// - lib/bundle/help.json: `licat --help` as commander writes it 80 columns wide, and whether it is
//   the same at any greater width (then a wider terminal gets it too);
// - lib/bundle/main.cjs.code-cache: V8's compiled code of the bundle, made after checking the
//   sample catalog (catalog/), so that it holds the functions `licat validate` runs, led by the
//   SHA-256 of the bundle and the cache together. Node >= 22.1 keeps its own compile cache: there,
//   none is made.
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { CODE_CACHE, NODE_COMPILE_CACHE, codeCacheFile, loadBundle } = createRequire(import.meta.url)(path.join(root, 'bin', 'load-bundle.cjs'));

const { exports, script, bytes } = loadBundle({ compile: !NODE_COMPILE_CACHE, useCache: false });

const text = exports.rootHelp(80);
const sameWhenWider = [81, 100, 120, 200, 1000].every((width) => exports.rootHelp(width) === text);
writeFileSync(path.join(root, 'lib', 'bundle', 'help.json'), `${JSON.stringify({ text, sameWhenWider })}\n`);

rmSync(CODE_CACHE, { force: true });
if (script) {
  // The functions a check runs, compiled by running one, its report kept from the terminal.
  const write = process.stdout.write;
  process.stdout.write = () => true;
  let code;
  try {
    code = await exports.main(['node', 'licat', 'validate', path.join(root, 'catalog'), '--format', 'json']);
  } finally {
    process.stdout.write = write;
  }
  if (code !== 0) {
    console.error(`code-cache: licat validate catalog/ exited ${code}; the sample catalog should be clean`);
    process.exit(1);
  }
  writeFileSync(CODE_CACHE, codeCacheFile(bytes, script));
}
