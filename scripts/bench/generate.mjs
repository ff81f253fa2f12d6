// Writes synthetic catalogs for the benchmark from the sample's own item shapes, with unique,
// valid basic codes. Deterministic: the same arguments give the same files.
//
//   node scripts/bench/generate.mjs items OUT_DIR [COUNT=10000]
//       COUNT item files, cycling through the sample's items, over the sample's region tree.
//   node scripts/bench/generate.mjs province OUT_DIR
//       1,200 items over the real Guangdong region tree whose offerings total about 1,000,000:
//       30 items at every village, 100 at every town, 600 at every county, 800 at every city.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'catalog');

function sampleItems() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (name.endsWith('.yaml')) out.push(readFileSync(abs, 'utf8'));
    }
  };
  walk(path.join(SAMPLE, 'items'));
  if (out.length === 0) throw new Error('the sample catalog has no items');
  return out;
}

function baseCatalog(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'items'), { recursive: true });
  for (const name of ['catalog.yaml', 'departments.yaml', 'regions']) {
    cpSync(path.join(SAMPLE, name), path.join(out, name), { recursive: true });
  }
}

/** Give a sample item a new basic code (owner 44, its own type) and a distinct name. */
function retarget(text, index, levels, acceptedAt) {
  const main = String(10000 + index).padStart(5, '0');
  let next = text
    .replace(/^code: "(\d\d)(\d\d)\d{8}"/m, (_m, _owner, type) => `code: "44${type}${main}000"`)
    .replace(/^name: (.*)$/m, (_m, name) => `name: ${name}（样例${index}）`);
  if (levels) {
    next = next.replace(/^levels: .*$/m, `levels: [${levels.join(', ')}]`);
    next = next.replace(/^acceptedAt: .*\n/m, '');
    if (acceptedAt.length > 0) next = next.replace(/^(levels: .*\n)/m, `$1acceptedAt: [${acceptedAt.join(', ')}]\n`);
  }
  return next;
}

function writeItems(out, plan) {
  const items = sampleItems();
  let index = 0;
  for (const { count, levels, acceptedAt } of plan) {
    for (let i = 0; i < count; i++, index++) {
      const dir = path.join(out, 'items', `g${String(Math.floor(index / 500)).padStart(3, '0')}`);
      if (index % 500 === 0) mkdirSync(dir, { recursive: true });
      const text = retarget(items[index % items.length], index, levels, acceptedAt ?? []);
      writeFileSync(path.join(dir, `item-${String(index).padStart(6, '0')}.yaml`), text);
    }
  }
  return index;
}

const [mode, out, countArg] = process.argv.slice(2);
if (!mode || !out) {
  console.error('usage: node scripts/bench/generate.mjs items|province OUT_DIR [COUNT]');
  process.exit(2);
}
baseCatalog(out);
let written;
if (mode === 'items') {
  written = writeItems(out, [{ count: Number(countArg ?? 10000) }]);
} else if (mode === 'province') {
  written = writeItems(out, [
    { count: 30, levels: ['county'], acceptedAt: ['town', 'village'] },
    { count: 70, levels: ['county'], acceptedAt: ['town'] },
    { count: 500, levels: ['city', 'county'] },
    { count: 300, levels: ['city'] },
    { count: 300, levels: ['province'] },
  ]);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
console.log(`${out}: ${written} items`);
