// Floor of the feeds stage: JSON.stringify plus writing the bytes of every feed a build wrote.
// The feeds are read and parsed first (not timed); only stringify and write are timed, one file
// at a time, into a fresh folder. With ONLY_LIST (a JSON array of paths such as
// "feeds/halls/440106.json"), only those feeds: the floor of rewriting the feeds an edit changed.
//   node scripts/bench/floor-feeds.mjs BUILT_OUTPUT FRESH_FOLDER [ONLY_LIST]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [built, fresh, onlyList] = process.argv.slice(2);
const only = onlyList ? new Set(JSON.parse(readFileSync(onlyList, 'utf8'))) : undefined;
let timed = 0;
let files = 0;
let bytes = 0;
const walk = (rel) => {
  const from = path.join(built, rel);
  mkdirSync(path.join(fresh, rel), { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) walk(r);
    else if (e.name.endsWith('.json') && (!only || only.has(r.split(path.sep).join('/')))) {
      const data = JSON.parse(readFileSync(path.join(built, r), 'utf8'));
      const start = performance.now();
      const text = JSON.stringify(data) + '\n';
      writeFileSync(path.join(fresh, r), text);
      timed += performance.now() - start;
      files++;
      bytes += Buffer.byteLength(text);
    }
  }
};
walk('feeds');
process.stdout.write(`${JSON.stringify({ timedMs: timed, files, bytes })}\n`);
