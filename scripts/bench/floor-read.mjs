// Floor: read the bytes of every catalog file, nothing else.
//   node scripts/bench/floor-read.mjs CATALOG
import { readFileSync } from 'node:fs';
import { catalogFiles } from './catalog-files.mjs';

const { yaml, csv } = catalogFiles(process.argv[2]);
let bytes = 0;
for (const file of [...yaml, ...csv]) bytes += readFileSync(file).byteLength;
process.stdout.write(`${JSON.stringify({ files: yaml.length + csv.length, bytes })}\n`);
