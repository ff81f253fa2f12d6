import { t, type Text } from '../i18n/lang.js';
import type { Tier } from '../schema/common.js';
import { TIER_NAMES } from '../schema/vocabulary.js';
import { ITEM_TYPE_NAMES, SERVICE_OBJECT_NAMES } from '../schema/item.js';
import {
  CROSS_REGION_NAMES,
  HANDLING_FORM_NAMES,
  HANDLING_KIND_NAMES,
  MATERIAL_FORM_NAMES,
  MATERIAL_SOURCE_NAMES,
  NECESSITY_NAMES,
  ONLINE_DEPTH_NAMES,
  RESULT_TYPE_NAMES,
} from '../emit/labels.js';
import { listLines, listWords, lookup, normalizeText, parseCount, parseDuration, parseYesNo, splitLegalBasis, wholeNumber } from './cell-values.js';

/** What a cell gives: values at paths in the item, or why it cannot be read. */
export type CellResult = { values: Array<[path: string[], value: unknown]> } | { why: Text };

export interface ColumnContext {
  /** Department kind by its Chinese or English name or its key (departments.yaml). */
  departmentByName: ReadonlyMap<string, string>;
  /** Text in the header's brackets, e.g. `工作日` in `法定时限（工作日）`. */
  hint: string;
}

/** One column a sheet may have: the headers it goes by, and how its cells read. */
export interface ImportColumn {
  id: string;
  headers: readonly string[];
  /** Undefined: recognised but not imported (derived or informational columns). */
  read?: (text: string, context: ColumnContext) => CellResult;
}

const ok = (path: string[], value: unknown): CellResult => ({ values: [[path, value]] });
const bad = (zh: string, en: string): CellResult => ({ why: t(zh, en) });

/** A name → code table from a code → name table, with extra spellings. */
function reverse<T extends string>(names: Record<T, string>, extra: Record<string, T> = {}): Map<string, T> {
  const out = new Map<string, T>();
  for (const [code, name] of Object.entries(names) as Array<[T, string]>) {
    out.set(name.replace(/\s+/g, ''), code);
    out.set(code, code);
  }
  for (const [name, code] of Object.entries(extra)) out.set(name, code);
  return out;
}

const TIER_BY_NAME = reverse<Tier>(TIER_NAMES, {
  省: 'province',
  省级: 'province',
  市: 'city',
  地级市: 'city',
  县: 'county',
  区: 'county',
  县区: 'county',
  '县(区)': 'county',
  镇: 'town',
  乡: 'town',
  街道: 'town',
  乡镇: 'town',
  镇街: 'town',
  '镇(街道)': 'town',
  '乡镇(街道)': 'town',
  村: 'village',
  社区: 'village',
  村居: 'village',
  '村(社区)': 'village',
});
const TYPE_BY_NAME = reverse(ITEM_TYPE_NAMES, { 许可: '01', 公共服务事项: '20' });
const OBJECT_BY_NAME = reverse(SERVICE_OBJECT_NAMES, { 个人: '1', 企业: '2', 法人: '2', 事业单位: '3', 社会组织: '4', 机关: '6', 其他: '9' });
const KIND_BY_NAME = reverse(HANDLING_KIND_NAMES, { 即办: 'instant', 承诺: 'promised' });
const RESULT_TYPE_BY_NAME = reverse(RESULT_TYPE_NAMES, { 证书: 'certificate', 许可证: 'certificate', 批复: 'approval', 审批文件: 'approval' });
const FORM_BY_NAME = reverse(HANDLING_FORM_NAMES, { 窗口: 'window', 网上: 'online', 网办: 'online', 快递: 'post', 邮寄: 'post' });
const CROSS_BY_NAME = reverse(CROSS_REGION_NAMES, { 否: 'none', 无: 'none', 市内通办: 'city', 省内通办: 'province', 全国通办: 'national' });
const DEPTH_BY_NAME = new Map<string, number>([
  ...Object.entries(ONLINE_DEPTH_NAMES).map(([d, name]) => [name.replace(/\s+/g, ''), Number(d)] as [string, number]),
  ...(['一', '二', '三', '四'] as const).flatMap(
    (n, i) =>
      [
        [`${n}级`, i + 1],
        [`${n}`, i + 1],
        [String(i + 1), i + 1],
        [`${i + 1}级`, i + 1],
        [['I', 'II', 'III', 'IV'][i]!, i + 1],
      ] as Array<[string, number]>,
  ),
  ['全程网办', 4],
]);
export const NECESSITY_BY_NAME = reverse(NECESSITY_NAMES, {
  必须: 'required',
  必需: 'required',
  必交: 'required',
  容缺: 'conditional',
  非必须: 'optional',
  选填: 'optional',
});
export const MATERIAL_FORM_BY_NAME = reverse(MATERIAL_FORM_NAMES, { 纸质版: 'paper', 原件: 'paper', 复印件: 'paper', 电子版: 'electronic' });
export const MATERIAL_SOURCE_BY_NAME = reverse(MATERIAL_SOURCE_NAMES, {
  申请人: 'applicant',
  自备: 'applicant',
  政府部门: 'government',
  中介机构: 'intermediary',
});

/** Each word of a list through a table, or the first word it does not know. */
function words<T>(text: string, table: ReadonlyMap<string, T>, what: Text): CellResult | T[] {
  const out: T[] = [];
  for (const word of listWords(text)) {
    const code = lookup(table, word);
    if (code === undefined) return bad(`“${word}”不是已知的${what.zh}`, `"${word}" is not a known ${what.en}`);
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

/** A list in the sheet's order (the order the catalog file has, which the export keeps). */
function listOf<T>(path: string[], table: ReadonlyMap<string, T>, what: Text) {
  return (text: string): CellResult => {
    const r = words(text, table, what);
    return Array.isArray(r) ? ok(path, r) : r;
  };
}

function oneOf<T>(path: string[], table: ReadonlyMap<string, T>, what: Text) {
  return (text: string): CellResult => {
    const code = lookup(table, text);
    return code === undefined ? bad(`“${normalizeText(text)}”不是已知的${what.zh}`, `"${normalizeText(text)}" is not a known ${what.en}`) : ok(path, code);
  };
}

function yesNo(path: string[]) {
  return (text: string): CellResult => {
    const value = parseYesNo(text);
    return value === undefined ? bad(`“${normalizeText(text)}”应为“是”或“否”`, `"${normalizeText(text)}" should be 是 (yes) or 否 (no)`) : ok(path, value);
  };
}

/** A time limit cell (`20个工作日`, `即办`, a bare number under `时限（工作日）`) at `path`. */
export function duration(path: string[]) {
  return (text: string, { hint }: ColumnContext): CellResult => {
    const s = normalizeText(text);
    // A bare number under a header that names its unit: 法定时限（工作日）.
    const bare = wholeNumber(s) !== undefined && /工作日|自然日|日|天/.test(hint);
    const value = parseDuration(bare ? `${s}${hint.includes('工作日') ? '工作日' : '日'}` : s);
    return value === undefined
      ? bad(`无法识别时限“${s}”（应如“20个工作日”“30日”或“即办”）`, `cannot read the time limit "${s}" (write it like 20个工作日, 30日 or 即办)`)
      : ok(path, value);
  };
}

function text(path: string[]) {
  return (value: string): CellResult => ok(path, normalizeText(value));
}

/** 收费 / 收费标准: 不收费 (or 否, 无) is no fees; otherwise one fee per line, `名称：标准`. */
function fees(value: string): CellResult {
  const s = normalizeText(value);
  if (/^(不收费|免费|否|无|0|0元)$/.test(s)) return ok(['fees'], []);
  if (/^(收费|是)$/.test(s)) return { values: [] };
  return ok(
    ['fees'],
    listLines(s).map((line) => {
      const m = /^([^：:]+)[：:](.+)$/.exec(line);
      return m ? { name: m[1]!.trim(), standard: m[2]!.trim() } : { name: line };
    }),
  );
}

function legalBasis(value: string): CellResult {
  const out: Array<{ title: string; article: string }> = [];
  for (const line of listLines(value)) {
    const split = splitLegalBasis(line);
    if (!split)
      return bad(
        `无法把“${line}”分为法律法规名称和条款（应如“《××法》第十条”）`,
        `cannot split "${line}" into a law's title and an article (write it like 《××法》第十条)`,
      );
    out.push(split);
  }
  return ok(['legalBasis'], out);
}

function handlingItems(value: string): CellResult {
  const out: Array<{ suffix: string; name: string }> = [];
  // Not listLines: the 2-digit code would read as numbering.
  for (const line of normalizeText(value)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\d{2})\s*(.+)$/.exec(line);
    if (!m) return bad(`业务办理项“${line}”应以 2 位代码开头（如“01 企业”）`, `the handling item "${line}" should start with its 2-digit code (like 01 企业)`);
    out.push({ suffix: m[1]!, name: m[2]!.trim() });
  }
  return ok(['handlingItems'], out);
}

function department(value: string, { departmentByName }: ColumnContext): CellResult {
  const s = normalizeText(value);
  const key = departmentByName.get(s) ?? departmentByName.get(s.replace(/\s+/g, ''));
  return key === undefined ? bad(`“${s}”不是 departments.yaml 中的部门`, `"${s}" is not a department of departments.yaml`) : ok(['department'], key);
}

/**
 * Every column licat reads from a department's directory sheet, with the headers it goes by:
 * first the exact headers of licat's own 通用目录 export, then common variants.
 */
export const ITEM_COLUMNS: readonly ImportColumn[] = [
  { id: 'code', headers: ['基本编码', '事项编码', '事项基本编码', '基本目录编码', '编码'], read: (v) => ok(['code'], normalizeText(v).replace(/\s+/g, '')) },
  { id: 'name', headers: ['事项名称', '许可事项名称', '行政许可事项名称', '政务服务事项名称', '事项名'], read: text(['name']) },
  { id: 'type', headers: ['事项类型', '事项类别', '权力类型'], read: oneOf(['type'], TYPE_BY_NAME, t('事项类型', 'item type')) },
  { id: 'department', headers: ['主管部门', '主管部门名称', '实施部门', '责任部门', '部门'], read: department },
  { id: 'levels', headers: ['行使层级', '层级', '实施层级'], read: listOf(['levels'], TIER_BY_NAME, t('层级', 'tier')) },
  { id: 'acceptedAt', headers: ['就近受理', '就近受理层级', '可就近受理层级'], read: listOf(['acceptedAt'], TIER_BY_NAME, t('层级', 'tier')) },
  {
    id: 'serviceObjects',
    headers: ['服务对象', '办理对象', '服务对象类型'],
    read: listOf(['serviceObjects'], OBJECT_BY_NAME, t('服务对象', 'service object')),
  },
  { id: 'handlingItems', headers: ['业务办理项'], read: handlingItems },
  { id: 'kind', headers: ['办件类型'], read: oneOf(['handling', 'kind'], KIND_BY_NAME, t('办件类型', 'handling kind')) },
  { id: 'statutory', headers: ['法定时限', '法定办结时限', '法定办理时限'], read: duration(['timeLimit', 'statutory']) },
  { id: 'promised', headers: ['承诺时限', '承诺办结时限', '承诺办理时限'], read: duration(['timeLimit', 'promised']) },
  { id: 'timeNote', headers: ['时限说明', '办理时限说明'], read: text(['timeLimit', 'note']) },
  { id: 'charged', headers: ['是否收费'], read: fees },
  { id: 'fees', headers: ['收费', '收费标准', '收费项目及标准', '收费情况', '收费依据及标准'], read: fees },
  { id: 'resultName', headers: ['办理结果', '办理结果名称', '审批结果', '审批结果名称', '结果名称'], read: text(['result', 'name']) },
  {
    id: 'resultType',
    headers: ['结果类型', '办理结果类型', '审批结果类型'],
    read: oneOf(['result', 'type'], RESULT_TYPE_BY_NAME, t('结果类型', 'result type')),
  },
  { id: 'resultLicense', headers: ['结果电子证照', '是否电子证照', '电子证照'], read: yesNo(['result', 'eLicense']) },
  {
    id: 'visits',
    headers: ['到办事现场次数', '到现场次数', '跑动次数', '到窗口次数', '最多跑动次数'],
    read: (v) => {
      const n = parseCount(v);
      return n === undefined ? bad(`“${normalizeText(v)}”不是次数`, `"${normalizeText(v)}" is not a number of visits`) : ok(['handling', 'visits'], n);
    },
  },
  { id: 'visitReason', headers: ['到现场原因', '到办事现场原因', '必须现场办理原因', '到现场办理原因'], read: text(['handling', 'visitReason']) },
  { id: 'onlineDepth', headers: ['网上办理深度', '网办深度'], read: oneOf(['handling', 'onlineDepth'], DEPTH_BY_NAME, t('网上办理深度', 'online depth')) },
  { id: 'mobile', headers: ['移动端办理', '是否支持移动端办理', '移动端', '是否移动端办理'], read: yesNo(['handling', 'mobile']) },
  { id: 'forms', headers: ['办理形式'], read: listOf(['handling', 'forms'], FORM_BY_NAME, t('办理形式', 'handling form')) },
  { id: 'crossRegion', headers: ['通办范围'], read: oneOf(['handling', 'crossRegion'], CROSS_BY_NAME, t('通办范围', 'cross-region scope')) },
  { id: 'conditions', headers: ['受理条件', '申请条件', '受理标准'], read: (v) => ok(['conditions'], listLines(v)) },
  { id: 'legalBasis', headers: ['设定依据', '法律依据', '实施依据', '设立依据'], read: legalBasis },
  {
    id: 'materials',
    headers: ['申请材料', '申请材料目录', '材料清单', '申请材料清单'],
    read: (v) =>
      ok(
        ['materials'],
        listLines(v).map((name) => ({ name })),
      ),
  },
  // Recognised, not imported: numbering, counts and links the export derives, and the
  // implementing bodies, which departments.yaml holds for every region.
  { id: 'ignored', headers: ['序号', '申请材料数', '办理环节数', '流程图', '办事指南', '源文件', '实施主体', '备注'] },
];

/** A header cell as compared: spaces and line breaks removed, full-width forms folded, `（…）` split off as a hint. */
export function headerKey(text: string): { key: string; hint: string } {
  const s = normalizeText(text).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  const m = /^(.+?)\((.*)\)$/.exec(s);
  return m ? { key: m[1]!, hint: m[2]! } : { key: s, hint: '' };
}

/** Every recognised header → its column. */
export function columnTable(columns: readonly ImportColumn[]): Map<string, ImportColumn> {
  const out = new Map<string, ImportColumn>();
  for (const column of columns) for (const header of column.headers) out.set(header, column);
  return out;
}
