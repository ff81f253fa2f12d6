// Floor: read every catalog file, decode it and parse the YAML with js-yaml (the fastest parser
// at hand, YAML 1.2 core schema as licat uses it). Region tables are read, not parsed.
//   node scripts/bench/floor-parse.mjs CATALOG
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { catalogFiles } from './catalog-files.mjs';

const { yaml, csv } = catalogFiles(process.argv[2]);
let nodes = 0;
for (const file of yaml) {
  const data = jsYaml.load(readFileSync(file).toString('utf8'), { schema: jsYaml.CORE_SCHEMA });
  if (data && typeof data === 'object') nodes += Object.keys(data).length;
}
for (const file of csv) readFileSync(file);
process.stdout.write(`${JSON.stringify({ files: yaml.length + csv.length, topLevelKeys: nodes })}\n`);
