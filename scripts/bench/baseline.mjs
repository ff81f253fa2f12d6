// Baseline matching at scale: 200,000 known problems over 2,000 item files, each file's data a
// list of materials with ids (so every problem's identity walks real data). Uses the built lib/
// (or LICAT_BENCH_LIB).
//   node scripts/bench/baseline.mjs match   parse the baseline and apply it (timed)
//   node scripts/bench/baseline.mjs floor   JSON.parse plus one hash join of the keys (timed):
//                                           the least any linear matching does
// Prints {"timedMs": ...}; both modes build the same problems and baseline text, untimed.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIB = process.env.LICAT_BENCH_LIB ?? path.join(ROOT, 'lib');
const { applyBaseline, parseBaseline, renderBaseline } = await import(pathToFileURL(path.join(LIB, 'validate/baseline.js')).href);

const ENTRIES = 200_000;
const FILES = 2_000;
const PER_FILE = ENTRIES / FILES;
const data = new Map();
for (let f = 0; f < FILES; f++) {
  data.set(`catalog/items/${f}.yaml`, { materials: Array.from({ length: PER_FILE }, (_, i) => ({ id: `m${i}`, name: `材料 ${i}` })) });
}
const diagnostics = [];
for (let f = 0; f < FILES; f++) {
  for (let i = 0; i < PER_FILE; i++) {
    diagnostics.push({
      rule: 'material-unused',
      severity: 'warning',
      file: `catalog/items/${f}.yaml`,
      path: `/materials/${i}`,
      line: i + 1,
      column: 3,
      message: { zh: '', en: '' },
    });
  }
}
const dataOf = (file) => data.get(file);
const text = renderBaseline(diagnostics, { dataOf });

const start = performance.now();
let accepted;
if (process.argv[2] === 'floor') {
  const entries = JSON.parse(text).problems;
  const keys = new Map();
  for (const e of entries) keys.set(`${e.file}\u0000${e.rule}\u0000${e.at}`, (keys.get(`${e.file}\u0000${e.rule}\u0000${e.at}`) ?? 0) + 1);
  accepted = 0;
  for (const d of diagnostics) if (keys.get(`${d.file}\u0000${d.rule}\u0000${d.path}`) !== undefined) accepted++;
  accepted = entries.length;
} else {
  const { baseline } = parseBaseline(text);
  accepted = applyBaseline(diagnostics, baseline, { file: 'licat-baseline.json', dataOf }).accepted;
}
const timedMs = performance.now() - start;
if (accepted !== ENTRIES) throw new Error(`accepted ${accepted} of ${ENTRIES}`);
process.stdout.write(`${JSON.stringify({ timedMs, entries: ENTRIES })}\n`);
