import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { excelEmitter } from '../../src/emit/excel/excel-emitter.js';
import { NO_DATE, workbookBuffer } from '../../src/emit/excel/write-workbook.js';
import { hallFeed } from '../../src/emit/feeds/hall-feed.js';
import { planExpansion } from '../../src/model/expand.js';
import { checkInline, sampleItem } from '../inline.js';
import { ROOT, tempDir } from '../helpers.js';
import { HOSTILE, hostileCatalog, sampleCatalog, smallCatalog } from './fixtures.js';
import { libreOfficeSheets } from './libreoffice.js';
import { memoryContext } from '../memory-sink.js';
import { readZip, zipText } from './read-zip.js';
import { dumpWorkbook, formatDump } from './xlsx-dump.js';

async function catalogXlsx(catalog: Parameters<typeof excelEmitter.emit>[0], options: Record<string, unknown> = {}) {
  const { out, context } = memoryContext(options);
  await excelEmitter.emit(catalog, context);
  return { xlsx: out.bytes('excel/catalog.xlsx'), out };
}

describe('excel/catalog.xlsx', () => {
  it('matches the expected cells, layout and formats of the general directory', async () => {
    const { xlsx } = await catalogXlsx(smallCatalog());
    await expect(formatDump(await dumpWorkbook(xlsx))).toMatchFileSnapshot('golden/small-catalog.xlsx.txt');
  });

  it('has the sheets departments expect, with a title, Chinese headers in a frozen row, a filter and text-formatted codes', async () => {
    const catalog = await sampleCatalog();
    const { xlsx } = await catalogXlsx(catalog);
    const sheets = await dumpWorkbook(xlsx);
    expect(sheets.map((s) => s.name)).toEqual(['通用目录', '实施清单', '申请材料', '办理流程', '收费标准', '自由裁量标准', '统计']);
    for (const sheet of sheets) {
      expect(sheet.rows[0]![0], sheet.name).toBe(`${catalog.meta!.name}（${catalog.meta!.version} 版）　${sheet.name}`);
      expect(sheet.frozen?.rows, sheet.name).toBe(2);
      expect(sheet.autoFilter, sheet.name).toBeDefined();
      expect(
        sheet.widths.every((w) => w !== undefined && w >= 6 && w <= 60),
        sheet.name,
      ).toBe(true);
    }
    const items = sheets[0]!;
    expect(items.rows[1]!.slice(0, 4)).toEqual(['序号', '基本编码', '事项名称', '事项类型']);
    expect(items.formats[1]).toBe('@');
    expect(items.rows.slice(2).map((r) => r[0])).toEqual(catalog.items.map((_, i) => i + 1));
    const codes = items.rows.slice(2).map((r) => r[1]);
    expect(codes).toEqual([...new Set(catalog.items.map((e) => e.item.code))].sort());
    for (const code of codes) expect(typeof code === 'string' && /^\d{12}$/.test(code), String(code)).toBe(true);
    // Each item row links to its flowchart and its guide, relative to excel/.
    const linkColumn = items.rows[1]!.indexOf('流程图');
    for (const row of items.rows.slice(2)) {
      expect(row[linkColumn]).toEqual({ text: '流程图', link: `../flowcharts/${row[1] as string}.svg` });
    }
  }, 240_000);

  it('opens in LibreOffice with every code and name intact', async () => {
    const catalog = await sampleCatalog();
    const { xlsx } = await catalogXlsx(catalog);
    const sheets = libreOfficeSheets(xlsx, 'catalog');
    const items = sheets.get('通用目录');
    expect(items, [...sheets.keys()].join(',')).toBeDefined();
    const seen = new Map(items!.slice(2).map((row) => [row[1], row[2]]));
    for (const { item } of catalog.items) expect(seen.get(item.code), item.code).toBe(item.name);
    const materials = sheets.get('申请材料')!;
    const materialNames = new Set(materials.slice(2).map((row) => `${row[0]}/${row[3]}`));
    for (const { item } of catalog.items) {
      for (const m of item.materials) expect(materialNames.has(`${item.code}/${m.name}`), `${item.code} ${m.name}`).toBe(true);
    }
    const steps = sheets.get('办理流程')!;
    expect(steps.slice(2).every((row) => /^\d{12}$/.test(row[0] ?? ''))).toBe(true);
    const counts = sheets.get('统计')!;
    expect(counts.at(-1)![0]).toBe('合计');
    expect(Number(counts.at(-1)!.at(-1))).toBe(new Set(catalog.items.map((e) => e.item.code)).size);
  });

  it('stores text that starts like a formula as text, never as a formula', async () => {
    const { xlsx } = await catalogXlsx(hostileCatalog());
    for (const entry of readZip(xlsx).filter((e) => e.name.startsWith('xl/worksheets/sheet'))) {
      expect(entry.data.toString('utf8'), entry.name).not.toMatch(/<f[\s>]/);
    }
    const dump = await dumpWorkbook(xlsx);
    const materials = dump.find((s) => s.name === '申请材料')!;
    const names = materials.rows.slice(2).map((r) => r[3]);
    expect(names).toEqual(expect.arrayContaining([HOSTILE.formula, HOSTILE.plus, HOSTILE.minus, HOSTILE.at]));
    expect(materials.formats[3]).toBe('@');
    // LibreOffice shows what was typed: no formula was evaluated ("点此", 3, 1, 3 would be results).
    const lo = libreOfficeSheets(xlsx, 'hostile');
    const loNames = lo
      .get('申请材料')!
      .slice(2)
      .map((r) => r[3]);
    expect(loNames).toEqual(expect.arrayContaining([HOSTILE.formula, HOSTILE.plus, HOSTILE.minus, HOSTILE.at]));
    const fees = lo.get('收费标准')!.slice(2)[0]!;
    expect(fees.slice(2, 5)).toEqual([HOSTILE.formula, HOSTILE.html, HOSTILE.at]);
  });

  it('keeps a leading tab or carriage return before a formula as text', async () => {
    // The loader trims catalog text, so these reach the writer only from code: test it directly.
    const columns = [{ header: '内容', kind: 'text' as const }];
    const xlsx = await workbookBuffer([{ name: '测试', columns, rows: [[HOSTILE.tab], [HOSTILE.cr], ['=1+1']] }], { date: NO_DATE });
    expect(zipText(xlsx, 'xl/worksheets/sheet1.xml')).not.toMatch(/<f[\s>]/);
    const [sheet] = await dumpWorkbook(xlsx);
    // XML turns a carriage return into a line feed on reading; either way the cell is text.
    expect(sheet!.rows.slice(1)).toEqual([[HOSTILE.tab], [expect.stringMatching(/^[\r\n]=1\+1$/)], ['=1+1']]);
    const lo = libreOfficeSheets(xlsx, 'control').get('测试')!;
    // LibreOffice shows "=1+1" (its CSV drops the leading control character), never 2.
    expect(lo.slice(1).map((r) => r[0]!.trim())).toEqual(['=1+1', '=1+1', '=1+1']);
  });

  it('is byte-identical from build to build, zip entry times included', async () => {
    const a = (await catalogXlsx(smallCatalog())).xlsx;
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const b = (await catalogXlsx(smallCatalog())).xlsx;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // 1980-01-01 00:00:00, the zip epoch, when no build time is given.
    for (const entry of readZip(a)) expect([entry.name, entry.dosDate, entry.dosTime]).toEqual([entry.name, 33, 0]);
    expect(zipText(a, 'docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>');
  });

  it('uses the build time when one is given', async () => {
    const { xlsx } = await catalogXlsx(smallCatalog(), { buildTime: '2026-11-01T08:30:00.000Z' });
    expect(zipText(xlsx, 'docProps/core.xml')).toContain('2026-11-01T08:30:00Z');
    const dosDate = ((2026 - 1980) << 9) | (11 << 5) | 1;
    for (const entry of readZip(xlsx)) expect(entry.dosDate).toBe(dosDate);
  });
});

describe('excel/halls (--excel-halls)', () => {
  it('writes the province hall and each city with its halls, with local facts and items not offered', async () => {
    const hall = [
      'region: "440106001"',
      'name: 五山街道党群服务中心',
      'items:',
      '  "440101001000": { window: 综合受理 3 号窗口, promised: { value: 5, unit: working-day } }',
      '',
    ].join('\n');
    const county = ['region: "440106"', 'name: 天河区政务服务中心', 'notOffered:', '  - { code: "440101001000", reason: 本区由市局统一办理 }', ''].join('\n');
    const { catalog } = checkInline({ 'items/food.yaml': sampleItem(), 'halls/440106001.yaml': hall, 'halls/440106.yaml': county });
    const { out, context } = memoryContext({ excelHalls: true });
    await excelEmitter.emit(catalog, context);
    expect(out.names()).toEqual(['excel/catalog.xlsx', 'excel/halls/440000.xlsx', 'excel/halls/440100.xlsx']);
    const [offers, notOffered] = await dumpWorkbook(out.bytes('excel/halls/440100.xlsx'));
    expect(offers!.name).toBe('实施清单');
    expect(offers!.frozen).toEqual({ columns: 2, rows: 1 });
    // Not offered at the county hall; the county body still decides, and the town still accepts.
    expect(offers!.rows.slice(1).map((r) => [r[0], r[8]])).toEqual([['440106001', '就近受理、转报上级']]);
    expect(notOffered!.rows[1]).toEqual(['440106', '天河区', '440101001000', '食品经营许可', '本区由市局统一办理']);
  });

  it('lists the implementation codes of a county-level item decided by the county and accepted in its towns', async () => {
    const hall = [
      'region: "440106001"',
      'name: 五山街道党群服务中心',
      'items:',
      '  "440101001000": { window: 综合受理 3 号窗口, promised: { value: 5, unit: working-day } }',
      '',
    ].join('\n');
    const { catalog } = checkInline({ 'items/food.yaml': sampleItem(), 'halls/440106001.yaml': hall });
    const { out, context } = memoryContext({ excelHalls: true });
    await excelEmitter.emit(catalog, context);
    const [offers] = await dumpWorkbook(out.bytes('excel/halls/440100.xlsx'));
    const rows = offers!.rows.slice(1);
    expect(rows.map((r) => [r[0], r[8]])).toEqual([
      ['440106', '本级决定'],
      ['440106001', '就近受理、转报上级'],
    ]);
    const town = rows[1]!;
    expect(town.slice(0, 8)).toEqual([
      '440106001',
      '五山街道',
      '镇（街道）',
      '五山街道党群服务中心',
      '440101001000',
      '食品经营许可',
      null,
      '1144030069395137734440101001000',
    ]);
    expect(town[13]).toBe('5 个工作日（本地承诺）');
    expect(town[14]).toBe('综合受理 3 号窗口');
  });

  it('writes only the regions asked for, each with the halls under it, and refuses an unknown code', async () => {
    const { catalog } = checkInline({ 'items/food.yaml': sampleItem() });
    const { out, context } = memoryContext({ excelHalls: '440106' });
    await excelEmitter.emit(catalog, context);
    expect(out.names()).toEqual(['excel/catalog.xlsx', 'excel/halls/440106.xlsx']);
    const [offers] = await dumpWorkbook(out.bytes('excel/halls/440106.xlsx'));
    expect(offers!.rows.slice(1).map((r) => r[0])).toEqual(['440106', '440106001']);
    const bad = memoryContext({ excelHalls: '440106,449999' });
    await expect(excelEmitter.emit(catalog, bad.context)).rejects.toThrow(/449999/);
    expect(bad.out.names()).toEqual(['excel/catalog.xlsx']);
  });

  it('streams 100,000 rows and more in well under 300 MB', () => {
    const script = path.join(tempDir(), 'halls.mjs');
    const lib = (rel: string) => pathToFileURL(path.join(ROOT, 'lib', rel)).href;
    writeFileSync(
      script,
      [
        `import { checkCatalog } from ${JSON.stringify(lib('pipeline/check-catalog.js'))};`,
        `import { excelEmitter } from ${JSON.stringify(lib('emit/excel/excel-emitter.js'))};`,
        `import { mkdirSync } from 'node:fs';`,
        `import path from 'node:path';`,
        `const dir = process.argv[2];`,
        `const { catalog } = await checkCatalog(${JSON.stringify(path.join(ROOT, 'catalog'))});`,
        `const out = { write: async () => {}, added: async () => {},`,
        `  streamPath: async (rel) => { const f = path.join(dir, rel); mkdirSync(path.dirname(f), { recursive: true }); return f; } };`,
        `const logs = [];`,
        `await excelEmitter.emit(catalog, { out, lang: 'en', options: { excelHalls: true }, log: (m) => logs.push(m), cacheDir: undefined });`,
        `console.log(JSON.stringify({ logs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [script, tempDir()], { encoding: 'utf8', timeout: 300_000 });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { logs: string[]; maxRssMb: number };
    const rows = Number(/(\d+) rows in all/.exec(result.logs.join('\n'))?.[1]);
    expect(rows).toBeGreaterThanOrEqual(100_000);
    expect(result.maxRssMb).toBeLessThan(300);
  }, 300_000);
});

describe('excel/halls implementation lists', () => {
  it('give the halls of a Dongguan and a Zhongshan town (directly under the city) the implementation codes of their hall feeds', async () => {
    const catalog = await sampleCatalog();
    // 东城街道, Dongguan, and 石岐街道, Zhongshan, each with its villages.
    const towns = ['441900003', '442000001'];
    const { out } = await catalogXlsx(catalog, { excelHalls: towns.join(',') });
    const expansion = planExpansion(catalog);
    for (const town of towns) {
      const city = town.slice(0, 6);
      const [list] = await dumpWorkbook(out.bytes(`excel/halls/${town}.xlsx`));
      const header = list!.rows[0]!;
      const [region, item, code] = ['区划代码', '基本编码', '实施编码'].map((h) => header.indexOf(h));
      const fromExcel = list!.rows
        .slice(1)
        .map((row) => `${String(row[region!])} ${String(row[item!])} ${String(row[code!])}`)
        .sort();
      const fromFeeds: string[] = [];
      let exercised = 0;
      for (const hall of expansion.tree.halls.filter((r) => r.code.startsWith(town))) {
        for (const offer of hallFeed(expansion.expandHall(hall)).offers) {
          for (const impl of offer.implementationCodes) fromFeeds.push(`${hall.code} ${offer.code} ${impl.code}`);
          // A county power the city exercises: the city's body and the city's level digit 3.
          if (offer.exercises === 'county') {
            exercised++;
            expect(offer.body.region, `${hall.code} ${offer.code}`).toBe(city);
            expect(offer.implementationCodes[0]!.code.slice(18, 19)).toBe('3');
          }
        }
      }
      expect(fromExcel.length, town).toBeGreaterThan(100);
      expect(exercised, town).toBeGreaterThan(0);
      expect(fromExcel, town).toEqual(fromFeeds.sort());
    }
  }, 120_000);
});
