// The expansion stage alone: load and check the catalog (not timed), then walk every hall's
// offers (timed). Uses the built lib/ (or LICAT_BENCH_LIB).
//   node scripts/bench/expand.mjs CATALOG
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIB = process.env.LICAT_BENCH_LIB ?? path.join(ROOT, 'lib');
const lib = (rel) => import(pathToFileURL(path.join(LIB, rel)).href);
const { checkCatalog } = await lib('pipeline/check-catalog.js');
const { planExpansion } = await lib('model/expand.js');

const { catalog } = await checkCatalog(process.argv[2]);
const start = performance.now();
const expansion = planExpansion(catalog);
let halls = 0;
let offers = 0;
for (const hall of expansion.halls()) {
  halls++;
  offers += hall.offers.length;
}
process.stdout.write(`${JSON.stringify({ timedMs: performance.now() - start, halls, offers })}\n`);
