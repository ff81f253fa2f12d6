import type { z } from 'zod';
import { itemSchema } from '../schema/item.js';
import { PLACEHOLDER } from '../validate/placeholders.js';

export interface ScaffoldInput {
  department: string;
  /** The catalog's province (the owner segment of new codes), e.g. "44". */
  province: string;
  /** Every basic code in use in the catalog, loaded or not. */
  codes: Iterable<string>;
  /** The basic codes of the department's own items. */
  departmentCodes: readonly string[];
  /** The item's name, when known. */
  name?: string | undefined;
  /** The schema modeline's path, as the department's other items write it. */
  schemaPath?: string | undefined;
}

/**
 * The next free basic code of a department: owner (the catalog's province) + the department's
 * usual item type + the main item number after the department's highest, moving on past numbers
 * other departments already use; sub-item 000. A department with no items yet starts after the
 * highest main item number of that owner and type.
 * @example nextCode({ department: 'market', province: '44', codes: ['440101005000', '440101006000'], departmentCodes: ['440101005000'] }) // '440101007000'
 */
export function nextCode(input: Pick<ScaffoldInput, 'province' | 'codes' | 'departmentCodes'>): { code: string; type: string } {
  const type = mostCommon(input.departmentCodes.filter((c) => c.startsWith(input.province)).map((c) => c.slice(2, 4))) ?? '01';
  const prefix = `${input.province}${type}`;
  const used = new Set<number>();
  for (const code of input.codes) if (code.startsWith(prefix)) used.add(Number(code.slice(4, 9)));
  const own = input.departmentCodes.filter((c) => c.startsWith(prefix)).map((c) => Number(c.slice(4, 9)));
  let main = (own.length > 0 ? Math.max(...own) : used.size > 0 ? Math.max(...used) : 0) + 1;
  while (used.has(main)) main++;
  if (main > 99999) throw new RangeError(`no free main item number left for ${prefix}`);
  return { code: `${prefix}${String(main).padStart(5, '0')}000`, type };
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/** The Chinese title and description the schema gives a top-level key of an item. */
function comment(key: keyof typeof itemSchema.shape): string {
  let schema = itemSchema.shape[key] as z.ZodType;
  let meta = schema.meta();
  while (!meta && 'unwrap' in schema && typeof schema.unwrap === 'function') {
    schema = (schema as unknown as { unwrap(): z.ZodType }).unwrap();
    meta = schema.meta();
  }
  const title = String(meta?.title ?? key);
  const description = String(meta?.description ?? '');
  return `# ${title}（${key}）：${description}`;
}

/**
 * The text of a new item file: the schema modeline, every unified element and every required
 * key, each under a Chinese comment taken from the schema, with 【待填写】 wherever the editor
 * must decide. Pure.
 */
export function scaffoldItem(input: ScaffoldInput): { code: string; text: string } {
  const { code, type } = nextCode(input);
  const P = PLACEHOLDER;
  const name = input.name ?? `${P}事项名称`;
  const lines = [
    `# yaml-language-server: $schema=${input.schemaPath ?? '../../../schemas/item.schema.json'}`,
    `# 新事项（licat new 生成）：把每个“${P}”换成实际内容，licat validate 会列出尚未填写的位置；`,
    '# licat explain <规则> 说明每条规则的要求。',
    comment('code'),
    '# licat new 按本部门已有事项的编码取了下一个空闲编码；有子项时改第 10-12 位。',
    `code: "${code}"`,
    comment('name'),
    `name: ${name}`,
    comment('type'),
    `type: "${type}"`,
    comment('department'),
    `department: ${input.department}`,
    `${comment('levels')}可选 province、city、county、town、village。`,
    `levels: [${P}]`,
    `${comment('serviceObjects')}`,
    `serviceObjects: [${P}]`,
    comment('legalBasis'),
    'legalBasis:',
    `  - title: ${P}法律法规名称，如《中华人民共和国行政许可法》`,
    `    article: ${P}条款号，如第十二条`,
    comment('conditions'),
    'conditions:',
    `  - ${P}一条明确、可核查的受理条件`,
    `${comment('materials')}每项材料写明必要性、形式、来源；政府部门核发的材料标 eLicense: true。`,
    'materials:',
    '  - id: application-form',
    `    name: ${P}申请书名称`,
    '    necessity: required',
    '    forms: [paper, electronic]',
    '    copies: 1',
    '    source: applicant',
    `${comment('process')}许可事项至少有申请、受理、审查、决定、送达五个环节；决定环节用 branches 写出准予和不予两个分支。`,
    'process:',
    '  steps:',
    '    - id: apply',
    '      name: 申请',
    '      next: [accept]',
    '    - id: accept',
    '      name: 受理',
    `      limit: { value: ${P}, unit: working-day }`,
    '      materials: [application-form]',
    '      next: [review]',
    '    - id: review',
    '      name: 审查',
    `      limit: { value: ${P}, unit: working-day }`,
    '      next: [decide]',
    '    - id: decide',
    '      name: 决定',
    `      limit: { value: ${P}, unit: working-day }`,
    '      branches:',
    '        准予许可: issue',
    '        不予许可: refuse',
    '    - id: issue',
    '      name: 制证送达',
    `      limit: { value: ${P}, unit: working-day }`,
    '    - id: refuse',
    '      name: 书面告知不予许可理由',
    `      limit: { value: ${P}, unit: working-day }`,
    `${comment('timeLimit')}承诺时限不得长于法定时限，各环节时限之和不得超过承诺时限。`,
    'timeLimit:',
    `  statutory: { value: ${P}, unit: working-day }`,
    `  promised: { value: ${P}, unit: working-day }`,
    `${comment('fees')}收费时逐项写明收费项目、收费标准（standard）和收费依据（basis）。`,
    'fees: []',
    comment('result'),
    'result:',
    `  type: ${P}certificate、approval、filing 或 other`,
    `  name: ${P}结果名称，如某某许可证`,
    comment('handling'),
    'handling:',
    '  kind: promised',
    `  visits: ${P}`,
    `  onlineDepth: ${P}`,
    '  mobile: true',
    '  forms: [window, online]',
    '  crossRegion: province',
    '',
  ];
  return { code, text: lines.join('\n') };
}
