import { describe, expect, it } from 'vitest';
import { findTerms, parseTerms, termList } from '../../src/validate/terms.js';
import { checkInline, sampleItem } from '../inline.js';
import { at, edit, hits, messages } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';
const FILE = 'catalog/items/food.yaml';
const LAST_CONDITION = '  - 具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染。\n';

describe('term lists', () => {
  it('ship as data files that load and carry what to write instead', () => {
    for (const name of ['catch-all', 'vague', 'criteria-vague'] as const) {
      const list = termList(name);
      expect(list.terms.length).toBeGreaterThan(3);
      for (const term of list.terms) {
        expect(term.instead.zh.length).toBeGreaterThan(3);
        expect(term.instead.en.length).toBeGreaterThan(3);
      }
    }
  });

  it('prefer the longest overlapping match, tolerate spaces in literal phrases and honour allow', () => {
    const list = parseTerms(
      [
        'rule: catch-all-clause',
        'description: test',
        'allow: [其他材料清单]',
        'terms:',
        '  - { match: 其他材料, instead: { zh: 列出, en: list } }',
        '  - { pattern: "其他相关材料", instead: { zh: 列出, en: list } }',
        '',
      ].join('\n'),
      'test.yaml',
    );
    expect(findTerms('提交其他相关材料', list).map((m) => m.phrase)).toEqual(['其他相关材料']);
    expect(findTerms('提交其他 材料', list).map((m) => m.phrase)).toEqual(['其他 材料']);
    expect(findTerms('见其他材料清单', list)).toEqual([]);
    expect(() => parseTerms('rule: x\ndescription: d\nterms:\n  - { instead: { zh: a, en: b } }\n', 'bad.yaml')).toThrow('bad.yaml');
  });

  it('do not flag precise law language of the sample', () => {
    expect(findTerms('经营场所与有毒、有害场所以及其他污染源的距离不少于25米。', termList('catch-all'))).toEqual([]);
    expect(findTerms('申请人已依法取得营业执照或者其他合法主体资格证明。', termList('catch-all'))).toEqual([]);
  });
});

describe('catch-all-clause', () => {
  it('accepts the precise conditions of the sample', () => {
    expect(hits({ [F]: item }, 'catch-all-clause')).toEqual([]);
  });

  it('reports a catch-all condition at that list element, quoting it and saying what to write', () => {
    const text = edit(item, LAST_CONDITION, LAST_CONDITION + '  - 法律、法规规定的其他条件。\n');
    expect(hits({ [F]: text }, 'catch-all-clause')).toEqual([{ file: FILE, ...at(text, '法律、法规规定的其他条件'), path: '/conditions/5' }]);
    const [zh] = messages({ [F]: text }, 'catch-all-clause', 'zh');
    expect(zh).toBe('兜底条款「法律、法规规定的其他条件」：删除兜底表述，把法律法规规定的每一项条件或材料逐条写出，并在设定依据中注明条款');
    expect(messages({ [F]: text }, 'catch-all-clause')[0]).toContain('catch-all clause “法律、法规规定的其他条件”: remove it');
  });

  it('reports "other materials" in a material name and in a note', () => {
    const text = edit(
      edit(item, '    name: 食品安全管理制度文本', '    name: 食品安全管理制度文本及其他相关材料'),
      '    note: 通过电子证照库调取，申请人无需提交。',
      '    note: 审批机关要求提交的其他材料一并提交。',
    );
    expect(hits({ [F]: text }, 'catch-all-clause')).toEqual([
      { file: FILE, ...at(text, 'note: 审批', 6), path: '/materials/1/note' },
      { file: FILE, ...at(text, '食品安全管理制度文本及'), path: '/materials/3/name' },
    ]);
    expect(messages({ [F]: text }, 'catch-all-clause')).toEqual([
      expect.stringContaining('“审批机关要求提交的其他材料”'),
      expect.stringContaining('“其他相关材料”'),
    ]);
  });
});

describe('vague-clause', () => {
  it('accepts the sample', () => {
    expect(hits({ [F]: item }, 'vague-clause')).toEqual([]);
  });

  it('warns about a vague condition at that element', () => {
    const text = edit(item, LAST_CONDITION, LAST_CONDITION + '  - 必要时提供相关材料。\n');
    const r = checkSeverities(text);
    expect(hits({ [F]: text }, 'vague-clause')).toEqual([
      { file: FILE, ...at(text, '必要时提供'), path: '/conditions/5' },
      { file: FILE, ...at(text, '必要时提供'), path: '/conditions/5' },
    ]);
    expect(r).toEqual(['warning', 'warning']);
    expect(messages({ [F]: text }, 'vague-clause')).toEqual([
      'vague clause “必要时”: state exactly in which case it applies',
      'vague clause “相关材料”: name the exact document and who issues it',
    ]);
  });

  it('reports a material condition and a criterion subject', () => {
    const text = edit(
      edit(item, '    condition: 委托他人代为办理的', '    condition: 视情况提交'),
      '    subject: 经营场所与污染源的距离',
      '    subject: 经营场所与污染源的距离较大时',
    );
    expect(hits({ [F]: text }, 'vague-clause').map((d) => d.path)).toEqual(['/materials/4/condition', '/criteria/0/subject']);
  });

  it('does not repeat what catch-all-clause already reports', () => {
    const text = edit(item, LAST_CONDITION, LAST_CONDITION + '  - 提交其他相关材料。\n');
    expect(hits({ [F]: text }, 'vague-clause')).toEqual([]);
    expect(hits({ [F]: text }, 'catch-all-clause')).toHaveLength(1);
  });
});

function checkSeverities(text: string): string[] {
  return checkInline({ [F]: text })
    .diagnostics.filter((d) => d.rule === 'vague-clause')
    .map((d) => d.severity);
}
