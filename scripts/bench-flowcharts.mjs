// Benchmark of the flowchart renderer (not a test): diagrams per second of licat's renderer (one
// headless Chromium, one page, mermaid loaded once, as many calls in flight as a build gives a
// page) against mermaid-cli, both `mmdc` per diagram (a new browser and page each time) and its
// `renderMermaid` API on one browser (a new page and a fresh mermaid per diagram). Uses the built
// lib/ (npm run build) and the sample catalog.
//
//   node scripts/bench-flowcharts.mjs [--mmdc N] [--api N] [--json]
//       N diagrams for each mermaid-cli variant (default 3 and 5; they are slow), every sample
//       item's flowchart for licat's renderer. --json prints one JSON object instead of a table.
//
// Importable: `import { benchFlowcharts } from './scripts/bench-flowcharts.mjs'` returns the
// same result object, so a benchmark harness can collect it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = (rel) => import(pathToFileURL(path.join(ROOT, 'lib', rel)).href);

/** Run the benchmark; returns `{ diagrams, licat, mmdc, renderMermaid }` with seconds and rates. */
export async function benchFlowcharts({ mmdcCount = 3, apiCount = 5, catalogDir = path.join(ROOT, 'catalog') } = {}) {
  const { checkCatalog } = await lib('pipeline/check-catalog.js');
  const { itemsByCode } = await lib('emit/items-by-code.js');
  const { flowchartSource } = await lib('emit/flowcharts/mermaid-source.js');
  const { MermaidRenderer, RENDER_CONFIG, CHROMIUM_ARGS, mermaidBundle } = await lib('emit/flowcharts/mermaid-renderer.js');
  const { findChromium } = await lib('emit/flowcharts/find-chromium.js');
  const { CALLS_IN_FLIGHT } = await lib('emit/flowcharts/render-flowcharts.js');

  const executable = await findChromium();
  if (!executable) throw new Error('the benchmark needs Chromium: apt-get install chromium fonts-noto-cjk');
  const { catalog } = await checkCatalog(catalogDir);
  const items = itemsByCode(catalog);
  const sources = [];
  for (const item of items) sources.push({ code: item.code, source: await flowchartSource(item) });
  if (sources.length === 0) throw new Error('the catalog has no items');

  // licat: one browser, one page, mermaid loaded once, CALLS_IN_FLIGHT calls at a time as in a build.
  let t0 = performance.now();
  const renderer = await MermaidRenderer.open(executable);
  const startup = (performance.now() - t0) / 1000;
  t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < sources.length) {
      const { code, source } = sources[next++];
      await renderer.render(`flowchart-${code}`, source);
    }
  };
  await Promise.all(Array.from({ length: CALLS_IN_FLIGHT }, lane));
  const renderSeconds = (performance.now() - t0) / 1000;
  await renderer.close();
  const licat = {
    diagrams: sources.length,
    callsInFlight: CALLS_IN_FLIGHT,
    startupSeconds: round(startup),
    secondsPerDiagram: round(renderSeconds / sources.length),
    diagramsPerSecond: round(sources.length / renderSeconds),
    diagramsPerSecondWithStartup: round(sources.length / (renderSeconds + startup)),
  };

  const work = mkdtempSync(path.join(tmpdir(), 'licat-bench-'));
  try {
    const config = path.join(work, 'mermaid.json');
    writeFileSync(config, JSON.stringify(RENDER_CONFIG));
    const puppeteerConfig = path.join(work, 'puppeteer.json');
    writeFileSync(puppeteerConfig, JSON.stringify({ executablePath: executable, args: CHROMIUM_ARGS, headless: true }));

    // mmdc per diagram: what a build that shells out once per flowchart would cost.
    const mmdcBin = path.join(ROOT, 'node_modules', '.bin', 'mmdc');
    const mmdcTimes = [];
    for (const { code, source } of sources.slice(0, mmdcCount)) {
      const input = path.join(work, `${code}.mmd`);
      writeFileSync(input, source);
      const start = performance.now();
      const run = spawnSync(mmdcBin, ['-i', input, '-o', path.join(work, `${code}.svg`), '-c', config, '-p', puppeteerConfig, '-q'], {
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`mmdc failed: ${run.stderr}`);
      mmdcTimes.push((performance.now() - start) / 1000);
    }

    // mermaid-cli's renderMermaid on one browser: a new page and a fresh mermaid per diagram.
    const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
    const { default: puppeteer } = await import('puppeteer');
    const browser = await puppeteer.launch({ executablePath: executable, headless: true, args: CHROMIUM_ARGS, userDataDir: path.join(work, 'profile') });
    const apiTimes = [];
    try {
      for (const { source } of sources.slice(0, apiCount)) {
        const start = performance.now();
        await renderMermaid(browser, source, 'svg', { mermaidConfig: RENDER_CONFIG });
        apiTimes.push((performance.now() - start) / 1000);
      }
    } finally {
      await browser.close();
    }
    const { version } = await mermaidBundle();
    return {
      mermaidVersion: version,
      chromium: executable,
      licat,
      mmdc: summary(mmdcTimes),
      renderMermaid: summary(apiTimes),
      speedupOverMmdc: round(summary(mmdcTimes).secondsPerDiagram / licat.secondsPerDiagram),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function summary(times) {
  const total = times.reduce((a, b) => a + b, 0);
  return { diagrams: times.length, secondsPerDiagram: round(total / times.length), diagramsPerSecond: round(times.length / total) };
}

function round(x) {
  return Math.round(x * 1000) / 1000;
}

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await benchFlowcharts({ mmdcCount: arg('--mmdc', 3), apiCount: arg('--api', 5) });
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const rows = [
      [`licat (one page, ${result.licat.callsInFlight} in flight)`, result.licat.diagrams, result.licat.secondsPerDiagram, result.licat.diagramsPerSecond],
      ['mermaid-cli renderMermaid', result.renderMermaid.diagrams, result.renderMermaid.secondsPerDiagram, result.renderMermaid.diagramsPerSecond],
      ['mmdc per diagram', result.mmdc.diagrams, result.mmdc.secondsPerDiagram, result.mmdc.diagramsPerSecond],
    ];
    process.stdout.write(`flowchart rendering, mermaid ${result.mermaidVersion}, ${result.chromium}\n`);
    process.stdout.write(`${'renderer'.padEnd(28)}${'diagrams'.padStart(10)}${'s/diagram'.padStart(12)}${'diagrams/s'.padStart(12)}\n`);
    for (const [name, n, s, rate] of rows) {
      process.stdout.write(`${name.padEnd(28)}${String(n).padStart(10)}${s.toFixed(3).padStart(12)}${rate.toFixed(2).padStart(12)}\n`);
    }
    process.stdout.write(
      `licat browser start-up ${result.licat.startupSeconds.toFixed(2)} s (once per build); ${result.speedupOverMmdc}x faster than mmdc per diagram\n`,
    );
  }
}
