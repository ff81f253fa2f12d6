import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../src/emit/flowcharts/find-chromium.js';
import { MermaidRenderer } from '../../src/emit/flowcharts/mermaid-renderer.js';
import { flowchartSource } from '../../src/emit/flowcharts/mermaid-source.js';
import { departmentName } from '../../src/emit/labels.js';
import { MAX_EXPANDED_CHARS } from '../../src/load/parse-yaml.js';
import { MAX_PROCESS_EDGES, MAX_PROCESS_STEPS, processEdgeCount } from '../../src/model/process-graph.js';
import type { Item } from '../../src/schema/item.js';
import { licat } from '../helpers.js';
import { writeSmallCatalog } from '../build/catalogs.js';
import { BASE, checkInline, sampleItem } from '../inline.js';

type Problem = { rule: string; file: string; line: number; column: number; path: string; message: string };
const problems = (stdout: string) => (JSON.parse(stdout) as { problems: Problem[] }).problems;
/** One line, no stack trace. */
const oneLine = (stderr: string) => stderr.trim().split('\n');

/** The sample item with a long string used through `uses` aliases. */
function aliasBomb(chars: number, uses: number): string {
  return sampleItem().replace(/^name: .*$/m, (line) => `${line}\nx-big: &big "${'x'.repeat(chars)}"\nx-use: [${Array(uses).fill('*big').join(', ')}]`);
}

describe('aliases: expanded size per file', () => {
  it('a 600 KB string used through 1,000 aliases fails validate at the alias, promptly and in little memory', () => {
    const text = aliasBomb(600 * 1024, 1000);
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const r = checkInline({ 'items/bomb.yaml': text });
    expect(performance.now() - started).toBeLessThan(5000);
    // 600 MB once expanded; the check walks the shared string, never copies it.
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    const line = text.split('\n').findIndex((l) => l.startsWith('x-use:')) + 1;
    expect(r.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['yaml-syntax', line, 9]]);
    expect(r.diagnostics[0]!.message.en).toContain(`more than ${MAX_EXPANDED_CHARS} characters`);
    expect(r.catalog.items).toHaveLength(0);
  });

  it('aliases that stay small are still fine', () => {
    const r = checkInline({ 'items/a.yaml': aliasBomb(100, 100).replace(/^x-big: .*\nx-use: .*\n/m, '') });
    expect(r.diagnostics).toEqual([]);
  });

  it('build exits 1 with the located error, never a RangeError', () => {
    const dir = writeSmallCatalog({ 'items/bomb.yaml': aliasBomb(600 * 1024, 1000) });
    const out = path.join(dir, '..', 'dist');
    const r = licat(['build', dir, '--out', out, '--only', 'feeds', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bomb.yaml');
    expect(r.stderr).toContain('alias bomb');
    expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
  }, 60_000);
});

describe('the region table', () => {
  const rules = (files: Record<string, string | null>) => checkInline(files).diagnostics.map((d) => [d.rule, d.file, d.line, d.message.en]);

  it('no region table, an empty one or one with no region is an error, located', () => {
    expect(rules({ 'regions/test.csv': null })).toEqual([
      ['schema', 'catalog/regions', 1, 'no region table: catalog/regions holds no readable .csv file; without regions no hall is built'],
    ]);
    expect(rules({ 'regions/test.csv': '' }).map((r) => r.slice(0, 3))).toEqual([['schema', 'catalog/regions/test.csv', 1]]);
    expect(rules({ 'regions/test.csv': 'code,name,tier,parent\n\n' })).toEqual([
      ['schema', 'catalog/regions/test.csv', 1, 'the region table holds no region; without regions no hall is built'],
    ]);
  });

  it('a table without a province, or with two, is an error', () => {
    const noProvince = BASE['regions/test.csv']!.replace('440000,广东省,province,\n', '').replace('440100,广州市,city,440000', '440100,广州市,city,');
    expect(rules({ 'regions/test.csv': noProvince })).toContainEqual([
      'schema',
      'catalog/regions/test.csv',
      1,
      'the region table has no province (a row of tier province)',
    ]);
    const two = BASE['regions/test.csv'] + '450000,广西壮族自治区,province,\n';
    expect(rules({ 'regions/test.csv': two }).map((r) => r.slice(0, 3))).toContainEqual(['schema', 'catalog/regions/test.csv', 7]);
  });

  it("regions of another province than catalog.yaml's are an error, one per file with the count", () => {
    const other = BASE['regions/test.csv'] + '450100,南宁市,city,440000\n450102,兴宁区,county,450100\n';
    expect(rules({ 'regions/test.csv': other })).toContainEqual([
      'schema',
      'catalog/regions/test.csv',
      7,
      "region 450100 南宁市 is outside the catalog's province 44 (catalog.yaml province); 1 more regions of this file are too",
    ]);
    const guangxi = 'code,name,tier,parent\n450000,广西壮族自治区,province,\n';
    const r = checkInline({ 'regions/test.csv': guangxi });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toContain('schema');
  });

  it('validate and build exit 1 on a catalog whose regions folder is missing or holds an empty file', () => {
    for (const setup of [
      (dir: string) => rmSync(path.join(dir, 'regions'), { recursive: true }),
      (dir: string) => {
        for (const f of readdirSync(path.join(dir, 'regions'))) writeFileSync(path.join(dir, 'regions', f), '');
      },
    ]) {
      const dir = writeSmallCatalog();
      setup(dir);
      const v = licat(['validate', dir, '--format', 'json', '--lang', 'en']);
      expect(v.code).toBe(1);
      expect(problems(v.stdout).map((p) => p.rule)).toContain('schema');
      const b = licat(['build', dir, '--out', path.join(dir, '..', 'dist'), '--only', 'feeds', '--lang', 'en']);
      expect(b.code).toBe(1);
      expect(b.stderr).toContain('nothing was emitted');
    }
  }, 60_000);
});

describe('maps keyed by user text', () => {
  it('two hall files for one region are an error naming both', () => {
    const hall = 'region: "440106"\nname: 天河区政务服务中心\n';
    const r = checkInline({ 'halls/440106.yaml': hall, 'halls/440106.yml': hall.replace('天河区', '天河') });
    expect(r.diagnostics.map((d) => [d.rule, d.file, d.message.en])).toEqual([
      ['schema', 'catalog/halls/440106.yml', 'region 440106 has two hall files, catalog/halls/440106.yaml and catalog/halls/440106.yml; a region has one'],
    ]);
    // Two names, one region.
    const moved = checkInline({ 'halls/440106.yaml': hall, 'halls/440106001.yaml': hall });
    expect(moved.diagnostics.map((d) => [d.rule, d.file])).toContainEqual(['schema', 'catalog/halls/440106001.yaml']);
  });

  it('a __proto__ key is a located error, never silently dropped', () => {
    const departments = BASE['departments.yaml']!.replace('kinds:\n', 'kinds:\n  __proto__: { name: 原型局 }\n');
    const r = checkInline({ 'departments.yaml': departments });
    expect(r.diagnostics.map((d) => [d.rule, d.line, d.column, d.path])).toEqual([['schema', 2, 3, '/kinds/__proto__']]);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it('constructor and prototype are ordinary department kinds', () => {
    const departments = BASE['departments.yaml']!.replace('kinds:\n', 'kinds:\n  constructor: { name: 构造局 }\n  prototype: { name: 原型局 }\n').replace(
      'bodies:\n',
      'bodies:\n  constructor:\n    "440000": { name: 广东省构造局, uscc: "11440000MB2D0164XH" }\n',
    );
    const item = sampleItem()
      .replace('department: market', 'department: constructor')
      .replace('levels: [county]', 'levels: [province]')
      .replace('acceptedAt: [town]\n', '');
    const r = checkInline({ 'departments.yaml': departments, 'items/x.yaml': item });
    expect(r.diagnostics.filter((d) => d.rule === 'department-unknown' || d.rule === 'schema')).toEqual([]);
    expect(Object.keys(r.catalog.departments!.kinds)).toEqual(['constructor', 'prototype', 'market']);
    expect(departmentName(r.catalog.departments!.kinds, 'constructor')).toBe('构造局');
    // A kind that is not there is not found on Object.prototype either.
    expect(departmentName({ market: { name: '市场' } }, 'constructor')).toBe('constructor');
    const unknown = checkInline({ 'items/x.yaml': item });
    expect(unknown.diagnostics.map((d) => d.rule)).toContain('department-unknown');
  });
});

describe('command-line values', () => {
  it('an impossible --build-time is a usage error (exit 2) in one line', () => {
    const dir = writeSmallCatalog();
    for (const time of ['2026-02-30', '2026-02-30T08:00:00Z', '2026-04-31T00:00:00+08:00', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00+15:00']) {
      const r = licat(['build', dir, '--out', path.join(dir, '..', 'dist'), '--only', 'feeds', '--build-time', time]);
      expect(r.code, time).toBe(2);
      expect(oneLine(r.stderr), time).toHaveLength(1);
      expect(r.stderr).toContain('--build-time');
    }
    expect(licat(['build', dir, '--out', path.join(dir, '..', 'dist'), '--only', 'feeds', '--quiet', '--build-time', '2024-02-29T23:59:59+08:00']).code).toBe(
      0,
    );
  }, 60_000);

  it('LICAT_WORKERS must be a whole number from 0 to 64, else exit 2 in one line', () => {
    const dir = writeSmallCatalog();
    for (const workers of ['100000', '65', 'abc', '-1', '1.5']) {
      const r = licat(['validate', dir], { env: { LICAT_WORKERS: workers } });
      expect(r.code, workers).toBe(2);
      expect(oneLine(r.stderr)).toEqual([expect.stringContaining('LICAT_WORKERS')]);
    }
    for (const workers of ['0', '1', '']) expect(licat(['validate', dir], { env: { LICAT_WORKERS: workers } }).code, workers).toBe(0);
  }, 60_000);
});

describe('processes: edges and steps per process', () => {
  /** A licensing process of `n` review steps in a chain, each also linked `extra` times back to the first. */
  function longProcess(steps: number, extraLinks: number): string {
    const lines = ['process:', '  steps:', '    - id: apply', '      name: 申请', '      next: [s1]'];
    for (let i = 1; i <= steps; i++) {
      const next = i === steps ? 'end' : `s${i + 1}`;
      const links = Array(i <= extraLinks ? 2 : 0).fill(next);
      lines.push(`    - id: s${i}`, `      name: 审查${i}`, `      next: [${[next, ...links].join(', ')}]`);
    }
    lines.push('    - id: end', '      name: 送达');
    return sampleItem().replace(/^process:\n(?: {2,}.*\n)+/m, lines.join('\n') + '\n');
  }

  it('more links than the limit is a located process-size error, and process-graph does not walk it; at the limit it passes', () => {
    const links = (r: ReturnType<typeof checkInline>) => r.diagnostics.filter((d) => d.rule.startsWith('process-')).map((d) => [d.path, d.message.en]);
    // 101 steps in a chain: 101 links, plus 2 more on each of the first k steps.
    const over = checkInline({ 'items/x.yaml': longProcess(100, 100) });
    expect(links(over)).toEqual([
      ['/process/steps', `the process has 301 links (next and branches); the limit is ${MAX_PROCESS_EDGES}, beyond which no flowchart can be drawn`],
    ]);
    expect(over.diagnostics.find((d) => d.rule === 'process-size')!.line).toBeGreaterThan(1);
    const at = checkInline({ 'items/x.yaml': longProcess(100, 99) + '' });
    expect(links(at).filter(([, m]) => m!.includes('limit'))).toEqual([]);
    const steps = checkInline({ 'items/x.yaml': longProcess(MAX_PROCESS_STEPS, 0) });
    expect(links(steps)).toEqual([['/process/steps', `the process has ${MAX_PROCESS_STEPS + 2} steps; the limit is ${MAX_PROCESS_STEPS}`]]);
  });

  it('build stops at validation with exit 1, never at Mermaid', () => {
    const dir = writeSmallCatalog();
    mkdirSync(path.join(dir, 'items', 'big'), { recursive: true });
    writeFileSync(path.join(dir, 'items', 'big', 'x.yaml'), longProcess(140, 140).replace('code: "440101001000"', 'code: "440101009000"'));
    const r = licat(['build', dir, '--out', path.join(dir, '..', 'dist'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('process-size');
    expect(r.stderr).not.toContain('Edge limit exceeded');
  }, 60_000);

  it('with process-graph turned off, a process past the limits still stops the build at process-size; process-size cannot be turned off', () => {
    const dir = writeSmallCatalog();
    mkdirSync(path.join(dir, 'items', 'big'), { recursive: true });
    writeFileSync(path.join(dir, 'items', 'big', 'x.yaml'), longProcess(140, 140).replace('code: "440101001000"', 'code: "440101009000"'));
    const meta = path.join(dir, 'catalog.yaml');
    writeFileSync(meta, `${readFileSync(meta, 'utf8').trimEnd()}\nrules:\n  process-graph: off\n  process-size: off\n`);
    const r = licat(['build', dir, '--out', path.join(dir, '..', 'dist'), '--lang', 'en', '--only', 'flowcharts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the process has 421 links (next and branches); the limit is 300');
    expect(r.stderr).toContain('the rule process-size cannot be set to off: a process past the limits cannot be drawn');
    expect(r.stderr).not.toContain('Edge limit exceeded');
    expect(existsSync(path.join(dir, '..', 'dist'))).toBe(false);
  }, 60_000);

  it('Mermaid draws a process at the limit (with a special-procedures box), and its own limit is just above', async () => {
    const executable = await findChromium();
    if (!executable) throw new Error('this test needs Chromium');
    const steps: Item['process']['steps'] = [{ id: 'apply', name: '申请', next: ['s1'] }];
    for (let i = 1; i <= 100; i++)
      steps.push({ id: `s${i}`, name: `审查${i}`, next: Array(i === 100 ? 1 : 3).fill(i === 100 ? 'end' : `s${i + 1}`) as string[] });
    steps.push({ id: 'end', name: '送达' });
    steps[1]!.next!.push('s2');
    expect(processEdgeCount(steps)).toBe(MAX_PROCESS_EDGES);
    const item = { code: '440101001000', process: { steps, special: [{ name: '现场核查', limit: { value: 5, unit: 'working-day' } }] } } as unknown as Item;
    const renderer = await MermaidRenderer.open(executable);
    try {
      expect(await renderer.render('flowchart-limit', await flowchartSource(item))).toContain('<svg');
      steps[1]!.next!.push('s2');
      await expect(renderer.render('flowchart-over', await flowchartSource(item))).rejects.toThrow(/Edge limit exceeded/);
    } finally {
      await renderer.close();
    }
  }, 120_000);
});
