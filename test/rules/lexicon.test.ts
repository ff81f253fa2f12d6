import { describe, expect, it } from 'vitest';
import { checkInline, sampleItem } from '../inline.js';

const ITEM = sampleItem();
const FIRST = /^conditions:\n {2}- (.*)$/m.exec(ITEM)![1]!;

/** The clause problems of the sample item with its first condition replaced by `condition`: [rule, line, column, zh message]. */
function clause(condition: string) {
  const text = ITEM.replace(`  - ${FIRST}`, `  - ${condition}`);
  const line = text.split('\n').indexOf(`  - ${condition}`) + 1;
  return checkInline({ 'items/a.yaml': text })
    .diagnostics.filter((d) => ['catch-all-clause', 'vague-clause', 'traditional-characters'].includes(d.rule))
    .map((d) => [d.rule, d.line === line ? 'line' : d.line, d.column, d.message.zh]);
}

const OPEN_LIST = '兜底条款「等」：列全，删除“等”；确需开放的，写明判断是否属于该类的标准';

describe('catch-all families (errors)', () => {
  it.each([['持有营业执照、卫生许可证等许可。'], ['经营场所不属于游泳场馆等。'], ['有隔离消毒、购销台账等等动物防疫制度。']])(
    'an open 等 closing a list: %s',
    (text) => {
      expect(clause(text)).toEqual([['catch-all-clause', 'line', 5, expect.stringMatching(/^兜底条款「等等?」：列全/)]]);
    },
  );

  it('reports the 等 itself', () => {
    expect(clause('持有营业执照、卫生许可证等许可。')).toEqual([['catch-all-clause', 'line', 5, OPEN_LIST]]);
  });

  it.each([
    ['其他。', '其他'],
    ['符合其他要求。', '其他要求'],
    ['落实其他事项。', '其他事项'],
  ])('a bare 其他: %s', (text, phrase) => {
    expect(clause(text)).toEqual([['catch-all-clause', 'line', 5, `兜底条款「${phrase}」：删除兜底表述，把每一项要求逐条写出`]]);
  });

  it.each([
    ['场所等级达到二级以上。'],
    ['与同等规模的场所平等对待。'],
    ['具有中等职业学校以上学历。'],
    ['噪声等效声级不大于 55 分贝。'],
    ['有隔离消毒、购销台账这2项制度。'],
    ['与其他污染源的距离不少于 25 米。'],
  ])('leaves precise text alone: %s', (text) => {
    expect(clause(text)).toEqual([]);
  });
});

describe('vague families (warnings)', () => {
  it.each([
    ['报相关部门备案。', '相关部门'],
    ['落实相应措施。', '相应措施'],
    ['必要时进行现场核查。', '必要时'],
    ['原则上不予受理。', '原则上'],
    ['视情况补正材料。', '视情况'],
    ['具有一定规模。', '一定规模'],
    ['场所面积较大。', '较大'],
    ['配备适当人员。', '适当'],
  ])('%s', (text, phrase) => {
    const found = clause(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.slice(0, 3)).toEqual(['vague-clause', 'line', 5]);
    expect(found[0]![3]).toMatch(new RegExp(`^模糊条款「${phrase}」：`));
  });

  it.each([['符合《食品安全法》相关规定。'], ['场所面积较大（50 平方米以上）。'], ['配备适当人员，不少于 3 名。']])(
    'a named law or a figure in the clause is precise: %s',
    (text) => {
      expect(clause(text)).toEqual([]);
    },
  );
});

describe('traditional-characters', () => {
  it('reports Traditional characters with their Simplified forms and the clause as it would read', () => {
    expect(clause('申請人持有營業執照。')).toEqual([
      ['traditional-characters', 'line', 5, '混有繁体字 請營業執（“請”→“请”，“營”→“营”，“業”→“业”，“執”→“执”）；是否想写“申请人持有营业执照。”？'],
    ]);
  });

  it('leaves characters that are Simplified in their phrase alone', () => {
    expect(clause('不侵犯他人著作权。')).toEqual([]);
    expect(clause('持有营业执照。')).toEqual([]);
  });
});
