import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { licat, tempDir } from '../helpers.js';
import { BASE, sampleItem } from '../inline.js';
import { dumpWorkbook } from './xlsx-dump.js';

/** The small base catalog with the canonical sample item, on disk. */
function smallCatalogDir(): string {
  const dir = path.join(tempDir(), 'catalog');
  for (const [rel, text] of Object.entries({ ...BASE, 'items/market/food.yaml': sampleItem() })) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** The flowchart and guide cells of the first item row of `out`/excel/catalog.xlsx. */
async function itemLinks(out: string) {
  const [items] = await dumpWorkbook(readFileSync(path.join(out, 'excel/catalog.xlsx')));
  // Row 1 is the title, row 2 the header.
  const header = items!.rows[1]!;
  const row = items!.rows[2]!;
  return [row[header.indexOf('流程图')] ?? null, row[header.indexOf('办事指南')] ?? null];
}

function files(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else out.push(path.relative(root, abs).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

describe('licat build --only excel,flowcharts,guides', () => {
  it('writes the directory, the flowchart and the guides, byte-identical from build to build', async () => {
    const catalog = smallCatalogDir();
    const work = tempDir();
    const a = licat(['build', catalog, '--out', path.join(work, 'a'), '--only', 'excel,flowcharts,guides', '--quiet']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(files(path.join(work, 'a'))).toEqual([
      'excel/catalog.xlsx',
      'flowcharts/440101001000.mmd',
      'flowcharts/440101001000.svg',
      'guides/440101001000.html',
      'guides/index.html',
      'manifest.json',
      'manifest/excel.json',
      'manifest/flowcharts.json',
      'manifest/guides.json',
    ]);
    // The directory links each item to its rendered flowchart and its guide in the same output.
    expect(await itemLinks(path.join(work, 'a'))).toEqual([
      { text: '流程图', link: '../flowcharts/440101001000.svg' },
      { text: '办事指南', link: '../guides/440101001000.html' },
    ]);
    // A second build (flowcharts now from the cache) gives the same bytes, workbook included.
    const b = licat(['build', catalog, '--out', path.join(work, 'b'), '--only', 'excel,flowcharts,guides', '--quiet']);
    expect(b.code).toBe(0);
    for (const file of files(path.join(work, 'a'))) {
      expect(readFileSync(path.join(work, 'b', file)).equals(readFileSync(path.join(work, 'a', file))), file).toBe(true);
    }
  });

  it('without Chromium writes every .mmd, no SVG, and says once how to install it', async () => {
    const catalog = smallCatalogDir();
    const out = path.join(tempDir(), 'dist');
    const run = licat(['build', catalog, '--out', out, '--only', 'excel,flowcharts,guides', '--no-cache'], {
      env: { LICAT_CHROMIUM: '/nonexistent/chromium', LICAT_LANG: 'en' },
    });
    expect(run.code).toBe(0);
    const said = `${run.stdout}${run.stderr}`;
    expect(said.match(/rendering SVG needs Chromium\. Install it with: apt-get install chromium fonts-noto-cjk/g)).toHaveLength(1);
    expect(existsSync(path.join(out, 'flowcharts/440101001000.mmd'))).toBe(true);
    expect(existsSync(path.join(out, 'flowcharts/440101001000.svg'))).toBe(false);
    expect(readFileSync(path.join(out, 'guides/440101001000.html'), 'utf8')).toContain('../flowcharts/440101001000.mmd');
    // The directory, like the guide, links to the Mermaid source that is there.
    expect((await itemLinks(out))[0]).toEqual({ text: '流程图', link: '../flowcharts/440101001000.mmd' });
  });

  it('--excel-halls writes the hall workbooks; an unknown region code is a usage error', async () => {
    const catalog = smallCatalogDir();
    const out = path.join(tempDir(), 'dist');
    const run = licat(['build', catalog, '--out', out, '--only', 'excel', '--excel-halls', '--quiet']);
    expect(run.code).toBe(0);
    expect(files(path.join(out, 'excel'))).toEqual(['catalog.xlsx', 'halls/440000.xlsx', 'halls/440100.xlsx']);
    // No flowcharts or guides in this output: the directory does not link to them.
    expect(await itemLinks(out)).toEqual([null, null]);
    const bad = licat(['build', catalog, '--out', path.join(tempDir(), 'dist'), '--only', 'excel', '--excel-halls', '449999', '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('449999');
    expect(bad.stderr).not.toContain('    at ');
  });
});

describe('licat build --quiet without a browser', () => {
  it('still says once, on stderr, that SVG needs Chromium, and prints nothing else', () => {
    const out = path.join(tempDir(), 'dist');
    const r = licat(['--lang', 'en', 'build', smallCatalogDir(), '--out', out, '--only', 'flowcharts,guides', '--quiet'], {
      // A cache of its own: SVGs drawn by other tests must not spare this build the browser.
      env: { LICAT_CHROMIUM: '/nonexistent/chromium', XDG_CACHE_HOME: tempDir() },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('apt-get install chromium fonts-noto-cjk');
    expect(existsSync(path.join(out, 'flowcharts/440101001000.mmd'))).toBe(true);
    expect(existsSync(path.join(out, 'flowcharts/440101001000.svg'))).toBe(false);
  });
});
