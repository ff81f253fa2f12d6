// The output stage alone: build PROBLEMS synthetic diagnostics (not timed), then time one output
// format of `licat validate` on them, or the floor: JSON.stringify of the same diagnostics.
// Uses the built lib/ (or LICAT_BENCH_LIB).
//   node scripts/bench/report.mjs FORMAT|floor [PROBLEMS]
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIB = process.env.LICAT_BENCH_LIB ?? path.join(ROOT, 'lib');
const { REPORTERS } = await import(pathToFileURL(path.join(LIB, 'report/registry.js')).href);

const format = process.argv[2] ?? 'stylish';
const count = Number(process.argv[3] ?? 200_000);
// Half the problems in one generated file gone wrong, the rest 100 to a file: both the per-file
// cap of stylish and the many-files path are exercised.
const text = Array.from({ length: 400 }, (_, i) => `key${i}: 值 ${i}`).join('\n');
const texts = new Map();
const diagnostics = [];
for (let i = 0; i < count; i++) {
  const file = i < count / 2 ? 'catalog/items/generated.yaml' : `catalog/items/f${String(Math.floor(i / 100)).padStart(6, '0')}.yaml`;
  if (!texts.has(file)) texts.set(file, text);
  diagnostics.push({
    rule: i % 3 ? 'schema' : 'vague-clause',
    severity: i % 3 ? 'error' : 'warning',
    message: { zh: `第 ${i} 个问题：\`key${i % 400}\` 无效`, en: `problem ${i}: invalid \`key${i % 400}\`` },
    file,
    path: `/key${i % 400}`,
    line: (i % 400) + 1,
    column: 1,
  });
}
const context = { lang: 'zh', texts, summary: { files: texts.size, items: 0 }, color: false, toolVersion: '0.0.0' };
const run = format === 'floor' ? () => JSON.stringify(diagnostics) : REPORTERS[format];
if (!run) throw new Error(`unknown format ${format}`);
const start = performance.now();
const out = run(diagnostics, context);
process.stdout.write(`${JSON.stringify({ timedMs: performance.now() - start, problems: count, bytes: out.length })}\n`);
