import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmitContext } from '../../src/emit/emitter.js';
import { findChromium } from '../../src/emit/flowcharts/find-chromium.js';
import { CHROMIUM_ARGS } from '../../src/emit/flowcharts/mermaid-renderer.js';
import { hallGuideModel } from '../../src/emit/guides/hall-guide.js';
import { printGuide, type PrintGuideRequest } from '../../src/emit/guides/print-guide.js';
import { planExpansion } from '../../src/model/expand.js';
import type { Catalog } from '../../src/model/catalog.js';
import { licat, ROOT, tempDir } from '../helpers.js';
import { memoryContext } from '../memory-sink.js';
import { sampleCatalog } from './fixtures.js';

const VILLAGE = '440106001001';
const HYGIENE = '440101006000';
const FOOD = '440101001000';
const BASE = 'https://zwfw.example.gov.cn/licat/';
const AXE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let browser: Browser;
let catalog: Catalog;
let context: EmitContext;

beforeAll(async () => {
  catalog = await sampleCatalog();
  context = memoryContext({}, tempDir('licat-svg-cache-')).context;
  const { default: puppeteer } = await import('puppeteer');
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('these tests need Chromium: apt-get install chromium fonts-noto-cjk');
  browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, userDataDir: tempDir('licat-chrome-') });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function print(request: Partial<PrintGuideRequest> & { itemCode: string }): Promise<string> {
  const printed = await printGuide(catalog, { variant: 'full', flowchart: false, ...request }, context);
  if ('error' in printed) throw new Error(printed.error.en);
  return printed.html;
}

/** Open a guide from a file, refusing any request but inline data. */
async function open(html: string): Promise<{ page: Page; requests: string[] }> {
  const file = path.join(tempDir('licat-guide-'), 'guide.html');
  writeFileSync(file, html);
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && r.url() !== `file://${file}`) requests.push(r.url());
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, requests };
}

function pdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return Number(/\/Type\s*\/Pages\b[^>]*?\/Count (\d+)/.exec(text)?.[1] ?? /\/Count (\d+)/.exec(text)?.[1]);
}

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const run = (globalThis as any).axe;
    const result = await run.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, preload: false });
    return result.violations.map((v: any) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n: any) => n.target))}`);
  });
}

describe('the guide of one hall', () => {
  it("names the hall, the deciding body and the deciding body's hall, and no other hall", () => {
    const expansion = planExpansion(catalog);
    const found = hallGuideModel(catalog, expansion, VILLAGE, HYGIENE);
    if ('problem' in found) throw new Error(found.problem);
    const halls = found.model.where.halls;
    expect(halls.map((h) => h.name)).toEqual(['五山街道岳洲社区党群服务中心', '广州市天河区政务服务中心']);
    expect(halls[0]!.address).toBe('广州市天河区五山路岳洲路社区党群服务中心一楼');
    expect(halls[0]!.role).toBe('受理申请，转报广州市天河区卫生健康局决定');
    expect(found.model.where.forHall?.body).toBe('广州市天河区卫生健康局');
    // A Dongguan town hall decides 食品经营许可 for the city's bureau: its own hall only, never Guangzhou's.
    const dongguan = hallGuideModel(catalog, expansion, '441900006', FOOD);
    if ('problem' in dongguan) throw new Error(dongguan.problem);
    expect(dongguan.model.where.halls.map((h) => h.name).join()).not.toContain('广州');
    // A village without a hall file is named from its region, and its deciding hall is its own district's.
    const village = expansion.tree.byTier.village.find((r) => r.code.startsWith('440106002'))!;
    const plain = hallGuideModel(catalog, expansion, village.code, HYGIENE);
    if ('problem' in plain) throw new Error(plain.problem);
    expect(plain.model.where.halls[0]!.name).toMatch(/^广州市天河区.+便民服务站$/);
    expect(plain.model.where.halls[0]!.address).toBeUndefined();
    expect(plain.model.where.halls[1]!.name).toBe('广州市天河区政务服务中心');
  });

  it('says why a hall cannot have a guide for an item', () => {
    const expansion = planExpansion(catalog);
    expect(hallGuideModel(catalog, expansion, VILLAGE, '440199999000')).toEqual({ problem: 'unknown-item' });
    expect(hallGuideModel(catalog, expansion, '449999', HYGIENE)).toEqual({ problem: 'unknown-hall' });
    expect(hallGuideModel(catalog, expansion, VILLAGE, '440102010000')).toEqual({ problem: 'not-offered', reason: '本社区为城市社区，无农村村民宅基地。' });
  });
});

describe('printed guides in Chromium', () => {
  it('the counter version (简版) of the longest sample items prints on one A4 page, with the QR code and the hall', async () => {
    const page = await browser.newPage();
    // The items with the most text on the counter version (conditions, materials, fees, halls with a hall file).
    const weight = (e: (typeof catalog.items)[number]) =>
      JSON.stringify([e.item.conditions, e.item.materials.map((m) => [m.name, m.condition]), e.item.fees]).length;
    const longest = [...catalog.items].sort((a, b) => weight(b) - weight(a)).slice(0, 6);
    for (const entry of longest) {
      const code = entry.item.code;
      const html = await print({ itemCode: code, variant: 'short', baseUrl: BASE });
      await page.setContent(html, { waitUntil: 'load' });
      expect(pdfPages(await page.pdf({ format: 'A4' })), code).toBe(1);
    }
    const html = await print({ itemCode: HYGIENE, hall: VILLAGE, variant: 'short', baseUrl: BASE });
    await page.setContent(html, { waitUntil: 'load' });
    const text = await page.evaluate(() => (globalThis as any).document.body.innerText as string);
    for (const part of ['受理条件', '申请材料', '办理时限和收费', '办理地点', '广州市天河区五山路岳洲路社区党群服务中心一楼']) expect(text).toContain(part);
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
    await page.close();
  }, 180_000);

  it("the QR code opens the item's page for that hall under --base-url; without a base URL there is none, and the notice says so", async () => {
    const html = await print({ itemCode: HYGIENE, hall: VILLAGE, baseUrl: BASE });
    const url = `${BASE}site/index.html#item=${HYGIENE}&hall=${VILLAGE}`;
    expect(html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain(`<span class="url">${url}</span>`);
    expect(html).toMatch(/<figure class="qr"[^>]*>\s*<svg/);
    // The code is qrcode's encoding of exactly that URL.
    const { default: QRCode } = await import('qrcode');
    expect(html).toContain(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    const printed = await printGuide(catalog, { itemCode: HYGIENE, hall: VILLAGE, variant: 'full', flowchart: false }, context);
    if ('error' in printed) throw new Error(printed.error.en);
    expect(printed.html).not.toContain('class="qr"');
    expect(printed.notices.map((n) => n.en)).toContain('no --base-url: the printed guide has no QR code');
  });

  it('the large-print (适老) guide: text at least 16 px, line spacing at least 1.3, no WCAG 2.1 AA violation, no request', async () => {
    const { page, requests } = await open(await print({ itemCode: HYGIENE, hall: VILLAGE, variant: 'large', baseUrl: BASE, flowchart: true }));
    const bad = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      const out: string[] = [];
      for (const node of doc.querySelectorAll('main *')) {
        if (node.closest('svg')) continue;
        if (![...node.childNodes].some((c: any) => c.nodeType === 3 && c.textContent.trim())) continue;
        const style = (globalThis as any).getComputedStyle(node);
        const size = parseFloat(style.fontSize);
        const line = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight);
        if (size < 16 || line / size < 1.3) out.push(`${node.tagName} ${size}/${line}: ${node.textContent.slice(0, 20)}`);
      }
      return out;
    });
    expect(bad).toEqual([]);
    expect(await page.$('figure.flowchart svg')).not.toBeNull();
    expect(await axe(page)).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
    const full = await open(await print({ itemCode: HYGIENE, hall: VILLAGE, baseUrl: BASE }));
    expect(await axe(full.page)).toEqual([]);
    await full.page.close();
  }, 120_000);
});

describe('licat guide', () => {
  it("writes a hall's guide as HTML, and as a PDF printed by Chromium", () => {
    const dir = tempDir('licat-guide-cli-');
    const html = path.join(dir, 'g.html');
    const run = licat(['guide', HYGIENE, '--hall', VILLAGE, '--variant', 'short', '--base-url', BASE, '--out', html]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('五山街道岳洲社区党群服务中心');
    const pdf = path.join(dir, 'g.pdf');
    const printed = licat(['guide', HYGIENE, '--hall', VILLAGE, '--variant', 'short', '--no-flowchart', '--out', pdf]);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toContain('未指定 --base-url');
    expect(pdfPages(readFileSync(pdf))).toBe(1);
  }, 120_000);

  it('refuses unknown items, halls and variants and a hall that does not offer the item, with the reason', { timeout: 120_000 }, () => {
    const notOffered = licat(['guide', '440102010000', '--hall', VILLAGE, '--no-flowchart']);
    expect(notOffered.code).toBe(1);
    expect(notOffered.stderr).toBe('licat: 大厅 440106001001 不办理事项 440102010000：本社区为城市社区，无农村村民宅基地。\n');
    const unknown = licat(['guide', '440199999000', '--no-flowchart'], { env: { LICAT_LANG: 'en' } });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('licat: no item with basic code 440199999000 in the catalog\n');
    const variant = licat(['guide', HYGIENE, '--variant', 'tiny']);
    expect(variant.code).toBe(2);
    expect(variant.stderr).toContain('unknown variant tiny');
    const dir = tempDir('licat-guide-cli-');
    writeFileSync(path.join(dir, 'file'), 'x');
    const unwritable = licat(['guide', HYGIENE, '--no-flowchart', '--out', path.join(dir, 'file', 'g.html')], { env: { LICAT_LANG: 'en' } });
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^no --base-url: the printed guide has no QR code\nlicat: cannot write .*g\.html.*\n$/);
    expect(readdirSync(dir)).toEqual(['file']);
    const base = licat(['guide', HYGIENE, '--base-url', 'ftp://x']);
    expect(base.code).toBe(2);
    expect(base.stdout).toBe('');
  });
});
