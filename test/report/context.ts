import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { ReportContext } from '../../src/report/reporter.js';
import { checkInline, sampleItem } from '../inline.js';

/**
 * Problems of a small catalog: an item with an error and two warnings, a hall whose file name
 * has Chinese characters and a space (a path that needs escaping in every format), and a message
 * with characters each format must escape.
 */
export function sampleProblems(): { diagnostics: Diagnostic[]; context: ReportContext } {
  const item = sampleItem()
    .replace('  promised: { value: 10, unit: working-day }', '  promised: { value: 25, unit: working-day }')
    .replace(', power-of-attorney]', ']')
    .replace('    condition: 委托他人代为办理的', '    condition: 必要时提交');
  const r = checkInline({ 'items/market/food.yaml': item, 'halls/天河 大厅.yaml': 'region: "440106"\nname: 天河区政务服务中心\n' });
  const diagnostics = [
    ...r.diagnostics,
    {
      rule: 'schema' as const,
      severity: 'error' as const,
      file: 'catalog/items/market/food.yaml',
      path: '/name',
      line: 3,
      column: 7,
      message: { zh: '名称含有 <b>、& 和 "引号"，行尾\n换行 100%, a:b', en: 'name has <b>, & and "quotes", a line\nbreak, 100%, a:b' },
    },
  ];
  return {
    diagnostics,
    context: { lang: 'en', texts: r.texts, summary: { files: 5, items: 1 }, color: false, toolVersion: '0.1.0', sourceRoot: '' },
  };
}
