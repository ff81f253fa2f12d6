import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { copySample, licat, tempDir } from '../helpers.js';

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

describe('licat import of a department workbook', () => {
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
