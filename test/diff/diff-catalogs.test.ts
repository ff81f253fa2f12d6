import { describe, expect, it } from 'vitest';
import { diffCatalogs } from '../../src/diff/diff-catalogs.js';
import type { DiffResult } from '../../src/diff/diff-result.js';
import { failReasons, parseFailOn } from '../../src/diff/fail-on.js';
import { BASE, checkInline, sampleItem } from '../inline.js';

type Files = Record<string, string | null>;

/** Compose two in-memory catalogs (on top of test/inline.ts's BASE) and diff them. */
function diff(base: Files, head: Files): DiffResult {
  return diffCatalogs(
    { catalog: checkInline(base).catalog, source: 'base', kind: 'folder' },
    { catalog: checkInline(head).catalog, source: 'head', kind: 'folder' },
  );
}

/** Replace text that must be there: a test edit that silently misses would prove nothing. */
function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`edit did not apply: ${String(from)}`);
  return out;
}

const FOOD = sampleItem();

/** A second item: another code and name, handled at the window with two visits, not online. */
function otherItem(code = '440101002000', name = '食品经营许可（变更）'): string {
  let text = edit(FOOD, 'code: "440101001000"', `code: "${code}"`);
  text = edit(text, 'name: 食品经营许可\n', `name: ${name}\n`);
  text = edit(text, '  visits: 0\n', '  visits: 2\n  visitReason: 现场核验原件并领取许可证\n');
  text = edit(text, '  onlineDepth: 4\n', '  onlineDepth: 3\n');
  return edit(text, '  mobile: true\n', '  mobile: false\n');
}

const POWER_OF_ATTORNEY = [
  '  - id: power-of-attorney',
  '    name: 授权委托书及经办人身份证明',
  '    necessity: conditional',
  '    condition: 委托他人代为办理的',
  '    forms: [paper]',
  '    copies: 1',
  '    source: applicant',
  '',
].join('\n');

describe('diffCatalogs: one changed item', () => {
  // Hand count: promised 10 -> 5 working days (cut 5), statutory 20 -> 15, the power of attorney
  // removed and a photo of the premises added (materials -1 +1), the refusal step removed
  // (steps -1, and the decision and acceptance steps changed: 2), one fee added.
  let head = edit(FOOD, '  promised: { value: 10, unit: working-day }', '  promised: { value: 5, unit: working-day }');
  head = edit(head, '  statutory: { value: 20, unit: working-day }', '  statutory: { value: 15, unit: working-day }');
  head = edit(
    head,
    POWER_OF_ATTORNEY,
    '  - id: site-photos\n    name: 经营场所照片\n    necessity: required\n    forms: [electronic]\n    source: applicant\n',
  );
  head = edit(head, 'safety-rules, power-of-attorney]', 'safety-rules, site-photos]');
  head = edit(head, '        不予许可: refuse\n', '');
  head = edit(head, / {4}- id: refuse\n( {6}.*\n)+/, '');
  head = edit(head, 'fees: []\n', 'fees:\n  - { name: 许可证工本费, standard: 每证 10 元, basis: 粤价〔2000〕1号 }\n');
  const result = diff({ 'items/food.yaml': FOOD }, { 'items/food.yaml': head });

  it('names the item and its changed elements, unified ones apart', () => {
    expect(result.summary).toMatchObject({ added: 0, removed: 0, renamed: 0, changed: 1, unifiedChanged: 1, unchanged: 0 });
    const item = result.items[0]!;
    expect(item).toMatchObject({
      code: '440101001000',
      status: 'changed',
      name: '食品经营许可',
      file: { base: 'catalog/items/food.yaml', head: 'catalog/items/food.yaml' },
    });
    expect(item.elements).toEqual(['materials', 'process', 'timeLimit', 'fees']);
    expect(item.unified).toEqual(['materials', 'process', 'timeLimit', 'fees']);
    expect(item.changes).toContainEqual(
      expect.objectContaining({ element: 'materials', change: 'removed', key: 'power-of-attorney', name: '授权委托书及经办人身份证明', unified: true }),
    );
    expect(item.changes).toContainEqual(expect.objectContaining({ element: 'materials', change: 'added', key: 'site-photos' }));
    expect(item.changes).toContainEqual(expect.objectContaining({ element: 'process', change: 'removed', key: 'steps/refuse', name: '书面告知不予许可理由' }));
    expect(item.changes).toContainEqual(expect.objectContaining({ element: 'process', change: 'changed', key: 'steps/decide', fields: ['branches'] }));
    expect(item.changes).toContainEqual(
      expect.objectContaining({ element: 'timeLimit', key: 'promised', from: { value: 10, unit: 'working-day' }, to: { value: 5, unit: 'working-day' } }),
    );
    expect(item.changes).toContainEqual(expect.objectContaining({ element: 'fees', change: 'added', name: '许可证工本费' }));
  });

  it('counts the reform figures by hand', () => {
    expect(result.figures.promised).toEqual({ cutDays: 5, addedDays: 0, itemsCut: 1, itemsLengthened: 0, inexact: 0 });
    expect(result.figures.statutory).toEqual({ changed: 1, shortened: 1, lengthened: 0 });
    expect(result.figures.steps).toEqual({ removed: 1, added: 0, changed: 2 });
    expect(result.figures.materials).toEqual({ removed: 1, added: 1, changed: 0 });
    expect(result.figures.fees).toEqual({ removed: 0, added: 1, changed: 0 });
    expect(result.items[0]!.figures.promised).toEqual({
      from: { value: 10, unit: 'working-day' },
      to: { value: 5, unit: 'working-day' },
      cut: 5,
      added: 0,
      exact: true,
    });
  });

  it('says which feeds change: the item feed only, since hall feeds carry no element of an item', () => {
    // The sample item is decided by the county and accepted at towns: 440106 and 440106001.
    expect(result.items[0]!.offeredAt).toEqual({ base: 2, head: 2 });
    expect(result.feeds.items).toEqual({ added: [], removed: [], changed: ['440101001000'] });
    expect(result.feeds.halls).toEqual({ added: [], removed: [], changed: [], unchanged: 5 });
    expect(result.feeds.hallsByTier.county).toEqual({ added: 0, removed: 0, changed: 0, total: 1 });
    expect(result.feeds.hallsByTier.village).toEqual({ added: 0, removed: 0, changed: 0, total: 1 });
  });
});

describe('diffCatalogs: visits, online and mobile', () => {
  const after = edit(
    edit(edit(otherItem(), '  visits: 2\n  visitReason: 现场核验原件并领取许可证\n', '  visits: 0\n'), '  onlineDepth: 3\n', '  onlineDepth: 4\n'),
    '  mobile: false\n',
    '  mobile: true\n',
  );
  const result = diff({ 'items/a.yaml': FOOD, 'items/b.yaml': otherItem() }, { 'items/a.yaml': FOOD, 'items/b.yaml': after });

  it('counts visits cut and items moved to full-online and mobile', () => {
    expect(result.figures.visits).toEqual({ reduced: 2, itemsReduced: 1, increased: 0, itemsIncreased: 0 });
    expect(result.figures.fullOnline).toEqual({ to: 1, from: 0 });
    expect(result.figures.mobile).toEqual({ to: 1, from: 0 });
  });

  it('does not call handling a unified change', () => {
    expect(result.summary).toMatchObject({ changed: 1, unifiedChanged: 0, unchanged: 1 });
    expect(result.items[0]!.elements).toEqual(['handling']);
    expect(result.items[0]!.unified).toEqual([]);
    expect(result.items[0]!.changes.map((c) => c.key)).toEqual(['visits', 'visitReason', 'onlineDepth', 'mobile']);
  });
});

describe('diffCatalogs: added, removed, renamed', () => {
  const result = diff(
    { 'items/a.yaml': FOOD, 'items/b.yaml': otherItem() },
    { 'items/a.yaml': edit(FOOD, 'name: 食品经营许可\n', 'name: 食品经营许可（含网络经营）\n'), 'items/c.yaml': otherItem('440101003000', '小餐饮登记') },
  );

  it('matches items by code', () => {
    expect(result.items.map((i) => [i.code, i.status, i.name])).toEqual([
      ['440101001000', 'renamed', '食品经营许可（含网络经营）'],
      ['440101002000', 'removed', '食品经营许可（变更）'],
      ['440101003000', 'added', '小餐饮登记'],
    ]);
    expect(result.items[0]!.baseName).toBe('食品经营许可');
    expect(result.items[0]!.unified).toEqual(['name']);
    expect(result.summary).toMatchObject({ added: 1, removed: 1, renamed: 1, changed: 0, unifiedChanged: 1 });
  });

  it('does not count an added or removed item in the time and material figures', () => {
    expect(result.figures.materials).toEqual({ removed: 0, added: 0, changed: 0 });
    expect(result.figures.promised.cutDays).toBe(0);
    expect(result.feeds.items).toEqual({ added: ['440101003000'], removed: ['440101002000'], changed: ['440101001000'] });
  });

  it('fails on removals when asked, and only then', () => {
    expect(failReasons(result, ['removed'])[0]!.en).toBe('1 item(s) removed: 440101002000');
    expect(failReasons(result, ['catch-all', 'vague'])).toEqual([]);
    expect(parseFailOn('removed, unified,everything')).toEqual({ conditions: ['removed', 'unified'], unknown: ['everything'] });
  });
});

describe('diffCatalogs: vague and catch-all clauses', () => {
  // Base: a catch-all condition, a catch-all material and a vague condition.
  let base = edit(FOOD, 'conditions:\n', 'conditions:\n  - 法律、法规规定的其他条件。\n  - 必要时提供经营场所租赁合同。\n');
  base = edit(
    base,
    POWER_OF_ATTORNEY,
    `${POWER_OF_ATTORNEY}  - id: other\n    name: 其他相关材料\n    necessity: optional\n    forms: [paper]\n    source: applicant\n`,
  );
  // Head: the catch-all condition and material gone, the vague condition made precise, and a new vague note.
  let head = edit(FOOD, 'conditions:\n', 'conditions:\n  - 经营场所为租赁的，提供租赁合同。\n');
  head = edit(head, '    note: 通过电子证照库调取，申请人无需提交。\n', '    note: 通过电子证照库调取；调取不到的，提交相关材料。\n');
  const added = edit(otherItem('440101003000', '小餐饮登记'), '    source: applicant\n', '    source: applicant\n    note: 并附其他材料\n');
  const result = diff({ 'items/a.yaml': base }, { 'items/a.yaml': head, 'items/c.yaml': added });

  it('counts clauses removed and introduced with the validate rules’ term lists', () => {
    const clauses = result.items[0]!.figures.clauses;
    expect(clauses.catchAll.removed.map((c) => c.text).sort()).toEqual(['其他相关材料', '法律、法规规定的其他条件。'].sort());
    // "相关材料" inside the catch-all "其他相关材料" is not a second, vague clause.
    expect(clauses.vague.removed.map((c) => c.text)).toEqual(['必要时提供经营场所租赁合同。']);
    expect(clauses.vague.introduced).toEqual([{ path: '/materials/1/note', text: '通过电子证照库调取；调取不到的，提交相关材料。', term: '相关材料' }]);
  });

  it('counts a catch-all clause a new item brings in', () => {
    expect(result.figures.catchAllClauses).toEqual({ removed: 2, introduced: 1 });
    expect(result.figures.vagueClauses).toEqual({ removed: 1, introduced: 1 });
    expect(failReasons(result, ['catch-all']).map((r) => r.en)).toEqual(['1 catch-all clause(s) introduced']);
  });
});

describe('diffCatalogs: calendar days', () => {
  const base = edit(FOOD, '  promised: { value: 10, unit: working-day }', '  promised: { value: 30, unit: calendar-day }');
  const head = edit(FOOD, '  promised: { value: 10, unit: working-day }', '  promised: { value: 15, unit: working-day }');

  it('counts 30 calendar days as the 20 working days they surely hold', () => {
    const result = diff({ 'items/a.yaml': base }, { 'items/a.yaml': head });
    expect(result.figures.promised).toEqual({ cutDays: 5, addedDays: 0, itemsCut: 1, itemsLengthened: 0, inexact: 1 });
  });
});

describe('diffCatalogs: unified elements, levels and halls', () => {
  it('marks a change to catalog.yaml unified, and the elements it makes unified', () => {
    const catalogYaml = edit(BASE['catalog.yaml']!, 'fees, result]', 'fees, result, handling]');
    const result = diff({ 'items/a.yaml': FOOD }, { 'catalog.yaml': catalogYaml, 'items/a.yaml': edit(FOOD, '  mobile: true\n', '  mobile: false\n') });
    expect(result.catalog.unified).toEqual({ added: ['handling'], removed: [] });
    expect(result.items[0]!.unified).toEqual(['handling']);
    expect(failReasons(result, ['unified']).map((r) => r.en)).toEqual([
      'unified elements of 1 item(s) changed: 440101001000',
      'the unified elements list of catalog.yaml changed: +handling',
    ]);
    expect(result.figures.mobile).toEqual({ to: 0, from: 1 });
  });

  it('follows acceptedAt into the region tree: a village hall starts offering the item', () => {
    const result = diff({ 'items/a.yaml': FOOD }, { 'items/a.yaml': edit(FOOD, 'acceptedAt: [town]', 'acceptedAt: [town, village]') });
    const item = result.items[0]!;
    expect(item.elements).toEqual(['acceptedAt']);
    expect(item.unified).toEqual([]);
    expect(item.offeredAt).toEqual({ base: 2, head: 3 });
    expect(result.feeds.halls.changed).toEqual(['440106001001']);
  });

  it('reports a hall that stops offering the item, and the feeds that change with it', () => {
    const hall = 'region: "440106001"\nname: 五山街道政务服务中心\nnotOffered:\n  - { code: "440101001000", reason: 本街道暂不具备现场核查力量 }\n';
    const result = diff({ 'items/a.yaml': FOOD }, { 'items/a.yaml': FOOD, 'halls/440106001.yaml': hall });
    const item = result.items[0]!;
    expect(item.elements).toEqual(['halls']);
    expect(item.changes).toEqual([
      {
        element: 'halls',
        unified: false,
        change: 'added',
        key: '440106001',
        name: '五山街道政务服务中心',
        fields: ['notOffered'],
        from: undefined,
        to: '本街道暂不具备现场核查力量',
      },
    ]);
    expect(item.offeredAt).toEqual({ base: 2, head: 1 });
    // Only the town hall's own feed changes: the item feed does not list halls, and no other
    // hall feed names the item's feed.
    expect(result.feeds.items.changed).toEqual([]);
    expect(result.feeds.halls).toMatchObject({ changed: ['440106001'], unchanged: 4 });
  });

  it('sees no change in comments, quoting or key order', () => {
    const reordered = edit(edit(FOOD, 'type: "01"\n', ''), 'department: market\n', "department: 'market'\ntype: '01'\n# 仅调整格式\n");
    const result = diff({ 'items/a.yaml': FOOD }, { 'items/a.yaml': reordered });
    expect(result.items).toEqual([]);
    expect(result.summary.unchanged).toBe(1);
    expect(result.feeds.halls.changed).toEqual([]);
  });
});
