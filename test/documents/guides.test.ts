import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flowchartsEmitter } from '../../src/emit/flowcharts/flowcharts-emitter.js';
import { findChromium } from '../../src/emit/flowcharts/find-chromium.js';
import { CHROMIUM_ARGS } from '../../src/emit/flowcharts/mermaid-renderer.js';
import { guidesEmitter } from '../../src/emit/guides/guides-emitter.js';
import { TEMPLATES_DIR } from '../../src/emit/template-files.js';
import type { Catalog } from '../../src/model/catalog.js';
import { tempDir } from '../helpers.js';
import { HOSTILE, hostileCatalog, sampleCatalog, smallCatalog } from './fixtures.js';
import { memoryContext, type MemorySink } from '../memory-sink.js';

/** Rendered flowcharts shared by the tests of this file, so each diagram renders once. */
const CACHE = tempDir('licat-svg-cache-');

/** Build flowcharts and guides of a catalog into a temporary folder laid out like dist/. */
async function buildGuides(catalog: Catalog, useCache = true): Promise<{ dir: string; out: MemorySink; logs: string[] }> {
  const { out, logs, context } = memoryContext({}, useCache ? CACHE : undefined);
  await flowchartsEmitter.emit(catalog, context);
  await guidesEmitter.emit(catalog, context);
  const dir = tempDir('licat-guides-');
  for (const name of out.names()) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, out.bytes(name));
  }
  return { dir, out, logs };
}

let browser: Browser;

beforeAll(async () => {
  const { default: puppeteer } = await import('puppeteer');
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('these tests need Chromium: apt-get install chromium fonts-noto-cjk');
  browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, userDataDir: tempDir('licat-chrome-') });
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Open a file, recording every request, dialog and page error. */
async function open(file: string) {
  const page = await browser.newPage();
  const requests: string[] = [];
  const responses: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  const console: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => responses.push(r.url()));
  page.on('console', (m) => console.push(m.text()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewport({ width: 1000, height: 1200 });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, requests, responses, dialogs, errors, console };
}

function pdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return Number(/\/Type\s*\/Pages\b[^>]*?\/Count (\d+)/.exec(text)?.[1] ?? /\/Count (\d+)/.exec(text)?.[1]);
}

describe('guide templates', () => {
  it('never print catalog data unescaped: no triple-stash, no {{& }}', () => {
    for (const name of readdirSync(TEMPLATES_DIR).filter((n) => n.endsWith('.html.hbs'))) {
      const text = readFileSync(path.join(TEMPLATES_DIR, name), 'utf8');
      expect(text, name).not.toMatch(/\{\{\{|\{\{~?\s*&/);
    }
  });
});

describe('service guides in headless Chromium', () => {
  it('shows the item, its flowchart and every section, loads nothing from outside, and prints on a few A4 pages', async () => {
    const catalog = smallCatalog();
    const { dir } = await buildGuides(catalog);
    const item = catalog.items[0]!.item;
    const file = path.join(dir, 'guides', `${item.code}.html`);
    const { page, requests, errors } = await open(file);
    const text = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
    expect(text).toContain('食品经营许可');
    for (const heading of [
      '受理条件',
      '申请材料',
      '办理流程',
      '办理时限',
      '收费标准',
      '办理结果',
      '办理地点和时间',
      '到现场次数',
      '网上办理深度',
      '设定依据',
    ]) {
      expect(text, heading).toContain(heading);
    }
    for (const m of item.materials) expect(text).toContain(m.name);
    for (const c of item.conditions) expect(text).toContain(c);
    expect(text).toContain('20 个工作日');
    expect(text).toContain('10 个工作日（承诺件）');
    expect(text).toContain('《中华人民共和国食品安全法》第三十五条');
    // The flowchart is inline SVG whose labels are text.
    const svgText = await page.$eval('figure.flowchart svg', (svg) => (svg as unknown as { textContent: string }).textContent);
    for (const step of item.process.steps) expect(svgText).toContain(step.name);
    expect(await page.$$('foreignObject')).toHaveLength(0);
    expect(errors).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://') || url.startsWith('data:'))).toBe(true);
    const shot = path.join(tempDir('licat-shots-'), `${item.code}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(3);
    await page.close();
  });

  it('prints the longest sample guides on at most four A4 pages', async () => {
    const { dir } = await buildGuides(await sampleCatalog());
    const page = await browser.newPage();
    const guides = readdirSync(path.join(dir, 'guides')).filter((n) => n !== 'index.html');
    const longest = guides.sort((a, b) => statSync(path.join(dir, 'guides', b)).size - statSync(path.join(dir, 'guides', a)).size).slice(0, 4);
    for (const name of longest) {
      await page.goto(`file://${path.join(dir, 'guides', name)}`);
      expect(pdfPages(await page.pdf({ format: 'A4' })), name).toBeLessThanOrEqual(4);
    }
    await page.close();
  });

  it('lists every item in the index and filters it by text, department and tier with its own script', async () => {
    const catalog = await sampleCatalog();
    const { dir } = await buildGuides(catalog);
    const { page, errors } = await open(path.join(dir, 'guides', 'index.html'));
    const codes = new Set(catalog.items.map((e) => e.item.code));
    const visible = async () =>
      page.$$eval('#items tbody tr', (rows) =>
        (rows as unknown as Array<{ hidden: boolean; cells: Array<{ textContent: string }>; getAttribute(n: string): string }>)
          .filter((r) => !r.hidden)
          .map((r) => ({
            code: r.cells[0]!.textContent,
            name: r.cells[1]!.textContent,
            dept: r.getAttribute('data-dept'),
            tiers: r.getAttribute('data-tiers'),
          })),
      );
    expect((await visible()).map((r) => r.code).sort()).toEqual([...codes].sort());
    expect(await page.$eval('#count', (e) => (e as unknown as { textContent: string }).textContent)).toBe(`显示 ${codes.size} / ${codes.size} 个事项`);
    const shot = path.join(tempDir('licat-shots-'), 'index.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);

    await page.type('#q', '食品');
    const food = await visible();
    expect(food.length).toBeGreaterThan(0);
    expect(food.every((r) => r.name.includes('食品'))).toBe(true);
    await page.$eval('#q', (e) => ((e as unknown as { value: string }).value = ''));
    await page.select('#dept', 'health');
    const health = await visible();
    expect(health.length).toBe(catalog.items.filter((e) => e.item.department === 'health').length);
    await page.select('#dept', '');
    await page.select('#tier', 'village');
    const village = await visible();
    expect(village.length).toBeGreaterThan(0);
    expect(village.every((r) => r.tiers.split(' ').includes('village'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a hostile item name as text: no element, no script, no dialog', async () => {
    const catalog = hostileCatalog();
    const { dir } = await buildGuides(catalog);
    const item = catalog.items[0]!.item;
    const file = path.join(dir, 'guides', `${item.code}.html`);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const { page, dialogs, errors } = await open(file);
    const h1 = await page.$eval('h1', (e) => (e as unknown as { textContent: string }).textContent);
    expect(h1).toBe(`${item.name}办事指南`);
    expect(await page.$$('img, script, iframe, object, embed')).toHaveLength(0);
    const conditions = await page.$$eval('ol li', (lis) => lis.map((li) => (li as unknown as { textContent: string }).textContent));
    expect(conditions.slice(0, 2)).toEqual([HOSTILE.formula, HOSTILE.html]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs no script that is not ours: the CSP blocks one slipped into a guide', async () => {
    const { dir } = await buildGuides(smallCatalog());
    const file = path.join(dir, 'guides', '440101001000.html');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; script-src &#x27;none&#x27;;`);
    const tampered = path.join(dir, 'guides', 'tampered.html');
    writeFileSync(tampered, html.replace('</main>', '</main><script>document.title = "pwned"</script><img src="https://example.com/x.png">'));
    const { page, responses, console } = await open(tampered);
    expect(await page.title()).toBe('食品经营许可 办事指南');
    // Chromium announces the image request, then blocks it: nothing comes back.
    expect(responses.filter((url) => !url.startsWith('file:'))).toEqual([]);
    expect(console.filter((m) => m.includes('Content Security Policy'))).toHaveLength(2);
    await page.close();
    // The index's own script runs: it is allowed by its hash.
    const index = await open(path.join(dir, 'guides', 'index.html'));
    expect(await index.page.$eval('#count', (e) => (e as unknown as { textContent: string }).textContent)).toBe('显示 1 / 1 个事项');
    await index.page.close();
  });
});

describe('guides without a browser', () => {
  it('link the Mermaid source instead of the SVG, and the build says once that SVG needs Chromium', async () => {
    vi.stubEnv('LICAT_CHROMIUM', '/nonexistent/chromium');
    const { out, logs } = await buildGuides(smallCatalog(), false);
    const html = out.text('guides/440101001000.html');
    expect(html).not.toContain('<svg');
    expect(html).toContain('<a href="../flowcharts/440101001000.mmd">Mermaid 源文件</a>');
    expect(logs.filter((l) => l.includes('apt-get install chromium fonts-noto-cjk'))).toHaveLength(1);
  });
});
