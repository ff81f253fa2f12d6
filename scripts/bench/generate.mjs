// Writes synthetic catalogs for the benchmark from the sample's own item shapes, with unique,
// valid basic codes. Deterministic: the same arguments and sample give the same files.
//
//   node scripts/bench/generate.mjs items OUT_DIR [COUNT=10000] [--findings N]
//       COUNT item files, cycling through the sample's items, over the sample's region tree.
//       With --findings N, N of them (spread evenly) get a catch-all clause in their conditions,
//       so that the run also measures locating and reporting problems.
//   node scripts/bench/generate.mjs province OUT_DIR
//       1,200 items over the real Guangdong region tree whose offerings total about 1,000,000:
//       30 items at every village, 100 at every town, 600 at every county, 800 at every city.
//       With --scale F, F times as many items in each group (0.1 for a quick run).
//
// The benchmark measures the clean path: a sample item that would give a problem in the
// generated catalog (a rule it breaks, a department without bodies at the levels it is moved
// to) is left out, and the script says which. It uses the built checker, so run `npm run build`
// first (`npm run bench` does).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'catalog');
const CHECKER = path.join(ROOT, 'lib/pipeline/check-catalog.js');

/** The sample's item files, in path order: `{ rel, text }`. */
function sampleItems() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (name.endsWith('.yaml')) out.push({ rel: path.relative(SAMPLE, abs).split(path.sep).join('/'), text: readFileSync(abs, 'utf8') });
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

/** Give a sample item a new basic code (owner 44, its own type), a distinct name and step role; optionally new levels. */
function retarget(text, index, levels, acceptedAt) {
  const main = String(10000 + index).padStart(5, '0');
  let next = text
    .replace(/^code: "(\d\d)(\d\d)\d{8}"/m, (_m, _owner, type) => `code: "44${type}${main}000"`)
    .replace(/^name: (.*)$/m, (_m, name) => `name: ${name}（样例${index}）`)
    // One flowchart label of its own per item, as real items differ (Mermaid memoizes the
    // measuring of label text, so 1,200 copies of 44 processes would render unrealistically fast).
    .replace(/^( +role: )(.*)$/m, (_m, key, role) => `${key}${role}（样例${index}）`);
  if (levels) {
    next = next.replace(/^levels: .*$/m, `levels: [${levels.join(', ')}]`);
    next = next.replace(/^acceptedAt: .*\n/m, '');
    if (acceptedAt.length > 0) next = next.replace(/^(levels: .*\n)/m, `$1acceptedAt: [${acceptedAt.join(', ')}]\n`);
  }
  return next;
}

/** A catch-all clause added as the first condition: one `catch-all-clause` error, located. */
function withFinding(text) {
  return text.replace(/^conditions:\n/m, 'conditions:\n  - 法律、法规规定的其他条件。\n');
}

/**
 * The sample items that stay clean when retargeted to `levels`/`acceptedAt` (or left as they are):
 * all of them are checked together in memory over the real region tree.
 */
const said = new Set();

async function cleanCandidates(items, levels, acceptedAt) {
  if (!existsSync(CHECKER)) throw new Error('lib/ is missing: run `npm run build` first');
  const { checkFiles } = await import(pathToFileURL(CHECKER).href);
  const files = [];
  const add = (kind, rel, bytes) => files.push({ kind, file: `bench/${rel}`, rel, bytes });
  add('catalog', 'catalog.yaml', readFileSync(path.join(SAMPLE, 'catalog.yaml')));
  add('departments', 'departments.yaml', readFileSync(path.join(SAMPLE, 'departments.yaml')));
  for (const name of readdirSync(path.join(SAMPLE, 'regions')).sort()) {
    add('regions', `regions/${name}`, readFileSync(path.join(SAMPLE, 'regions', name)));
  }
  items.forEach((item, i) => add('item', `items/${String(i).padStart(3, '0')}.yaml`, Buffer.from(retarget(item.text, i, levels, acceptedAt))));
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const { diagnostics } = checkFiles('bench', files);
  const bad = new Map();
  for (const d of diagnostics) {
    const m = /^bench\/items\/(\d+)\.yaml$/.exec(d.file);
    if (!m) throw new Error(`the sample's shared files have a problem: ${d.file}:${d.line} ${d.rule}`);
    const i = Number(m[1]);
    if (!bad.has(i)) bad.set(i, new Set());
    bad.get(i).add(d.rule);
  }
  const left = [...bad].map(([i, rules]) => `${items[i].rel} (${[...rules].join(', ')})`);
  const note = `left out of the generated catalogs: ${left.join('; ')}`;
  if (left.length > 0 && !said.has(note)) {
    said.add(note);
    console.error(note);
  }
  const clean = items.filter((_, i) => !bad.has(i));
  if (clean.length === 0) throw new Error(`no sample item stays clean${levels ? ` at ${levels.join('+')}` : ''}`);
  return clean;
}

async function writeItems(out, plan, findings = 0) {
  const items = sampleItems();
  let index = 0;
  const total = plan.reduce((sum, group) => sum + group.count, 0);
  const marked = new Set(Array.from({ length: Math.min(findings, total) }, (_, k) => Math.floor(((k + 0.5) * total) / findings)));
  for (const { count, levels, acceptedAt = [] } of plan) {
    const candidates = await cleanCandidates(items, levels, acceptedAt);
    for (let i = 0; i < count; i++, index++) {
      const dir = path.join(out, 'items', `g${String(Math.floor(index / 500)).padStart(3, '0')}`);
      if (index % 500 === 0) mkdirSync(dir, { recursive: true });
      let text = retarget(candidates[index % candidates.length].text, index, levels, acceptedAt);
      if (marked.has(index)) text = withFinding(text);
      writeFileSync(path.join(dir, `item-${String(index).padStart(6, '0')}.yaml`), text);
    }
  }
  return index;
}

/** The plan of the province catalog: where the 1,200 items are decided and accepted. */
export const PROVINCE_PLAN = [
  { count: 30, levels: ['county'], acceptedAt: ['town', 'village'] },
  { count: 70, levels: ['county'], acceptedAt: ['town'] },
  { count: 500, levels: ['city', 'county'] },
  { count: 300, levels: ['city'] },
  { count: 300, levels: ['province'] },
];

/**
 * Write a benchmark catalog into `out` (replacing it). Returns the number of items written.
 * @example await generate('items', '/tmp/bench/items', { count: 10000, findings: 100 })
 */
export async function generate(mode, out, { count = 10000, findings = 0, scale = 1 } = {}) {
  baseCatalog(out);
  if (mode === 'items') return writeItems(out, [{ count }], findings);
  if (mode === 'province') {
    return writeItems(
      out,
      PROVINCE_PLAN.map((group) => ({ ...group, count: Math.max(1, Math.round(group.count * scale)) })),
      findings,
    );
  }
  throw new Error(`unknown mode ${mode}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--findings');
  const findings = at >= 0 ? Number(args.splice(at, 2)[1]) : 0;
  const sat = args.indexOf('--scale');
  const scale = sat >= 0 ? Number(args.splice(sat, 2)[1]) : 1;
  const [mode, out, countArg] = args;
  if (!mode || !out || !Number.isInteger(findings) || findings < 0 || !(scale > 0)) {
    console.error('usage: node scripts/bench/generate.mjs items|province OUT_DIR [COUNT] [--findings N] [--scale F]');
    process.exit(2);
  }
  generate(mode, out, { count: Number(countArg ?? 10000), findings, scale }).then(
    (written) => console.log(`${out}: ${written} items${findings ? `, ${findings} with a finding` : ''}`),
    (error) => {
      console.error(`generate: ${error.message}`);
      process.exit(1);
    },
  );
}
