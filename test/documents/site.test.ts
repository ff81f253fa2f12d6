import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/emit/flowcharts/find-chromium.js';
import { CHROMIUM_ARGS } from '../../src/emit/flowcharts/mermaid-renderer.js';
import { siteEmitter } from '../../src/emit/site/site-emitter.js';
import type { Catalog } from '../../src/model/catalog.js';
import { ROOT, tempDir } from '../helpers.js';
import { memoryContext } from '../memory-sink.js';
import { sampleCatalog } from './fixtures.js';

/** The sample's community hall with a hall file (岳洲社区), its town and its district. */
const VILLAGE = '440106001001';
const TOWN = '440106001';
const DISTRICT = '440106';
const VILLAGE_ADDRESS = '广州市天河区五山路岳洲路社区党群服务中心一楼';
const DISTRICT_ADDRESS = '广州市天河区天府路1号天河区政务服务中心一楼至三楼';
const HYGIENE = '440101006000'; // 公共场所卫生许可: accepted at the village, decided by the district
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let browser: Browser;
let catalog: Catalog;
let dist: string;
let index: string;

/** Build the site of a catalog into a temporary folder laid out like dist/. */
async function buildSite(from: Catalog, cacheDir?: string) {
  const { out, logs, context } = memoryContext({}, cacheDir);
  await siteEmitter.emit(from, context);
  return { out, logs };
}

beforeAll(async () => {
  catalog = await sampleCatalog();
  const { out } = await buildSite(catalog, tempDir('licat-svg-cache-'));
  dist = tempDir('licat-site-');
  for (const name of out.names()) {
    const file = path.join(dist, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, out.bytes(name));
  }
  index = path.join(dist, 'site', 'index.html');
  const { default: puppeteer } = await import('puppeteer');
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('these tests need Chromium: apt-get install chromium fonts-noto-cjk');
  browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, userDataDir: tempDir('licat-chrome-') });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * Open the site from disk as a user would (file://), refusing and recording every request that
 * leaves the output folder.
 */
async function open(hash = ''): Promise<{ page: Page; outside: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  const root = `file://${dist}/`;
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(root) || url.startsWith('data:')) void request.continue();
    else {
      outside.push(url);
      void request.abort('blockedbyclient');
    }
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.setViewport({ width: 1200, height: 1000 });
  await page.goto(`file://${index}${hash}`, { waitUntil: 'load' });
  return { page, outside, errors };
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as unknown as { innerText: string }).innerText);

async function axe(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the page's CSP (rightly) refuses an injected <script>.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async (tags) => {
    const run = (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    // No preload: axe would fetch the stylesheets itself, which the page's CSP refuses.
    const result = await run.run({ runOnly: { type: 'tag', values: tags }, preload: false });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  }, AXE_TAGS);
  return violations;
}

describe('the portal preview (dist/site/) in Chromium, opened from disk', () => {
  it('choosing city, district, sub-district and community shows that hall and what it offers, by department and by life event', async () => {
    const { page, outside, errors } = await open();
    await page.select('#sel-city', '440100');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#sel-county option[value="440106"]'));
    await page.select('#sel-county', DISTRICT);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#sel-town option[value="440106001"]'));
    await page.select('#sel-town', TOWN);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#sel-village option[value="440106001001"]'));
    await page.select('#sel-village', VILLAGE);
    await page.waitForFunction(
      () => (globalThis as any).location.hash === '#hall=440106001001' && (globalThis as any).document.querySelector('#hall-items li'),
    );
    expect(await text(page, '#hall-title')).toBe('五山街道岳洲社区党群服务中心');
    expect(await text(page, '#view')).toContain(VILLAGE_ADDRESS);
    const listed = await page.$$eval('#hall-items li', (lis) => lis.map((li) => (li as unknown as { dataset: { code: string } }).dataset.code));
    // What the community hall offers: the items accepted at village level, less those its hall file excludes.
    const { planExpansion } = await import('../../src/model/expand.js');
    const expansion = planExpansion(catalog);
    const expected = expansion.expandHall(expansion.tree.byCode.get(VILLAGE)!).offers.map((o) => o.entry.item.code);
    expect(expected.length).toBeGreaterThan(0);
    expect(listed.sort()).toEqual([...expected].sort());
    expect(await text(page, '#hall-items')).toContain('受理后转报广州市天河区卫生健康局');
    // By life event: the same items, under the events of data/life-events.yaml.
    await page.click('.toolbar button:nth-child(2)');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('.toolbar button:nth-child(2)').getAttribute('aria-pressed') === 'true');
    const events = await page.$$eval('#hall-items h3', (hs) => hs.map((h) => (h as unknown as { textContent: string }).textContent));
    expect(events.some((e) => e.startsWith('医疗卫生'))).toBe(true);
    expect(await axe(page)).toEqual([]);
    // The check can fail: grey text on white is reported.
    await page.$eval('#hall-title', (h) => ((h as unknown as { style: { color: string } }).style.color = '#bbbbbb'));
    expect((await axe(page)).join()).toContain('color-contrast');
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('a district hall offers more, grouped under its departments; Dongguan towns are chosen without a county', async () => {
    const { page, outside } = await open(`#hall=${DISTRICT}`);
    await page.waitForSelector('#hall-items li');
    const count = await page.$$eval('#hall-items li', (lis) => lis.length);
    expect(count).toBeGreaterThan(20);
    expect(await text(page, '#view')).toContain(DISTRICT_ADDRESS);
    await page.select('#sel-city', '441900');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#sel-town option[value="441900006"]'));
    expect(await page.$eval('#sel-county', (s) => (s as unknown as { disabled: boolean }).disabled)).toBe(true);
    await page.select('#sel-town', '441900006');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#hall-title')?.textContent === '东莞市莞城街道政务服务中心');
    expect(outside).toEqual([]);
    await page.close();
  });

  it('finds 食品经营许可 by characters, pinyin initials, full pinyin and Traditional characters', async () => {
    const { page } = await open();
    for (const query of ['食品', 'spjy', 'shipinjingying', 'SPJY', '食品經營', '食品經營許可']) {
      await page.$eval('#item-q', (e) => ((e as unknown as { value: string }).value = ''));
      await page.type('#item-q', query);
      const found = await page.$$eval('#item-results a', (as) => as.map((a) => (a as unknown as { textContent: string }).textContent));
      expect(found, query).toContain('食品经营许可');
      if (query !== '食品')
        expect(
          found.every((name) => name.startsWith('食品经营')),
          query,
        ).toBe(true);
    }
    await page.$eval('#item-q', (e) => ((e as unknown as { value: string }).value = ''));
    await page.type('#item-q', 'zzzzqx');
    expect(await page.$$('#item-results a')).toHaveLength(0);
    expect(await text(page, '#item-count')).toBe('找到 0 个事项');
    // Halls by name, Traditional characters too.
    await page.type('#hall-q', '岳洲社區');
    expect(await text(page, '#hall-results')).toContain('天河区 › 五山街道 › 岳洲社区');
    await page.close();
  });

  it('opens a guide for the chosen hall: its address, the deciding body and its hall, no other city, and the flowchart', async () => {
    const { page, outside, errors } = await open(`#hall=${VILLAGE}`);
    await page.waitForSelector(`#hall-items li[data-code="${HYGIENE}"] a`);
    await page.click(`#hall-items li[data-code="${HYGIENE}"] a`);
    await page.waitForSelector('[data-where] table.halls');
    const where = await text(page, '[data-where]');
    expect(where).toContain(VILLAGE_ADDRESS);
    expect(where).toContain(DISTRICT_ADDRESS);
    expect(where).toContain('广州市天河区卫生健康局');
    expect(where).not.toMatch(/东莞|深圳|佛山/);
    expect(await text(page, '#guide-hall')).toBe('适用大厅：五山街道岳洲社区党群服务中心');
    const guide = await text(page, 'article.guide');
    for (const heading of ['受理条件', '申请材料', '办理流程', '办理时限', '收费标准', '办理地点和时间']) expect(guide).toContain(heading);
    const item = catalog.items.find((e) => e.item.code === HYGIENE)!.item;
    const svgText = await page.$eval('figure.flowchart svg', (svg) => (svg as unknown as { textContent: string }).textContent);
    for (const step of item.process.steps) expect(svgText).toContain(step.name);
    expect(await axe(page)).toEqual([]);
    // The large-print (适老) guide: at least 16 px everywhere, line spacing at least 1.3, AA contrast.
    await page.click('#large-toggle');
    const small = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      const bad: string[] = [];
      for (const node of doc.querySelectorAll('article.guide *')) {
        if (node.closest('svg')) continue;
        const own = [...node.childNodes].some((c: any) => c.nodeType === 3 && c.textContent.trim());
        if (!own) continue;
        const style = (globalThis as any).getComputedStyle(node);
        const size = parseFloat(style.fontSize);
        const line = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight);
        if (size < 16 || line / size < 1.3) bad.push(`${node.tagName} ${size}px/${line}px ${node.textContent.slice(0, 20)}`);
      }
      return bad;
    });
    expect(small).toEqual([]);
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('a hall that does not offer an item points to the nearest hall above that does', async () => {
    const { page } = await open(`#hall=${VILLAGE}`);
    await page.waitForSelector('#hall-items li');
    await page.type('#item-q', '食品经营');
    const sub = await text(page, '#item-results li');
    expect(sub).toContain('本大厅不办理，可到天河区五山街道政务服务中心办理');
    await page.click('#item-results a');
    await page.waitForSelector('[data-where] table.halls');
    expect(await text(page, '#guide-hall')).toBe('适用大厅：天河区五山街道政务服务中心');
    await page.close();
  });
});

describe('the portal preview as files', () => {
  it('has no page per hall, stays far below 50 MB for the sample, and is the same bytes when built twice', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else files.push(file);
      }
    };
    walk(path.join(dist, 'site'));
    expect(files.filter((f) => f.endsWith('.html'))).toEqual([index]);
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(bytes).toBeLessThan(50 * 1024 * 1024);
    // One data file per city (and the province hall), one per item guide.
    expect(readdirSync(path.join(dist, 'site', 'data', 'halls'))).toHaveLength(22);
    expect(readdirSync(path.join(dist, 'site', 'data', 'guides'))).toHaveLength(catalog.items.length);
    const again = (await buildSite(catalog, tempDir('licat-svg-cache-'))).out;
    for (const file of files) {
      const rel = path.relative(dist, file).split(path.sep).join('/');
      expect(Buffer.from(again.bytes(rel)).equals(readFileSync(file)), rel).toBe(true);
    }
  }, 120_000);

  it('escapes catalog text in data scripts so it cannot end the script', async () => {
    const regions = readFileSync(path.join(dist, 'site', 'data', 'catalog.js'), 'utf8');
    expect(regions.startsWith('LICAT_SITE.put("catalog","all",')).toBe(true);
    for (const name of readdirSync(path.join(dist, 'site', 'data', 'guides'))) {
      expect(readFileSync(path.join(dist, 'site', 'data', 'guides', name), 'utf8')).not.toMatch(/<\/script/i);
    }
  });
});
