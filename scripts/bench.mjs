// The benchmark of licat at province scale (not a test): `npm run bench` builds, then runs this.
//
//   node scripts/bench.mjs [--quick] [--runs N] [--write] [--json FILE] [--keep]
//
// It generates the synthetic catalogs (scripts/bench/generate.mjs) into a temporary folder and
// times the built command line (bin/licat.cjs, lib/) in child processes, each stage BENCH_RUNS
// times (default 3; 1 with --quick), and prints the median wall time, CPU time and peak memory
// beside the floors measured in the same run on the same data: reading the bytes, parsing the
// YAML with js-yaml, JSON.stringify plus writing the feed bytes. Ratios to the floors are the
// figures that count: absolute seconds move with the machine's load.
//
//   --quick      2,000 item files and a tenth of the province catalog (about 107,000 offerings)
//   --runs N     runs per stage (or BENCH_RUNS=N)
//   --write      replace the results block of docs/performance.md with this run's table
//   --json FILE  also write every measurement as JSON
//   --keep       keep the temporary folder and say where it is
//   --only output  only the output formats of validate on many problems (no catalog generated)
//   --only watch only the validate --watch rows (on the province catalog)
//   --only feeds the province catalog's feeds, database and incremental rows
//   --only validate  only the comparison with ajv-cli 5 (the province catalog and a copy with defects)
//
// Peak memory (VmHWM) and CPU time (getrusage) come from inside each timed process (a preloaded
// module, scripts/bench/rusage.cjs), so no GNU time is needed; worker threads are counted with
// their process, Chromium's own processes are not. Flowchart rows need Chromium; the mmdc comparison also needs mermaid-cli's mmdc.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate, PROVINCE_PLAN } from './bench/generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The copy of licat being measured (see `snapshotInstall`). */
let INSTALL = ROOT;
const BENCH = path.join(ROOT, 'scripts', 'bench');
const RUSAGE = path.join(BENCH, 'rusage.cjs');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('--quick');
const runs = Number(option('--runs') ?? process.env.BENCH_RUNS ?? (quick ? 1 : 3));
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench: --runs / BENCH_RUNS takes a whole number of at least 1');
  process.exit(2);
}
const sizes = quick ? { items: 2000, findings: 20, scale: 0.1 } : { items: 10000, findings: 100, scale: 1 };

const work = mkdtempSync(path.join(os.tmpdir(), 'licat-bench-'));
const results = [];
const notes = [];

/** Run one process and measure it: wall time here, CPU and peak memory from inside it. */
function measureOnce(args, { cwd = work, env = {} } = {}) {
  // Flush what earlier runs wrote, so their write-back does not slow this one down.
  if (process.platform === 'linux') spawnSync('sync');
  const usage = path.join(work, `rusage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const nodeOptions = [process.env.NODE_OPTIONS, `--require=${RUSAGE}`].filter(Boolean).join(' ');
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, LICAT_LANG: 'en', NO_COLOR: '1', ...env, NODE_OPTIONS: nodeOptions, LICAT_BENCH_RUSAGE: usage },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  let u = { maxRssKb: NaN, userMs: NaN, systemMs: NaN };
  try {
    u = JSON.parse(readFileSync(usage, 'utf8'));
    rmSync(usage);
  } catch {
    // The process died before its exit handler ran; the run is reported as failed below.
  }
  return { wallMs, cpuMs: u.userMs + u.systemMs, rssMb: u.maxRssKb / 1024, code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Run `prepare` (not timed) then the measured process `runs` times; medians, and the largest peak. */
function measure(label, args, options = {}) {
  return interleaved([{ label, args, ...options }])[0];
}

/**
 * Measure several stages round by round (each once per round, in order), so that a stage and
 * the floor it is compared with meet the same spells of load and disk write-back.
 */
function interleaved(specs) {
  const samples = specs.map(() => []);
  for (let i = 0; i < runs; i++) {
    specs.forEach(({ label, args, prepare, accept = [0], ...options }, k) => {
      prepare?.(i);
      const s = measureOnce(typeof args === 'function' ? args(i) : args, options);
      if (!accept.includes(s.code)) throw new Error(`${label}: exit ${s.code}\n${s.stderr.slice(-2000)}`);
      samples[k].push(s);
    });
  }
  return samples.map((list) => ({
    wallMs: median(list.map((s) => s.wallMs)),
    cpuMs: median(list.map((s) => s.cpuMs)),
    rssMb: Math.max(...list.map((s) => s.rssMb)),
    last: list[list.length - 1],
    samples: list.map((s) => Math.round(s.wallMs)),
    samplesTimed: list.map((s) => (/"timedMs":([\d.]+)/.exec(s.stdout) ? Number(/"timedMs":([\d.]+)/.exec(s.stdout)[1]) : NaN)),
  }));
}

/** Start-up: `licat --help` (target: under 0.15 s), beside Node's own start measured in the same rounds. */
function startUp() {
  const [nodeStart, help] = interleaved([
    { label: 'node start-up', args: ['-e', '0'] },
    { label: 'licat --help', args: licat('--help') },
  ]);
  row('start-up', 'node -e 0', nodeStart);
  row('start-up', 'licat --help', help, { target: { seconds: 0.15 } });
  return nodeStart;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * One row of the table. `floor` is the row it is compared with (its wall time), `target` a
 * ratio (`ratio <= x`) or absolute limits (`seconds`, `mb`).
 */
function row(group, stage, m, { floor, floorMs, target: wanted, note } = {}) {
  let target = wanted;
  const base = floorMs ?? floor?.wallMs;
  const ratio = base ? m.wallMs / base : undefined;
  const checks = [];
  // The targets are set for the full sizes; a quick run shows them but does not judge them.
  if (quick) target = target && { ...target, quick: true };
  if (target?.quick) {
    // nothing to check
  } else if (target?.ratio !== undefined && ratio !== undefined) checks.push(ratio <= target.ratio);
  if (target?.seconds !== undefined && !target.quick) checks.push(m.wallMs / 1000 < target.seconds);
  if (target?.mb !== undefined && !target.quick) checks.push(m.rssMb < target.mb);
  const r = {
    group,
    stage,
    seconds: m.wallMs / 1000,
    cpuSeconds: m.cpuMs / 1000,
    peakMb: m.rssMb,
    floorSeconds: base !== undefined ? base / 1000 : undefined,
    ratio,
    target: target ? describeTarget(target) : '',
    ok: checks.length ? checks.every(Boolean) : undefined,
    runs: m.samples,
    note,
  };
  results.push(r);
  printRow(r);
  return r;
}

function describeTarget(t) {
  const parts = [];
  if (t.ratio !== undefined) parts.push(`≤ ${t.ratio}x floor`);
  if (t.seconds !== undefined) parts.push(`< ${t.seconds} s`);
  if (t.mb !== undefined) parts.push(`< ${t.mb} MB`);
  return `${t.quick ? 'full run: ' : ''}${parts.join(', ')}`;
}

const COLUMNS = [
  ['stage', 46, 'l'],
  ['wall s', 8],
  ['cpu s', 8],
  ['peak MB', 8],
  ['floor s', 8],
  ['ratio', 7],
  ['target', 38, 'l'],
  ['', 5, 'l'],
];

function fmt(x, digits = 2) {
  return x === undefined || Number.isNaN(x) ? '' : x.toFixed(digits);
}

function cells(r) {
  return [
    r.stage,
    fmt(r.seconds),
    fmt(r.cpuSeconds),
    fmt(r.peakMb, 0),
    fmt(r.floorSeconds),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
    r.target,
    r.ok === undefined ? '' : r.ok ? 'ok' : 'MISS',
  ];
}

let lastGroup;
function printRow(r) {
  if (r.group !== lastGroup) {
    process.stdout.write(`\n${r.group}\n`);
    process.stdout.write(`${COLUMNS.map(([h, w, a]) => (a === 'l' ? h.padEnd(w) : h.padStart(w))).join(' ')}\n`);
    lastGroup = r.group;
  }
  process.stdout.write(
    `${cells(r)
      .map((c, i) => (COLUMNS[i][2] === 'l' ? String(c).padEnd(COLUMNS[i][1]) : String(c).padStart(COLUMNS[i][1])))
      .join(' ')}\n`,
  );
  if (r.note) process.stdout.write(`${' '.repeat(2)}${r.note}\n`);
}

function say(text) {
  process.stderr.write(`bench: ${text}\n`);
}

const licat = (...args) => [path.join(INSTALL, 'bin', 'licat.cjs'), ...args];

/** Every file below `dir` with the sha256 of its bytes, for byte-for-byte comparisons (one file in memory at a time). */
function tree(dir) {
  const out = new Map();
  const walk = (rel) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else
        out.set(
          r,
          createHash('sha256')
            .update(readFileSync(path.join(dir, r)))
            .digest('hex'),
        );
    }
  };
  walk('');
  return out;
}

function sameTree(a, b) {
  const x = tree(a);
  const y = tree(b);
  if (x.size !== y.size) return false;
  for (const [k, v] of x) if (y.get(k) !== v) return false;
  return true;
}

function supports(option) {
  const help = spawnSync(process.execPath, licat('build', '--help'), { encoding: 'utf8' });
  return help.stdout.includes(option);
}

function findChromium() {
  for (const candidate of [process.env.LICAT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * A copy of the built licat (bin, lib, data, schemas, templates, package.json; node_modules
 * linked) in the temporary folder: in a working tree where others rebuild lib/ while the
 * benchmark runs, every stage still measures the same code.
 */
function snapshotInstall() {
  const dir = path.join(work, 'licat');
  mkdirSync(dir);
  // As built in this checkout, timestamps kept: the code digest recorded by `npm run build`
  // (lib/code-digest.json, which lists src/ and the lockfile too) then holds, as it does for a run
  // from the checkout, instead of being computed again by every run of the snapshot.
  for (const name of ['bin', 'lib', 'src', 'data', 'schemas', 'templates', 'package.json', 'package-lock.json']) {
    if (!existsSync(path.join(ROOT, name))) continue;
    // `cp -a` keeps timestamps to the nanosecond, as the record has them; Node's copy rounds them.
    const copied = spawnSync('cp', ['-a', path.join(ROOT, name), path.join(dir, name)]).status === 0;
    if (!copied) cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

async function main() {
  if (!existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/ is missing: run `npm run build` (npm run bench does)');
  INSTALL = snapshotInstall();
  const machine = {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    load: os.loadavg(),
    date: new Date().toISOString().slice(0, 10),
    quick,
    runs,
  };
  process.stdout.write(
    `licat benchmark${quick ? ' (quick)' : ''}: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb.toFixed(1)} GB, node ${machine.node}, ` +
      `${runs} run${runs === 1 ? '' : 's'} per stage, median wall time; load average ${machine.load.map((l) => l.toFixed(1)).join(' ')}\n`,
  );

  if (option('--only') === 'output') {
    await outputFormats();
    return machine;
  }

  const itemsDir = path.join(work, 'items');
  const findingsDir = path.join(work, 'items-findings');
  const provinceDir = path.join(work, 'province');
  if (option('--only') === 'validate') {
    say(`generating the province catalog in ${work}`);
    await generate('province', provinceDir, { scale: sizes.scale });
    startUp();
    await versusAjv(provinceDir);
    return machine;
  }
  if (option('--only') === 'watch') {
    say(`generating the province catalog in ${work}`);
    await watchRecheck(provinceDir, await generate('province', provinceDir, { scale: sizes.scale }));
    return machine;
  }
  if (option('--only') === 'feeds') {
    say(`generating the province catalog in ${work}`);
    const items = await generate('province', provinceDir, { scale: sizes.scale });
    const nodeStart = measure('node start-up', ['-e', '0']);
    row('start-up', 'node -e 0', nodeStart);
    const group = `province catalog: ${items.toLocaleString('en')} items over the real region tree`;
    const pValidate = measure('validate province', licat('validate', provinceDir, '--format', 'json'));
    row(group, 'licat validate (load + validate)', pValidate);
    feedsAndDatabase(provinceDir, group, nodeStart, pValidate);
    await incremental(provinceDir, items, nodeStart.wallMs);
    return machine;
  }
  say(`generating catalogs in ${work}`);
  await generate('items', itemsDir, { count: sizes.items });
  await generate('items', findingsDir, { count: sizes.items, findings: sizes.findings });
  const provinceItems = await generate('province', provinceDir, { scale: sizes.scale });

  const nodeStart = startUp();

  // Validate: item files against the parse floor.
  const group1 = `validate ${sizes.items.toLocaleString('en')} item files`;
  const [read, parse, validate, oneThread, withFindings] = interleaved([
    { label: 'floor: read', args: [path.join(BENCH, 'floor-read.mjs'), itemsDir] },
    { label: 'floor: parse', args: [path.join(BENCH, 'floor-parse.mjs'), itemsDir] },
    { label: 'validate', args: licat('validate', itemsDir, '--format', 'json') },
    { label: 'validate one thread', args: licat('validate', itemsDir, '--format', 'json'), env: { LICAT_WORKERS: '0' } },
    { label: 'validate findings', args: licat('validate', findingsDir, '--format', 'json'), accept: [1] },
  ]);
  row(group1, 'floor: read the bytes', read);
  row(group1, 'floor: read + js-yaml parse', parse);
  row(group1, 'licat validate (clean)', validate, { floor: parse, target: { ratio: 2 } });
  row(group1, 'licat validate (clean), one thread', oneThread, { floor: parse });
  row(group1, `licat validate (${sizes.findings} files with a problem)`, withFindings, { floor: parse });

  await outputFormats();

  // The province catalog: expansion, feeds, Excel.
  const group2 = `province catalog: ${provinceItems.toLocaleString('en')} items over the real region tree`;
  const [pParse, pValidate, expand] = interleaved([
    { label: 'floor: parse province', args: [path.join(BENCH, 'floor-parse.mjs'), provinceDir] },
    { label: 'validate province', args: licat('validate', provinceDir, '--format', 'json') },
    { label: 'expand', args: [path.join(BENCH, 'expand.mjs'), provinceDir], env: { LICAT_BENCH_LIB: path.join(INSTALL, 'lib') } },
  ]);
  row(group2, 'floor: read + js-yaml parse', pParse);
  row(group2, 'licat validate (load + validate)', pValidate, { floor: pParse });
  const expanded = JSON.parse(expand.last.stdout);
  row(
    group2,
    'expand (in-process, after loading)',
    { ...expand, wallMs: median(expand.samplesTimed) },
    {
      note: `${expanded.halls.toLocaleString('en')} halls, ${expanded.offers.toLocaleString('en')} offerings; wall and peak are of the whole process`,
    },
  );

  await versusAjv(provinceDir);
  baselineMatching();

  const feedsOut = feedsAndDatabase(provinceDir, group2, nodeStart, pValidate);

  const excelOut = path.join(work, 'excel-out');
  const excel = measure('excel', licat('build', provinceDir, '--only', 'excel', '--excel-halls', '--out', excelOut, '--no-cache'), {
    prepare: () => rmSync(excelOut, { recursive: true, force: true }),
  });
  const excelRows = /(\d+) rows in all/.exec(excel.last.stderr + excel.last.stdout)?.[1];
  row(group2, 'licat build --only excel --excel-halls', excel, {
    target: { seconds: 120, mb: 500 },
    note: excelRows ? `${Number(excelRows).toLocaleString('en')} implementation-list rows` : undefined,
  });

  await incremental(provinceDir, provinceItems, nodeStart.wallMs);
  await watchRecheck(provinceDir, provinceItems);
  shards(provinceDir, feedsOut);
  await flowcharts(provinceDir);

  return machine;
}

/** The full feeds build against its floor, the database and a full-text query over it; returns the feeds output. */
function feedsAndDatabase(provinceDir, group2, nodeStart, pValidate) {
  const feedsOut = path.join(work, 'feeds-out');
  const floorOut = path.join(work, 'floor-out');
  // Each round builds the feeds, then times the floor on the feeds just built.
  const [feeds, floorFeeds] = interleaved([
    {
      label: 'feeds',
      args: licat('build', provinceDir, '--only', 'feeds', '--out', feedsOut, '--quiet', '--no-cache'),
      prepare: () => rmSync(feedsOut, { recursive: true, force: true }),
    },
    {
      label: 'floor: feeds',
      args: [path.join(BENCH, 'floor-feeds.mjs'), feedsOut, floorOut],
      prepare: () => rmSync(floorOut, { recursive: true, force: true }),
    },
  ]);
  const floorInfo = JSON.parse(floorFeeds.last.stdout);
  const floorTimed = median(floorFeeds.samplesTimed ?? [floorInfo.timedMs]);
  const feedFloorMs = nodeStart.wallMs + floorTimed;
  row(
    group2,
    'floor: JSON.stringify + write every feed',
    { ...floorFeeds, wallMs: feedFloorMs },
    {
      note: `${floorInfo.files.toLocaleString('en')} files, ${(floorInfo.bytes / 1e6).toFixed(0)} MB; node start-up plus the timed stringify and writes`,
    },
  );
  row(group2, 'licat build --only feeds (validate included)', feeds, { floorMs: feedFloorMs, target: { ratio: 3, seconds: 60, mb: 1536 } });
  row(group2, 'feeds stage alone (build minus validate)', { ...feeds, wallMs: feeds.wallMs - pValidate.wallMs + nodeStart.wallMs }, { floorMs: feedFloorMs });

  const dbOut = path.join(work, 'db-out');
  const db = measure('database', licat('build', provinceDir, '--only', 'database', '--out', dbOut, '--quiet', '--no-cache'), {
    prepare: () => rmSync(dbOut, { recursive: true, force: true }),
  });
  row(group2, 'licat build --only database (catalog.sqlite, validate included)', db, { target: { seconds: 60 } });
  // A full-text query in the sqlite3 shell, timed by the shell itself (best of 5).
  const query = "SELECT count(*) FROM search WHERE search MATCH '营业执照';";
  const timer = spawnSync('sqlite3', ['-readonly', path.join(dbOut, 'catalog.sqlite')], {
    input: `.timer on\n${query}\n${query}\n${query}\n${query}\n${query}\n`,
    encoding: 'utf8',
  });
  const reals = [...(timer.stdout ?? '').matchAll(/Run Time: real ([0-9.]+)/g)].map((m) => Number(m[1]) * 1000);
  if (reals.length > 0)
    row(
      group2,
      'full-text query (FTS5 trigram, sqlite3 shell, best of 5)',
      { wallMs: Math.min(...reals), samples: reals.map(Math.round) },
      { target: { seconds: 0.05 } },
    );
  else notes.push('sqlite3 shell not found: the full-text query row was skipped');

  return feedsOut;
}

/**
 * The output formats of `licat validate` on 200,000 problems (a tenth with --quick), each timed
 * in-process against the floor of JSON.stringify on the same diagnostics: every format must stay
 * linear in the number of problems (stylish once took 94 s for 40,000).
 */
async function outputFormats() {
  const problems = quick ? 20_000 : 200_000;
  const group = `output of ${problems.toLocaleString('en')} problems (in-process, after building the diagnostics)`;
  const env = { LICAT_BENCH_LIB: path.join(INSTALL, 'lib') };
  const formats = ['stylish', 'json', 'sarif', 'junit', 'github'];
  const measured = interleaved(['floor', ...formats].map((f) => ({ label: `report ${f}`, args: [path.join(BENCH, 'report.mjs'), f, String(problems)], env })));
  const timed = (m) => ({ ...m, wallMs: median(m.samplesTimed) });
  const floor = timed(measured[0]);
  row(group, 'floor: JSON.stringify of the diagnostics', floor);
  // Targets: the text formats are small (stylish shows 100 problems a file); the full ones write
  // several times the floor's bytes (SARIF: 4x, with a fingerprint per result).
  const targets = { stylish: 2, json: 3, sarif: 12, junit: 6, github: 2 };
  formats.forEach((f, i) => {
    const m = measured[i + 1];
    const bytes = JSON.parse(m.last.stdout).bytes;
    row(group, `--format ${f}`, timed(m), { floorMs: floor.wallMs, target: { ratio: targets[f] }, note: `${(bytes / 1e6).toFixed(1)} MB of output` });
  });
}

/**
 * licat validate (every rule, exact positions) against ajv-cli 5 checking the same item files
 * against schemas/item.schema.json alone, on the clean province catalog and on a copy with a few
 * dozen schema defects seeded: the ratio of medians from the same rounds.
 */
async function versusAjv(provinceDir) {
  const ajvBin = path.join(ROOT, 'node_modules', 'ajv-cli', 'dist', 'index.js');
  if (!existsSync(ajvBin)) {
    notes.push('ajv-cli comparison skipped: ajv-cli is not installed');
    return;
  }
  const defectsDir = path.join(work, 'province-defects');
  cpSync(provinceDir, defectsDir, { recursive: true });
  const seeded = seedSchemaDefects(defectsDir, 30);
  const schema = path.join(INSTALL, 'schemas', 'item.schema.json');
  const ajv = (dir) => [ajvBin, 'validate', '--spec=draft2020', '-s', schema, '-d', `${dir}/items/**/*.yaml`];
  // licat validate keeps no cache unless given --cache-dir: the rows with a target are without
  // one, as ajv-cli has none; the rows with a warm cache (filled before the rounds) are shown beside.
  const cleanCache = path.join(work, 'ajv-cache-clean');
  const defectsCache = path.join(work, 'ajv-cache-defects');
  const cached = (dir, cache) => licat('validate', dir, '--format', 'json', '--cache-dir', cache);
  measureOnce(cached(provinceDir, cleanCache));
  measureOnce(cached(defectsDir, defectsCache));
  const group = 'validate vs ajv-cli 5 (schema only), province catalog items';
  const [ajvClean, licatClean, licatCleanCached, ajvDefects, licatDefects, licatDefectsCached] = interleaved([
    { label: 'ajv clean', args: ajv(provinceDir) },
    { label: 'licat clean', args: licat('validate', provinceDir, '--format', 'json') },
    { label: 'licat clean, cache', args: cached(provinceDir, cleanCache) },
    { label: 'ajv defects', args: ajv(defectsDir), accept: [1] },
    { label: 'licat defects', args: licat('validate', defectsDir, '--format', 'json'), accept: [1] },
    { label: 'licat defects, cache', args: cached(defectsDir, defectsCache), accept: [1] },
  ]);
  row(group, 'ajv-cli validate (clean)', ajvClean);
  row(group, 'licat validate (clean), no cache', licatClean, { floor: ajvClean, target: { ratio: 1 } });
  row(group, 'licat validate (clean), cache warm', licatCleanCached, { floor: ajvClean });
  row(group, `ajv-cli validate (${seeded} schema defects)`, ajvDefects);
  row(group, `licat validate (${seeded} schema defects), no cache`, licatDefects, { floor: ajvDefects, target: { ratio: 1 } });
  row(group, `licat validate (${seeded} schema defects), cache warm`, licatDefectsCached, { floor: ajvDefects });
}

/** Break `count` item files of `dir` in ways the schema refuses: a misspelt enum value or key, a wrong type. */
function seedSchemaDefects(dir, count) {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.yaml')) files.push(path.join(d, e.name));
    }
  };
  walk(path.join(dir, 'items'));
  const edits = [
    [/necessity: required/, 'necessity: requred'],
    [/\n {2}promised: \{ value: (\d+)/, '\n  promised: { value: "$1 days"'],
    [/\nmaterials:\n {2}- id: /, '\nmaterials:\n  - ids: '],
  ];
  let done = 0;
  for (let i = 0; i < files.length && done < count; i += Math.max(1, Math.floor(files.length / count))) {
    const text = readFileSync(files[i], 'utf8');
    const [pattern, replacement] = edits[done % edits.length];
    if (!pattern.test(text)) continue;
    writeFileSync(files[i], text.replace(pattern, replacement));
    done++;
  }
  return done;
}

/** Matching problems against a 200,000-entry baseline, against the least a linear matcher does. */
function baselineMatching() {
  const script = path.join(BENCH, 'baseline.mjs');
  const env = { LICAT_BENCH_LIB: path.join(INSTALL, 'lib') };
  const [floor, match] = interleaved([
    { label: 'baseline floor', args: [script, 'floor'], env },
    { label: 'baseline match', args: [script, 'match'], env },
  ]);
  const group = 'baseline: 200,000 entries, 200,000 problems';
  const floorMs = median(floor.samplesTimed);
  row(group, 'floor: JSON.parse + one hash join', { ...floor, wallMs: floorMs }, { note: 'timed in-process; wall and peak of the whole process' });
  row(group, 'parse the baseline + apply it', { ...match, wallMs: median(match.samplesTimed) }, { floorMs, target: { ratio: 3 } });
}

/** After editing one item: validate and rebuild the feeds with the cache, per kind of item edited. */
async function incremental(provinceDir, provinceItems, nodeStartMs) {
  const group = 'after editing one item (province catalog, cache warm)';
  const out = path.join(work, 'inc-out');
  const cache = path.join(work, 'inc-cache');
  const build = (...extra) => licat('build', provinceDir, '--only', 'feeds', '--out', out, '--cache-dir', cache, '--quiet', ...extra);
  rmSync(out, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  const cold = measureOnce(build());
  if (cold.code !== 0) throw new Error(`incremental: first build failed\n${cold.stderr}`);
  row(group, 'first build with an empty cache', { wallMs: cold.wallMs, cpuMs: cold.cpuMs, rssMb: cold.rssMb, samples: [Math.round(cold.wallMs)] });
  row(
    group,
    'licat validate, nothing changed',
    measure('validate warm', licat('validate', provinceDir, '--format', 'json', '--cache-dir', cache), { accept: [0] }),
  );
  // The first rebuild after a build with an empty cache links every feed into a new folder (its
  // output then had no spare); the next brings that spare up to date. Shown once each; the
  // rebuilds measured after them are the ones an editor meets again and again.
  for (const label of ['first rebuild after it (links every feed)', 'second rebuild (recycles the spare)']) {
    const once = measureOnce(build());
    if (once.code !== 0) throw new Error(`incremental: ${label} failed\n${once.stderr}`);
    row(group, label, { wallMs: once.wallMs, cpuMs: once.cpuMs, rssMb: once.rssMb, samples: [Math.round(once.wallMs)] });
  }
  row(group, 'rebuild, nothing changed', measure('rebuild unchanged', build()), { target: { seconds: 2 } });

  // Which item to edit: the first item of each kind of plan group, as the generator numbers them.
  const scaled = PROVINCE_PLAN.map((g) => ({ ...g, count: Math.max(1, Math.round(g.count * sizes.scale)) }));
  let first = 0;
  const kinds = [];
  for (const g of scaled) {
    kinds.push({ index: first, label: `${g.levels.join('+')}${g.acceptedAt?.length ? `, accepted at ${g.acceptedAt.join('+')}` : ''}` });
    first += g.count;
  }
  if (first !== provinceItems) throw new Error('the province plan and the generated catalog disagree');
  // Every file of the output (the manifest's top-level files and every page's) with its sha256.
  const shaOf = () => {
    const root = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const files = [...root.files, ...root.pages.flatMap((p) => JSON.parse(readFileSync(path.join(out, p.path), 'utf8')).files), ...root.pages];
    return new Map(files.map((f) => [f.path, f.sha256]));
  };
  // How many hall feeds offer `code` (read outside any timing).
  const offeredAt = (code) => {
    let n = 0;
    for (const name of readdirSync(path.join(out, 'feeds', 'halls')))
      if (readFileSync(path.join(out, 'feeds', 'halls', name), 'utf8').includes(`"code":"${code}"`)) n++;
    return n;
  };
  const unedited = shaOf();
  for (const kind of [kinds[4], kinds[2], kinds[0]]) {
    const file = path.join(
      provinceDir,
      'items',
      `g${String(Math.floor(kind.index / 500)).padStart(3, '0')}`,
      `item-${String(kind.index).padStart(6, '0')}.yaml`,
    );
    const original = readFileSync(file, 'utf8');
    let edits = 0;
    const m = measure(`edit ${kind.label}`, build(), {
      prepare: () =>
        writeFileSync(
          file,
          original.replace(/^conditions:\n {2}- (.*)$/m, (_m, text) => `conditions:\n  - ${text}（修订${++edits}）`),
        ),
    });
    // The floor: stringify and write just the feeds this edit changed, from the output of the
    // last edited build. `rewritten`: every file of the output that changed.
    const now = shaOf();
    const rewritten = [...now].filter(([p, sha]) => unedited.get(p) !== sha).map(([p]) => p);
    const changed = rewritten.filter((p) => p.startsWith('feeds/'));
    const list = path.join(work, 'changed-feeds.json');
    writeFileSync(list, JSON.stringify(changed));
    const floorOut = path.join(work, 'floor-changed');
    const floor = measure(`floor ${kind.label}`, [path.join(BENCH, 'floor-feeds.mjs'), out, floorOut, list], {
      prepare: () => rmSync(floorOut, { recursive: true, force: true }),
    });
    const floorMs = nodeStartMs + median(floor.samplesTimed);
    writeFileSync(file, original);
    const offered = offeredAt(/^code: "(\d{12})"/m.exec(original)[1]);
    row(group, `edit a condition of a ${kind.label} item`, m, {
      floorMs,
      target: { seconds: 2 },
      note: `the item is offered in ${offered.toLocaleString('en')} hall${offered === 1 ? '' : 's'}; ${rewritten.length} files of the output change with it (${rewritten.join(', ')}) (floor: node start-up plus stringify and write of the feeds among them)`,
    });
  }
  // Leave the output as of the unedited catalog for the shard comparison.
  measureOnce(build());
}

/**
 * `licat validate --watch` on the province catalog: after it has checked the whole catalog once,
 * one item file is saved again and again (its name edited); each save is timed twice: the
 * re-check as the watcher reports it (read, parse and check the file, the catalog-wide rules,
 * locating), and from the write to the result printed (adding the system's notice and the
 * debounce).
 */
async function watchRecheck(provinceDir, provinceItems) {
  const group = `validate --watch on the province catalog (${provinceItems.toLocaleString('en')} items)`;
  const file = path.join(provinceDir, 'items', 'g000', 'item-000000.yaml');
  const original = readFileSync(file, 'utf8');
  const child = spawn(process.execPath, licat('validate', provinceDir, '--watch'), {
    cwd: work,
    env: { ...process.env, LICAT_LANG: 'en', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stderr += b));
  const until = async (test, what) => {
    const start = Date.now();
    while (!test()) {
      if (child.exitCode !== null || Date.now() - start > 120_000) throw new Error(`watch: no ${what}\n${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  const startedAt = Date.now();
  await until(() => stderr.includes('watching'), 'start');
  const startMs = Date.now() - startedAt;
  const rechecks = [];
  const walls = [];
  const saves = Math.max(5, runs * 2);
  try {
    for (let i = 1; i <= saves; i++) {
      const seen = (stdout.match(/ ms\n/g) ?? []).length;
      const t0 = process.hrtime.bigint();
      writeFileSync(
        file,
        original.replace(/^name: (.*)$/m, (_m, name) => `name: ${name}（修订${i}）`),
      );
      await until(() => (stdout.match(/ ms\n/g) ?? []).length > seen, 'result');
      walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const last = [...stdout.matchAll(/· (\d+) ms\n/g)].pop();
      rechecks.push(Number(last[1]));
      // Let the debounce of this save pass before the next one.
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.on('exit', r));
    writeFileSync(file, original);
  }
  const m = (xs) => ({ wallMs: median(xs), cpuMs: NaN, rssMb: NaN, samples: xs.map(Math.round) });
  row(group, 'one edited item re-checked (as the watcher reports it)', m(rechecks), {
    target: { seconds: 0.2 },
    note: `${saves} saves; the whole catalog checked once first, in ${(startMs / 1000).toFixed(1)} s`,
  });
  row(group, 'the same, from the write to the result printed', m(walls), { note: "adds the system's notice of the change and the 30 ms debounce" });
}

/** `--shard i/n` and the merge: each shard's time, the merge, and whether the result is byte for byte the single build. */
function shards(provinceDir, singleOut) {
  if (!supports('--shard')) {
    notes.push('licat build has no --shard option in this build: the shard rows were skipped');
    return;
  }
  const group = 'split across machines: --shard i/2, then licat merge';
  const parts = [1, 2].map((i) => path.join(work, `shard-${i}`));
  parts.forEach((dir, k) => {
    const m = measure(`shard ${k + 1}/2`, licat('build', provinceDir, '--only', 'feeds', '--out', dir, '--shard', `${k + 1}/2`, '--quiet', '--no-cache'), {
      prepare: () => rmSync(dir, { recursive: true, force: true }),
    });
    row(group, `licat build --shard ${k + 1}/2`, m);
  });
  const merged = path.join(work, 'merged');
  const m = measure('merge', licat('merge', ...parts, '--out', merged, '--quiet'), { prepare: () => rmSync(merged, { recursive: true, force: true }) });
  const same = sameTree(merged, singleOut);
  row(group, 'licat merge of the two shards', m, {
    note: same ? 'identical, byte for byte, to the single-machine build' : 'DIFFERS from the single-machine build',
  });
  if (!same) notes.push('the merged shards differ from the single-machine build');
}

/** Flowcharts cold (empty cache) and warm, and the renderer against mmdc per diagram. */
async function flowcharts(provinceDir) {
  const chromium = findChromium();
  if (!chromium) {
    notes.push('no Chromium: the flowchart rows were skipped (apt-get install chromium fonts-noto-cjk)');
    return;
  }
  const group = 'flowcharts (Mermaid to SVG in headless Chromium)';
  const out = path.join(work, 'flow-out');
  const cache = path.join(work, 'flow-cache');
  const build = () => licat('build', provinceDir, '--only', 'flowcharts', '--out', out, '--cache-dir', cache);
  const counts = (m) => /(\d+) rendered, (\d+) from cache/.exec(m.last.stderr + m.last.stdout);
  const cold = measure('flowcharts cold', build(), { prepare: () => rmSync(cache, { recursive: true, force: true }) });
  const c = counts(cold);
  row(group, 'licat build --only flowcharts, empty cache', cold, { target: { seconds: 60 }, note: c ? `${c[1]} rendered, ${c[2]} from cache` : undefined });
  const warm = measure('flowcharts warm', build());
  const w = counts(warm);
  row(group, 'the same, cache warm', warm, { note: w ? `${w[1]} rendered, ${w[2]} from cache${w[1] === '0' ? ' (none re-rendered)' : ''}` : undefined });
  if (w && w[1] !== '0') notes.push(`a warm flowchart build re-rendered ${w[1]} diagrams`);

  const mmdc = path.join(ROOT, 'node_modules', '.bin', 'mmdc');
  if (!existsSync(mmdc)) {
    notes.push("mermaid-cli's mmdc is not installed: the comparison with mmdc was skipped");
    return;
  }
  const { benchFlowcharts } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'bench-flowcharts.mjs')).href);
  const r = await benchFlowcharts({ mmdcCount: quick ? 2 : 5, apiCount: quick ? 2 : 5 });
  const line = (stage, x) => ({ wallMs: x.secondsPerDiagram * 1000, cpuMs: NaN, rssMb: NaN, samples: [], stage, rate: x.diagramsPerSecond });
  for (const [stage, x, note] of [
    [
      'licat renderer, s per diagram (one page)',
      r.licat,
      `${r.licat.diagramsPerSecond} diagrams/s over the ${r.licat.diagrams} sample items; browser start-up ${r.licat.startupSeconds} s once per build`,
    ],
    ['mermaid-cli renderMermaid, s per diagram', r.renderMermaid, `${r.renderMermaid.diagramsPerSecond} diagrams/s`],
    ['mmdc per diagram, s per diagram', r.mmdc, `${r.mmdc.diagramsPerSecond} diagrams/s; licat is ${r.speedupOverMmdc}x faster per diagram`],
  ]) {
    row(group, stage, line(stage, x), { note });
  }
}

function table(machine) {
  const lines = [];
  lines.push(
    `Run of ${machine.date}${machine.quick ? ' (--quick)' : ''}: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb.toFixed(1)} GB memory, ` +
      `node ${machine.node}, ${machine.platform}; ${machine.runs} run${machine.runs === 1 ? '' : 's'} per stage, median wall time; ` +
      `load average at the start ${machine.load.map((l) => l.toFixed(1)).join(' ')}.`,
  );
  let group;
  for (const r of results) {
    if (r.group !== group) {
      group = r.group;
      lines.push(
        '',
        `**${group}**`,
        '',
        '| stage | wall s | cpu s | peak MB | floor s | ratio | target | |',
        '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
      );
    }
    const c = cells(r);
    c[0] = r.note ? `${r.stage} (${r.note})` : r.stage;
    lines.push(`| ${c.join(' | ')} |`);
  }
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

try {
  const machine = await main();
  if (notes.length) process.stdout.write(`\n${notes.map((n) => `note: ${n}`).join('\n')}\n`);
  const missed = results.filter((r) => r.ok === false).map((r) => r.stage);
  process.stdout.write(
    `\n${quick ? 'quick run: the targets are judged on a full run only' : missed.length ? `targets missed: ${missed.join('; ')}` : 'every target with a check was met'}\n`,
  );
  if (option('--json')) writeFileSync(option('--json'), JSON.stringify({ machine, results, notes }, null, 2) + '\n');
  if (flag('--write')) {
    const doc = path.join(ROOT, 'docs', 'performance.md');
    const start = '<!-- bench:results:start -->';
    const end = '<!-- bench:results:end -->';
    const text = existsSync(doc) ? readFileSync(doc, 'utf8') : `# Performance\n\n${start}\n${end}\n`;
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`docs/performance.md has no ${start} … ${end} block`);
    writeFileSync(doc, `${text.slice(0, a + start.length)}\n${table(machine)}\n${text.slice(b)}`);
    say('wrote the results into docs/performance.md');
  }
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  if (flag('--keep')) say(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
