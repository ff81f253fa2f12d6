import { t } from '../i18n/lang.js';
import { listWords, lookup, normalizeText, parseCount, parseYesNo } from './cell-values.js';
import { MATERIAL_FORM_BY_NAME, MATERIAL_SOURCE_BY_NAME, NECESSITY_BY_NAME, type CellResult, type ImportColumn } from './import-columns.js';

/**
 * The columns of the sheets with one row per material or per fee (licat's 申请材料 and 收费标准
 * sheets, or a department's own): each row is one entry of the item named by its 基本编码.
 * Paths are inside the entry.
 */

const ok = (path: string[], value: unknown): CellResult => ({ values: [[path, value]] });
const text =
  (key: string) =>
  (v: string): CellResult =>
    ok([key], normalizeText(v));
const yesNo =
  (key: string) =>
  (v: string): CellResult => {
    const value = parseYesNo(v);
    return value === undefined ? { why: t(`“${normalizeText(v)}”应为“是”或“否”`, `"${normalizeText(v)}" should be 是 (yes) or 否 (no)`) } : ok([key], value);
  };
function oneOf(key: string, table: ReadonlyMap<string, string>, zh: string, en: string) {
  return (v: string): CellResult => {
    const code = lookup(table, v);
    return code === undefined ? { why: t(`“${normalizeText(v)}”不是已知的${zh}`, `"${normalizeText(v)}" is not a known ${en}`) } : ok([key], code);
  };
}

export const CODE_COLUMN: ImportColumn = {
  id: 'code',
  headers: ['基本编码', '事项编码', '事项基本编码'],
  read: (v) => ok(['code'], normalizeText(v).replace(/\s+/g, '')),
};
const PASSED_OVER: ImportColumn = { id: 'ignored', headers: ['序号', '事项名称', '审核环节'] };

export const MATERIAL_COLUMNS: readonly ImportColumn[] = [
  CODE_COLUMN,
  { id: 'name', headers: ['材料名称', '申请材料名称'], read: text('name') },
  { id: 'necessity', headers: ['必要性', '是否必要', '材料必要性'], read: oneOf('necessity', NECESSITY_BY_NAME, '必要性', 'necessity') },
  { id: 'condition', headers: ['适用情形', '情形说明'], read: text('condition') },
  {
    id: 'forms',
    headers: ['材料形式', '材料类型'],
    read: (v) => {
      const out: string[] = [];
      for (const word of listWords(v)) {
        const form = lookup(MATERIAL_FORM_BY_NAME, word);
        if (form === undefined) return { why: t(`“${word}”不是已知的材料形式`, `"${word}" is not a known material form`) };
        if (!out.includes(form)) out.push(form);
      }
      return ok(
        ['forms'],
        ['paper', 'electronic'].filter((f) => out.includes(f)),
      );
    },
  },
  {
    id: 'copies',
    headers: ['纸质份数', '份数', '纸质材料份数'],
    read: (v) => {
      const n = parseCount(normalizeText(v).replace(/份$/, ''));
      return n === undefined ? { why: t(`“${normalizeText(v)}”不是份数`, `"${normalizeText(v)}" is not a number of copies`) } : ok(['copies'], n);
    },
  },
  { id: 'source', headers: ['来源渠道', '材料来源'], read: oneOf('source', MATERIAL_SOURCE_BY_NAME, '来源渠道', 'material source') },
  { id: 'eLicense', headers: ['电子证照调取', '可电子证照调取'], read: yesNo('eLicense') },
  { id: 'note', headers: ['备注', '填报说明'], read: text('note') },
  PASSED_OVER,
];

export const FEE_COLUMNS: readonly ImportColumn[] = [
  CODE_COLUMN,
  { id: 'name', headers: ['收费项目', '收费项目名称'], read: text('name') },
  { id: 'standard', headers: ['收费标准'], read: text('standard') },
  { id: 'basis', headers: ['收费依据'], read: text('basis') },
  { id: 'waivable', headers: ['可依法减免', '是否可减免', '可减免'], read: yesNo('waivable') },
  PASSED_OVER,
];
