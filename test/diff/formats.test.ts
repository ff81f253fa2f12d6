import { describe, expect, it } from 'vitest';
// marked (a GFM renderer, here as mermaid's dependency) stands in for the code-hosting site.
// @ts-expect-error marked 4 ships no type declarations
import { marked as untyped } from 'marked';
import { diffCatalogs } from '../../src/diff/diff-catalogs.js';
import { DIFF_FORMATS } from '../../src/diff/formats.js';
import { checkInline, sampleItem } from '../inline.js';

const marked = untyped as { parse(markdown: string, options: { gfm: boolean }): string };
const FOOD = sampleItem();
const odd = FOOD.replace('code: "440101001000"', 'code: "440101009000"').replace('name: 食品经营许可\n', 'name: "A|B <script>*x*_y_ 许可"\n');
const base = checkInline({ 'items/a.yaml': FOOD, 'items/b.yaml': odd }).catalog;
const head = checkInline({
  'items/a.yaml': FOOD.replace('  promised: { value: 10, unit: working-day }', '  promised: { value: 5, unit: working-day }'),
}).catalog;
const result = diffCatalogs({ catalog: base, source: 'v1', kind: 'folder' }, { catalog: head, source: 'v2', kind: 'folder' });

/** Cells of a markdown table row, split at pipes that are not escaped. */
const cells = (line: string) =>
  line
    .trim()
    .slice(1, -1)
    .split(/(?<!\\)\|/);

describe('diff --format markdown', () => {
  const md = DIFF_FORMATS.markdown(result, { lang: 'zh' });

  it('writes pipe tables whose rows all have the header’s cells', () => {
    const blocks: string[][] = [];
    let current: string[] | undefined;
    for (const line of md.split('\n')) {
      if (line.startsWith('|')) (current ??= blocks[blocks.push([]) - 1]!).push(line);
      else current = undefined;
    }
    expect(blocks.length).toBe(4);
    for (const block of blocks) {
      expect(block[1]).toMatch(/^\| (-{3}:?)( \| -{3}:?)* \|$/);
      for (const row of block) expect(cells(row).length).toBe(cells(block[0]!).length);
    }
  });

  it('renders as tables in a GFM renderer, with names escaped', () => {
    const html = marked.parse(md, { gfm: true });
    expect(html.match(/<table>/g)?.length).toBe(4);
    // The removed item's name keeps its pipe inside one cell and its markup as text.
    expect(html).toContain('<td>A|B &lt;script&gt;*x*_y_ 许可</td>');
    expect(html).not.toContain('<script>');
    // The unified change stands out in bold.
    expect(html).toContain('<strong>⚠ 承诺时限 10→5 个工作日</strong>');
  });

  it('warns about unified changes and removals where a reviewer sees them first', () => {
    expect(md).toContain('> [!WARNING]\n> 1 个事项的统一要素有变更');
    expect(md).toContain('> [!CAUTION]\n> 删除了 1 个事项：`440101009000`');
    expect(md.indexOf('[!WARNING]')).toBeLessThan(md.indexOf('#### 改革数据'));
  });
});

describe('diff --format table', () => {
  it('lines the item table up and marks unified changes', () => {
    const text = DIFF_FORMATS.table(result, { lang: 'en' });
    expect(text).toContain('items: 0 added, 1 removed, 0 renamed, 1 changed (1 with unified elements), 0 unchanged');
    expect(text).toMatch(/^440101001000 {2}changed {2}食品经营许可 +★promised limit 10→5 working days$/m);
    expect(text).toContain('  promised time cut         5 working days (1 item)');
    expect(text).toContain('★ unified elements changed: every hall inherits these changes');
  });
});

describe('diff --format json', () => {
  it('is the result itself, and the same bytes for the same input', () => {
    const json = DIFF_FORMATS.json(result, { lang: 'zh' });
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(result)));
    const again = diffCatalogs({ catalog: base, source: 'v1', kind: 'folder' }, { catalog: head, source: 'v2', kind: 'folder' });
    expect(DIFF_FORMATS.json(again, { lang: 'zh' })).toBe(json);
  });
});
