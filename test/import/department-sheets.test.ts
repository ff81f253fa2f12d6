import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { copySample, licat, tempDir } from '../helpers.js';
import { sampleCatalog } from '../documents/fixtures.js';
import { exportWorkbook } from './carried.js';

/**
 * A department's own workbook: a merged title row, a note row, the header on row 3 with columns
 * in another order and a unit in brackets, 主管部门 merged down two rows, full-width digits,
 * 是/否, "20个工作日", numbered multi-line cells.
 */
async function messyWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('事项清单');
  sheet.addRow(['天河区市场监督管理局行政许可事项目录（2026年）']);
  sheet.mergeCells('A1:J1');
  sheet.addRow(['填表说明：每个事项一行']);
  sheet.addRow(['事项名称', '主管部门', '基本编码', '法定时限（工作日）', '承诺时限', '移动端办理', '到办事现场次数', '受理条件', '设定依据', '收费标准']);
  sheet.addRow([
    '食品经营许可',
    '市场监督管理局',
    '４４０１０１００１０００',
    '２０',
    '5个工作日',
    '是',
    '１',
    '1. 有与经营的食品品种、数量相适应的经营场所。\n（二）有食品安全管理人员。',
    '《中华人民共和国食品安全法》第三十五条',
    '不收费',
  ]);
  sheet.addRow([
    '小餐饮登记',
    null,
    '440101099000',
    '十五',
    '即办',
    '否',
    '0次',
    '有固定经营场所。',
    '《广东省食品生产加工小作坊和食品摊贩管理条例》第十条',
    '工本费：每证10元',
  ]);
  sheet.mergeCells('B4:B5');
  await workbook.xlsx.writeFile(file);
}

/**
 * A department's own process sheet, with no id columns: a merged title row and a note above the
 * header, its own headers (事项编码, 环节类型, 岗位, 办理时限, 备注), 事项编码 merged down over an
 * item's rows, full-width digits, rows out of 序号 order, numbered materials, a branch written
 * `准予许可：制证送达`, a bare 办结, and a special procedure; a criteria sheet of its own too. Beside
 * them, the item sheet: the sample's food business licence (whose process and criteria these
 * replace) and a new item.
 */
async function departmentProcessWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const items = workbook.addWorksheet('事项清单');
  items.addRow(['基本编码', '事项名称', '主管部门', '申请材料']);
  items.addRow(['440101001000', '食品经营许可', '市场监督管理局', null]);
  items.addRow(['440101099000', '小餐饮登记', '市场监督管理局', '1. 登记申请表\n2. 健康证明']);
  const steps = workbook.addWorksheet('流程');
  steps.addRow(['天河区市场监督管理局 行政许可事项办理流程表']);
  steps.mergeCells('A1:I1');
  steps.addRow(['填表说明：每个环节一行，决定环节写明各分支']);
  steps.addRow(['事项编码', '序号', '环节类型', '环节名称', '岗位', '办理时限', '审核材料', '下一环节', '备注']);
  const food = [
    [
      '４４０１０１００１０００',
      '２',
      '办理环节',
      '受理',
      '窗口受理人员',
      '１个工作日',
      '1. 食品经营许可申请书\n2. 营业执照\n3. 经营场所平面布局图和设备布局、工艺流程图\n4. 食品安全管理制度文本、授权委托书及经办人身份证明',
      '审查',
      null,
    ],
    [null, '１', '办理环节', '申请', '申请人', null, null, '受理', null],
    [null, '３', '办理环节', '审查', '审查人员', '３个工作日', null, '现场勘验', null],
    [null, '４', '办理环节', '现场勘验', '核查人员', '２个工作日', null, '决定', null],
    [null, '５', '决定环节', '决定', '分管负责人', '２个工作日', null, '准予许可：制证送达\n不予许可 → 书面告知不予许可理由', null],
    [null, '６', '办理环节', '制证送达', '窗口出件人员', '１个工作日', null, '（办结）', null],
    [null, '７', '办理环节', '书面告知不予许可理由', '窗口出件人员', '１个工作日', null, '办结', null],
    [null, '８', '特殊程序（不计入办理时限）', '专家评审', null, '十个工作日', null, null, '需要专家评审的，评审时间不计入办理时限。'],
  ];
  for (const row of food) steps.addRow(row);
  steps.mergeCells('A4:A11');
  steps.addRow(['440101099000', '1', '办理环节', '申请', '申请人', null, null, '受理', null]);
  steps.addRow(['440101099000', '2', '办理环节', '受理', '窗口人员', '即办', '登记申请表、健康证明', '（办结）', null]);
  // Criteria: two ranges of one criterion (its subject and step merged down), and a rule.
  const criteria = workbook.addWorksheet('裁量标准');
  criteria.addRow(['自由裁量基准']);
  criteria.addRow(['事项编码', '裁量事项', '适用环节', '下限', '上限', '单位', '裁量结果', '裁量规则']);
  criteria.addRow(['440101001000', '经营场所与污染源的距离', '现场勘验', '３０', null, '米', '该项核查通过', null]);
  criteria.addRow(['440101001000', null, null, null, '３０', '米', '该项核查不通过', null]);
  criteria.addRow(['440101001000', '专家评审意见', '决定', null, null, null, null, '3 名评审专家中 2 名以上不同意的，作出不予许可决定']);
  criteria.mergeCells('B3:B4');
  criteria.mergeCells('C3:C4');
  await workbook.xlsx.writeFile(file);
}

describe('licat import of a department workbook', () => {
  it("reads a department's own process sheet without ids: the steps replace the item's, ids kept by name or derived", async () => {
    const catalog = copySample();
    const foodFile = path.join(catalog, 'items/market/food-business.yaml');
    const original = readFileSync(foodFile, 'utf8');
    const book = path.join(tempDir(), 'process.xlsx');
    await departmentProcessWorkbook(book);

    const dry = licat(['import', book, '--catalog', catalog, '--format', 'json']);
    expect(dry.stderr).toMatch(/更新 \S*items\/market\/food-business\.yaml：process\.steps, process\.special, criteria\n/);
    expect(dry.stderr).toMatch(/新建 \S*items\/market\/440101099000\.yaml/);
    const dryReport = (JSON.parse(dry.stdout) as { problems: Array<{ rule: string; message: string }> }).problems;
    expect(dryReport.filter((d) => d.rule.startsWith('import-'))).toEqual([]);

    const wrote = licat(['import', book, '--catalog', catalog, '--write', '--format', 'json']);
    expect(wrote.stderr).toContain('已写入 2 个文件');
    const after = readFileSync(foodFile, 'utf8');
    const food = parse(after);
    // Steps in 序号 order; 申请, 受理, 决定 … keep their ids (their names match), the others get one.
    expect(food.process.steps.map((s: { id: string; name: string }) => `${s.id} ${s.name}`)).toEqual([
      'apply 申请',
      'accept 受理',
      'review 审查',
      'step-4 现场勘验',
      'decide 决定',
      'issue 制证送达',
      'refuse 书面告知不予许可理由',
    ]);
    expect(food.process.steps[1]).toEqual({
      id: 'accept',
      name: '受理',
      role: '窗口受理人员',
      // The sheet has no 办理机构 column: the step keeps its office.
      office: '政务服务中心市场监管窗口',
      limit: { value: 1, unit: 'working-day' },
      // Named in the sheet, matched to the item's materials by name (one holds a 、).
      materials: ['application-form', 'business-licence', 'site-layout', 'safety-rules', 'power-of-attorney'],
      next: ['review'],
    });
    expect(food.process.steps[4].branches).toEqual({ 准予许可: 'issue', 不予许可: 'refuse' });
    expect(food.process.steps[5].next).toBeUndefined();
    expect(food.process.steps[6].next).toBeUndefined();
    expect(food.process.special).toEqual([{ name: '专家评审', limit: { value: 10, unit: 'working-day' }, note: '需要专家评审的，评审时间不计入办理时限。' }]);
    // The criterion of the same subject keeps its id; the new one gets one.
    expect(food.criteria).toEqual([
      {
        id: 'site-distance',
        subject: '经营场所与污染源的距离',
        step: 'step-4',
        ranges: [
          { min: 30, unit: '米', outcome: '该项核查通过' },
          { max: 30, unit: '米', outcome: '该项核查不通过' },
        ],
      },
      { id: 'criterion-2', subject: '专家评审意见', step: 'decide', rule: '3 名评审专家中 2 名以上不同意的，作出不予许可决定' },
    ]);
    expect(after).toContain('      - { min: 30, unit: 米, outcome: 该项核查通过 }\n');
    // Outside the process and the criteria the file is as it was; inside, time limits stay on one line.
    expect(after.slice(0, after.indexOf('process:'))).toBe(original.slice(0, original.indexOf('process:')));
    expect(after.slice(after.indexOf('timeLimit:'), after.indexOf('criteria:'))).toBe(
      original.slice(original.indexOf('timeLimit:'), original.indexOf('criteria:')),
    );
    expect(after).toContain('      limit: { value: 3, unit: working-day }\n');
    // The replaced process is a sound one: no problem is reported on the file.
    const report = (JSON.parse(wrote.stdout) as { problems: Array<{ file: string; rule: string }> }).problems;
    expect(report.filter((d) => d.file.endsWith('food-business.yaml'))).toEqual([]);

    const created = parse(readFileSync(path.join(catalog, 'items/market/440101099000.yaml'), 'utf8'));
    expect(created.materials.map((m: { id: string; name: string }) => `${m.id} ${m.name}`)).toEqual(['material-1 登记申请表', 'material-2 健康证明']);
    expect(created.process).toEqual({
      steps: [
        { id: 'apply', name: '申请', role: '申请人', next: ['accept'] },
        { id: 'accept', name: '受理', role: '窗口人员', limit: { value: 0, unit: 'instant' }, materials: ['material-1', 'material-2'] },
      ],
    });
  });

  it('reports a next step that names no step of the item at its cell, and writes nothing', async () => {
    const catalog = copySample();
    const before = readFileSync(path.join(catalog, 'items/market/food-business.yaml'), 'utf8');
    // licat's own export, with one 下一环节 edited to a step the item does not have.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportWorkbook(await sampleCatalog())) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('办理流程')!;
    let edited = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).text === '440101001000' && row.getCell(5).text === '受理') {
        row.getCell(10).value = '复审';
        edited = n;
      }
    });
    expect(edited).toBeGreaterThan(2);
    const book = path.join(tempDir(), 'edited.xlsx');
    await workbook.xlsx.writeFile(book);

    const result = licat(['import', book, '--catalog', catalog, '--write', '--format', 'json', '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    const report = (JSON.parse(result.stdout) as { problems: Array<{ line: number; column: number; rule: string; severity: string; message: string }> })
      .problems;
    expect(report.filter((d) => d.rule.startsWith('import-'))).toEqual([
      expect.objectContaining({
        line: edited,
        column: 10,
        rule: 'import-cell',
        message: `办理流程!J${edited}: "复审" is no step of this item (it should be the name of one of its steps in this sheet)`,
      }),
    ]);
    expect(readFileSync(path.join(catalog, 'items/market/food-business.yaml'), 'utf8')).toBe(before);
  });

  it('reads a messy sheet: dry run first, then --write updates in place (comments kept) and creates new items', async () => {
    const catalog = copySample();
    const food = path.join(catalog, 'items/market/food-business.yaml');
    const original = readFileSync(food, 'utf8');
    writeFileSync(food, original.replace('name: 食品经营许可\n', 'name: 食品经营许可 # 全省统一名称\n'));
    const book = path.join(tempDir(), 'market.xlsx');
    await messyWorkbook(book);

    const dry = licat(['import', book, '--catalog', catalog]);
    expect(dry.stderr).toMatch(/更新 \S*items\/market\/food-business\.yaml：timeLimit\.promised, handling\.visits, conditions, legalBasis/);
    expect(dry.stderr).toMatch(/新建 \S*items\/market\/440101099000\.yaml/);
    expect(dry.stderr).toContain('试运行');
    expect(readFileSync(food, 'utf8')).toContain('# 全省统一名称');
    expect(existsSync(path.join(catalog, 'items/market/440101099000.yaml'))).toBe(false);

    const wrote = licat(['import', book, '--catalog', catalog, '--write', '--format', 'json']);
    expect(wrote.stderr).toContain('已写入 2 个文件');
    const after = readFileSync(food, 'utf8');
    expect(after).toContain('name: 食品经营许可 # 全省统一名称');
    expect(after).toContain('promised: { value: 5, unit: working-day }');
    const updated = parse(after);
    expect(updated.timeLimit.statutory).toEqual({ value: 20, unit: 'working-day' });
    expect(updated.handling.visits).toBe(1);
    expect(updated.conditions).toEqual(['有与经营的食品品种、数量相适应的经营场所。', '有食品安全管理人员。']);
    // The article text the sheet does not carry is kept.
    expect(updated.legalBasis[0].text).toContain('国家对食品生产经营实行许可制度');
    // Only the edited lines differ: every other line is as it was, spacing inside { } included.
    const commented = original.replace('name: 食品经营许可\n', 'name: 食品经营许可 # 全省统一名称\n').split('\n');
    expect(after.split('\n').filter((line) => !commented.includes(line))).toEqual([
      '  - 有与经营的食品品种、数量相适应的经营场所。',
      '  - 有食品安全管理人员。',
      '  promised: { value: 5, unit: working-day }',
      '  visits: 1',
    ]);
    // Key order unchanged: only values were edited.
    const keys = (text: string) =>
      text
        .split('\n')
        .filter((l) => /^[a-zA-Z]+:/.test(l))
        .map((l) => l.split(':')[0]);
    expect(keys(after)).toEqual(keys(original));

    const created = parse(readFileSync(path.join(catalog, 'items/market/440101099000.yaml'), 'utf8'));
    expect(created).toMatchObject({
      code: '440101099000',
      name: '小餐饮登记',
      department: 'market',
      timeLimit: { statutory: { value: 15, unit: 'working-day' }, promised: { value: 0, unit: 'instant' } },
      handling: { mobile: false, visits: 0 },
      fees: [{ name: '工本费', standard: '每证10元' }],
      legalBasis: [{ title: '《广东省食品生产加工小作坊和食品摊贩管理条例》', article: '第十条' }],
    });
    // The new item is checked like any other: what the sheet lacks is reported on its file.
    const report = (JSON.parse(wrote.stdout) as { problems: Array<{ file: string; rule: string; path: string }> }).problems;
    expect(report.some((d) => d.file.endsWith('items/market/440101099000.yaml') && d.rule === 'schema' && d.path === '/process')).toBe(true);
    expect(wrote.code).toBe(1);
  });

  it('reports a cell it cannot read as sheet!cell with the value, and writes nothing', async () => {
    const catalog = copySample();
    const before = readdirSync(path.join(catalog, 'items/market')).sort();
    const book = path.join(tempDir(), 'bad.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('通用目录');
    sheet.addRow(['目录']);
    sheet.addRow(['基本编码', '事项名称', '主管部门', '承诺时限', '事项类型']);
    sheet.addRow(['440101001000', '食品经营许可', '市场监督管理局', '尽快', '行政许可']);
    sheet.addRow(['440101098000', '新事项', '市场监督管理局', '3个工作日', '行政审批']);
    await workbook.xlsx.writeFile(book);
    const food = readFileSync(path.join(catalog, 'items/market/food-business.yaml'), 'utf8');

    const result = licat(['import', book, '--catalog', catalog, '--write', '--format', 'json', '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    const report = (
      JSON.parse(result.stdout) as { problems: Array<{ file: string; line: number; column: number; rule: string; severity: string; message: string }> }
    ).problems;
    const d3 = report.find((d) => d.message.startsWith('通用目录!D3'));
    expect(d3).toMatchObject({
      file: path.relative(process.cwd(), book).split(path.sep).join('/'),
      line: 3,
      column: 4,
      rule: 'import-cell',
      severity: 'error',
    });
    expect(d3!.message).toContain('"尽快"');
    expect(report.find((d) => d.message.startsWith('通用目录!E4'))?.message).toContain('"行政审批" is not a known item type');
    expect(readdirSync(path.join(catalog, 'items/market')).sort()).toEqual(before);
    expect(readFileSync(path.join(catalog, 'items/market/food-business.yaml'), 'utf8')).toBe(food);
  });

  it('reads a UTF-8 CSV with a byte order mark and quoted multi-line cells, the department from --department', () => {
    const catalog = copySample();
    const csv = path.join(tempDir(), 'market.csv');
    writeFileSync(csv, '\uFEFF基本编码,事项名称,承诺时限,受理条件\r\n440101001000,食品经营许可,8个工作日,"1、有经营场所。\r\n2、有""健康证明""。"\r\n');
    const result = licat(['import', csv, '--catalog', catalog, '--department', 'market', '--write']);
    expect(result.stderr).toMatch(/更新 \S*food-business\.yaml：timeLimit\.promised, conditions/);
    const item = parse(readFileSync(path.join(catalog, 'items/market/food-business.yaml'), 'utf8'));
    expect(item.timeLimit.promised).toEqual({ value: 8, unit: 'working-day' });
    expect(item.conditions).toEqual(['有经营场所。', '有"健康证明"。']);
  });

  it('says in its help which sheets it reads, and that a sheet replaces the lists of the items it has rows for', () => {
    const help = licat(['import', '--help']).stdout.replace(/\s+/g, ' ');
    for (const sheet of ['申请材料', '收费标准', '办理流程', '自由裁量标准']) expect(help).toContain(sheet);
    expect(help).toContain('替换事项文件中的清单');
    expect(help).toContain("they are the item's whole list of materials, fees, process steps or criteria and replace the file's list");
  });

  it('exits 2 on a file it cannot read, and on an unknown --department', () => {
    const catalog = copySample();
    const missing = licat(['import', path.join(tempDir(), 'none.xlsx'), '--catalog', catalog]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法读取文件');
    const notXlsx = path.join(tempDir(), 'broken.xlsx');
    writeFileSync(notXlsx, 'not a zip');
    expect(licat(['import', notXlsx, '--catalog', catalog]).code).toBe(2);
    const csv = path.join(tempDir(), 'x.csv');
    writeFileSync(csv, '基本编码,事项名称\n');
    expect(licat(['import', csv, '--catalog', catalog, '--department', 'nope']).code).toBe(2);
  });
});
