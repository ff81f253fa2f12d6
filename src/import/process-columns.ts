import { t } from '../i18n/lang.js';
import { normalizeText, wholeNumber } from './cell-values.js';
import { CODE_COLUMN } from './detail-columns.js';
import { duration, type CellResult, type ImportColumn } from './import-columns.js';

/**
 * The columns of the sheets with one row per process step (licat's 办理流程 sheet, or a
 * department's own) and one row per discretionary criterion or range (自由裁量标准). Paths are
 * inside the row's entry; references to steps and materials are read as names here and matched
 * to the item's steps and materials by the sheet's reader.
 */

const ok = (path: string[], value: unknown): CellResult => ({ values: [[path, value]] });
const text =
  (key: string) =>
  (v: string): CellResult =>
    ok([key], normalizeText(v));

/** What a row of the process sheet is: a step, a decision step (named branches) or a special procedure. */
export type StepKind = 'step' | 'decision' | 'special';

const KIND_BY_NAME = new Map<string, StepKind>([
  ['办理环节', 'step'],
  ['一般环节', 'step'],
  ['普通环节', 'step'],
  ['环节', 'step'],
  ['决定环节', 'decision'],
  ['决定', 'decision'],
  ['审批决定', 'decision'],
  ['分支环节', 'decision'],
  ['特殊程序', 'special'],
  ['特别程序', 'special'],
]);

/** `决定环节`, `特殊程序（不计入办理时限）` (a bracketed note after the kind is passed over). */
function stepKind(v: string): CellResult {
  const s = normalizeText(v)
    .replace(/\s+/g, '')
    .replace(/[（(].*[)）]$/u, '');
  const kind = KIND_BY_NAME.get(s);
  return kind === undefined
    ? {
        why: t(
          `“${normalizeText(v)}”不是已知的环节类别（办理环节、决定环节、特殊程序）`,
          `"${normalizeText(v)}" is not a known kind of step (办理环节, 决定环节 or 特殊程序)`,
        ),
      }
    : ok(['kind'], kind);
}

/** One line of a 下一环节 cell: a step's name, or `label → name` for a branch of a decision step. */
export interface NextLine {
  label?: string;
  target: string;
}

/** The 下一环节 cell: one line per following step or branch; none where the process ends. */
export interface NextCell {
  lines: NextLine[];
  /** The cell is a bare word such as `办结` or `无`: the end, unless a step has that name. */
  maybeEnd?: string;
}

/** `（办结）`, as licat's export writes the end of a process. */
const END = /^[（(](办结|结束|终止|完成|终点|流程结束|无)[)）]$/u;
const BARE_END = /^(办结|结束|终止|完成|终点|流程结束|无)$/u;
const ARROW = /\s*(?:→|->|=>|⇒|➔|➡)\s*/u;

function nextCell(v: string): CellResult {
  const s = normalizeText(v);
  const squashed = s.replace(/\s+/g, '');
  if (END.test(squashed)) return ok(['next'], { lines: [] } satisfies NextCell);
  // Lines as written: a step's name may start like numbering (`1号窗口受理`); the reader strips
  // numbering only where the line as written names no step.
  const lines = s
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line): NextLine => {
      const parts = line.split(ARROW);
      if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return { label: parts[0]!, target: parts[1]! };
      return { target: line };
    });
  return ok(['next'], { lines, ...(BARE_END.test(squashed) && { maybeEnd: squashed }) } satisfies NextCell);
}

function order(v: string): CellResult {
  const n = wholeNumber(normalizeText(v).replace(/[.．、]$/, ''));
  return n === undefined ? { why: t(`“${normalizeText(v)}”不是序号`, `"${normalizeText(v)}" is not a sequence number`) } : ok(['order'], n);
}

const LOCAL_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** An id column licat's export keeps outside the print area: kebab-case, unique in the item. */
function localId(v: string): CellResult {
  const s = normalizeText(v);
  return LOCAL_ID.test(s)
    ? ok(['id'], s)
    : { why: t(`标识“${s}”应为小写字母、数字和连字符`, `the id "${s}" should be lower-case letters, digits and hyphens`) };
}

/** A number of a range bound: `25`, `２５`, `0.5`, `1,000`, `1.5e-7`. */
function bound(key: 'min' | 'max') {
  return (v: string): CellResult => {
    const s = normalizeText(v).replace(/[,，\s]/g, '');
    // As a workbook stores numbers too: `1.5e-7`.
    const n = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : undefined;
    return n === undefined ? { why: t(`“${normalizeText(v)}”不是数值`, `"${normalizeText(v)}" is not a number`) } : ok([key], n);
  };
}

export const PROCESS_COLUMNS: readonly ImportColumn[] = [
  CODE_COLUMN,
  { id: 'order', headers: ['序号', '环节序号', '步骤序号'], read: order },
  { id: 'kind', headers: ['类别', '环节类型', '环节类别'], read: stepKind },
  { id: 'name', headers: ['环节名称', '办理环节', '步骤名称', '特殊程序名称'], read: text('name') },
  { id: 'office', headers: ['办理机构', '办理部门', '承办机构', '办理处室', '办理科室'], read: text('office') },
  { id: 'role', headers: ['办理人员', '岗位', '办理岗位', '承办人员', '审批人员'], read: text('role') },
  { id: 'limit', headers: ['时限', '办理时限', '环节时限'], read: duration(['limit']) },
  { id: 'materials', headers: ['审核材料', '审查材料', '核验材料'], read: text('materials') },
  { id: 'next', headers: ['下一环节', '下一步', '后续环节'], read: nextCell },
  { id: 'note', headers: ['说明', '备注', '特殊程序说明'], read: text('note') },
  { id: 'id', headers: ['环节标识'], read: localId },
  { id: 'ignored', headers: ['事项名称'] },
];

export const CRITERIA_COLUMNS: readonly ImportColumn[] = [
  CODE_COLUMN,
  { id: 'subject', headers: ['裁量事项', '裁量情形', '裁量项目'], read: text('subject') },
  { id: 'step', headers: ['适用环节', '裁量环节'], read: text('step') },
  { id: 'min', headers: ['下限', '区间下限'], read: bound('min') },
  { id: 'max', headers: ['上限', '区间上限'], read: bound('max') },
  { id: 'unit', headers: ['单位', '计量单位'], read: text('unit') },
  { id: 'outcome', headers: ['裁量结果', '结果'], read: text('outcome') },
  { id: 'rule', headers: ['裁量规则', '量化规则'], read: text('rule') },
  { id: 'id', headers: ['裁量标识'], read: localId },
  { id: 'ignored', headers: ['事项名称', '序号'] },
];
