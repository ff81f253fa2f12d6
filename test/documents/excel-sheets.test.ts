import { describe, expect, it } from 'vitest';
import { excelEmitter } from '../../src/emit/excel/excel-emitter.js';
import { UsageError } from '../../src/diagnostics/usage-error.js';
import { BASE, checkInline, sampleItem } from '../inline.js';
import { memoryContext } from '../memory-sink.js';
import { dumpWorkbook } from './xlsx-dump.js';

/** Two departments: the sample item (market, county level) and a copy for health decided by cities. */
function twoDepartments() {
  const departments = BASE['departments.yaml']!.replace(
    'kinds:\n  market: { name: 市场监督管理局 }',
    'kinds:\n  market: { name: 市场监督管理局 }\n  health: { name: "卫生/健康[局]" }',
  );
  const health = sampleItem()
    .replace(/^code: .*$/m, 'code: "440101006000"')
    .replace(/^name: .*$/m, 'name: 公共场所卫生许可')
    .replace(/^department: .*$/m, 'department: health');
  return checkInline({ 'departments.yaml': departments, 'items/market/food.yaml': sampleItem(), 'items/health/hygiene.yaml': health }).catalog;
}

describe('the sheets of excel/catalog.xlsx', () => {
  it('list one row per implementing body in 实施清单, with its implementation code', async () => {
    const { out, context } = memoryContext();
    await excelEmitter.emit(twoDepartments(), context);
    const sheets = await dumpWorkbook(out.bytes('excel/catalog.xlsx'));
    const list = sheets.find((s) => s.name === '实施清单')!;
    expect(list.rows[1]).toEqual([
      '序号',
      '基本编码',
      '事项名称',
      '行使层级',
      '区划代码',
      '区划名称',
      '实施主体',
      '实施主体统一社会信用代码',
      '实施编码',
      '承诺时限',
    ]);
    // The county-level market item: the one county body of the base catalog; health has no bodies.
    expect(list.rows.slice(2)).toEqual([
      [
        1,
        '440101001000',
        '食品经营许可',
        '县（区）',
        '440106',
        '天河区',
        '广州市天河区市场监督管理局',
        '114403006939513773',
        '1144030069395137734440101001000',
        '10 个工作日',
      ],
    ]);
  });

  it('add one directory sheet per department with --excel-by department, its name made safe for Excel', async () => {
    const { out, context } = memoryContext({ excelBy: 'department' });
    await excelEmitter.emit(twoDepartments(), context);
    const sheets = await dumpWorkbook(out.bytes('excel/catalog.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual([
      '通用目录',
      '实施清单',
      '市场监督管理局',
      '卫生_健康_局_',
      '申请材料',
      '办理流程',
      '收费标准',
      '自由裁量标准',
      '统计',
    ]);
    const all = sheets[0]!;
    const health = sheets[3]!;
    expect(health.rows[1]).toEqual(all.rows[1]);
    expect(health.rows.slice(2).map((r) => r.slice(0, 5))).toEqual([[1, '440101006000', '公共场所卫生许可', '行政许可', '卫生/健康[局]']]);
    expect(health.rows[0]![0]).toBe('测试目录（1 版）　卫生_健康_局_');
    expect(health.lists['D3:D1003']).toContain('行政许可');
    // Without the option, no department sheets.
    const plain = memoryContext();
    await excelEmitter.emit(twoDepartments(), plain.context);
    expect((await dumpWorkbook(plain.out.bytes('excel/catalog.xlsx'))).map((s) => s.name)).not.toContain('市场监督管理局');
  });

  it('refuse an --excel-by other than department as a usage error', async () => {
    const { out, context } = memoryContext({ excelBy: 'region' });
    await expect(excelEmitter.emit(twoDepartments(), context)).rejects.toThrow(UsageError);
    expect(out.names()).toEqual([]);
  });
});
