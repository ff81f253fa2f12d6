import type { Catalog } from '../../model/catalog.js';
import { TIERS, type Tier } from '../../schema/common.js';
import { TIER_NAMES } from '../../schema/vocabulary.js';
import { ITEM_TYPE_NAMES, type Item } from '../../schema/item.js';
import { implementationCodes } from '../../model/derive-implementation-code.js';
import { implementingBodies } from '../../model/implementing-bodies.js';
import {
  CROSS_REGION_NAMES,
  HANDLING_FORM_NAMES,
  HANDLING_KIND_NAMES,
  MATERIAL_FORM_NAMES,
  MATERIAL_SOURCE_NAMES,
  NECESSITY_NAMES,
  ONLINE_DEPTH_NAMES,
  RESULT_TYPE_NAMES,
  departmentName,
  durationText,
  itemTypeName,
  onlineDepthName,
  serviceObjectNames,
  tierNames,
} from '../labels.js';
import { sheetName, type Column, type Row, type SheetSpec } from './write-workbook.js';

const yesNo = (value: boolean | undefined) => (value ? '是' : '否');
const numbered = (lines: readonly string[]) => lines.map((line, i) => `${i + 1}. ${line}`).join('\n');

/** The item columns every detail sheet starts with, frozen when scrolling right. */
const ITEM_KEY: Column[] = [
  { header: '基本编码', kind: 'code', width: 16 },
  { header: '事项名称', kind: 'text', maxWidth: 30 },
];

/** Where an item's row links to, relative to the output root; undefined: no link. */
export interface ItemLinks {
  flowchart(code: string): string | undefined;
  guide(code: string): string | undefined;
}

/** What the sheets of catalog.xlsx are built from, beside the catalog. */
export interface CatalogSheetsInput {
  /** In code order. */
  items: readonly Item[];
  /** An item's file relative to the catalog folder. */
  sourceOf: (item: Item) => string;
  links: ItemLinks;
  /** The title row of a sheet (catalog name, version, build date), by the sheet's name. */
  title: (sheet: string) => string;
  /** `--excel-by department`: one more sheet per department. */
  byDepartment?: boolean;
}

/**
 * The sheets of the general directory (excel/catalog.xlsx): 通用目录 (one row per item), 实施清单
 * (one row per implementing body), one sheet per department when asked, then materials, process
 * steps, fees, discretionary criteria, and counts per tier and department.
 */
export function catalogSheets(catalog: Catalog, input: CatalogSheetsInput): SheetSpec[] {
  const { items, title } = input;
  const kinds = catalog.departments?.kinds;
  const sheets: SheetSpec[] = [directorySheet('通用目录', items, kinds, input), implementationSheet(catalog, items)];
  if (input.byDepartment) {
    for (const department of departmentOrder(catalog, items)) {
      const own = items.filter((item) => item.department === department);
      if (own.length > 0) sheets.push(directorySheet(departmentName(kinds, department), own, kinds, input));
    }
  }
  sheets.push(materialsSheet(items), stepsSheet(items), feesSheet(items), criteriaSheet(items), countsSheet(catalog, items));
  return uniqueNames(sheets).map((sheet) => ({ ...sheet, title: title(sheet.name) }));
}

/** Departments in departments.yaml order, then any other an item names, sorted. */
function departmentOrder(catalog: Catalog, items: readonly Item[]): string[] {
  const kinds = catalog.departments?.kinds ?? {};
  // Own keys only: a kind named `constructor` is not Object's.
  return [...Object.keys(kinds), ...[...new Set(items.map((i) => i.department))].filter((d) => !Object.hasOwn(kinds, d)).sort()];
}

/** Sheet names as Excel takes them, none twice (a department named like a fixed sheet gets a suffix). */
function uniqueNames(sheets: SheetSpec[]): SheetSpec[] {
  const seen = new Set<string>();
  return sheets.map((sheet) => {
    const base = sheetName(sheet.name);
    let name = base;
    for (let n = 2; seen.has(name); n++) name = sheetName(`${[...base].slice(0, 27).join('')}（${n}）`);
    seen.add(name);
    return { ...sheet, name };
  });
}

const YES_NO = ['是', '否'];

/** A code list's names in code order (`Object.values` would put "10" and "20" before "01"). */
function inCodeOrder(names: Record<string, string>): string[] {
  return Object.keys(names)
    .sort()
    .map((code) => names[code]!);
}

/** The columns of 通用目录 and of each department's sheet. */
function directoryColumns(kinds: Record<string, { name: string }> | undefined): Column[] {
  const departments = Object.values(kinds ?? {}).map((k) => k.name);
  return [
    { header: '序号', kind: 'number', width: 6 },
    ...ITEM_KEY,
    { header: '事项类型', kind: 'text', choices: inCodeOrder(ITEM_TYPE_NAMES) },
    { header: '主管部门', kind: 'text', maxWidth: 20, choices: departments.length > 0 ? departments : undefined },
    { header: '行使层级', kind: 'text', maxWidth: 16 },
    { header: '就近受理', kind: 'text', maxWidth: 16 },
    { header: '服务对象', kind: 'text', maxWidth: 20 },
    { header: '业务办理项', kind: 'text', maxWidth: 20 },
    { header: '办件类型', kind: 'text', choices: Object.values(HANDLING_KIND_NAMES) },
    { header: '法定时限', kind: 'text', maxWidth: 14 },
    { header: '承诺时限', kind: 'text', maxWidth: 14 },
    { header: '时限说明', kind: 'text', maxWidth: 24 },
    { header: '是否收费', kind: 'text', choices: ['收费', '不收费'] },
    { header: '办理结果', kind: 'text', maxWidth: 20 },
    { header: '结果类型', kind: 'text', choices: Object.values(RESULT_TYPE_NAMES) },
    { header: '结果电子证照', kind: 'text', choices: YES_NO },
    { header: '到办事现场次数', kind: 'number' },
    { header: '到现场原因', kind: 'text', maxWidth: 24 },
    { header: '网上办理深度', kind: 'text', maxWidth: 20, choices: Object.values(ONLINE_DEPTH_NAMES) },
    { header: '移动端办理', kind: 'text', choices: YES_NO },
    { header: '办理形式', kind: 'text', maxWidth: 16 },
    { header: '通办范围', kind: 'text', choices: Object.values(CROSS_REGION_NAMES) },
    { header: '受理条件', kind: 'text', maxWidth: 50 },
    { header: '设定依据', kind: 'text', maxWidth: 40 },
    { header: '申请材料数', kind: 'number' },
    { header: '办理环节数', kind: 'number' },
    { header: '流程图', kind: 'link', internal: true },
    { header: '办事指南', kind: 'link', internal: true },
    { header: '源文件', kind: 'text', maxWidth: 40, internal: true },
  ];
}

function directorySheet(name: string, items: readonly Item[], kinds: Record<string, { name: string }> | undefined, input: CatalogSheetsInput): SheetSpec {
  const { sourceOf, links } = input;
  const rows: Row[] = items.map((item, i) => [
    i + 1,
    item.code,
    item.name,
    itemTypeName(item.type),
    departmentName(kinds, item.department),
    tierNames(item.levels),
    tierNames(item.acceptedAt) || undefined,
    serviceObjectNames(item.serviceObjects),
    item.handlingItems?.map((h) => `${h.suffix} ${h.name}`).join('\n'),
    HANDLING_KIND_NAMES[item.handling.kind],
    durationText(item.timeLimit.statutory),
    durationText(item.timeLimit.promised),
    item.timeLimit.note,
    item.fees.length > 0 ? '收费' : '不收费',
    item.result.name,
    RESULT_TYPE_NAMES[item.result.type],
    yesNo(item.result.eLicense),
    item.handling.visits,
    item.handling.visitReason,
    onlineDepthName(item.handling.onlineDepth),
    yesNo(item.handling.mobile),
    item.handling.forms.map((f) => HANDLING_FORM_NAMES[f]).join('、'),
    CROSS_REGION_NAMES[item.handling.crossRegion],
    numbered(item.conditions),
    item.legalBasis.map((b) => `${b.title}${b.article}`).join('\n'),
    item.materials.length,
    item.process.steps.length,
    linkCell('流程图', links.flowchart(item.code)),
    linkCell('办事指南', links.guide(item.code)),
    sourceOf(item),
  ]);
  return { name, columns: directoryColumns(kinds), rows, frozenColumns: 3, editable: true };
}

/** 实施清单: one row per item and implementing body, with the body's implementation codes. */
function implementationSheet(catalog: Catalog, items: readonly Item[]): SheetSpec {
  const columns: Column[] = [
    { header: '序号', kind: 'number', width: 7 },
    { header: '基本编码', kind: 'code', width: 15 },
    { header: '事项名称', kind: 'text', maxWidth: 24 },
    { header: '行使层级', kind: 'text', width: 12 },
    { header: '区划代码', kind: 'code', width: 11 },
    { header: '区划名称', kind: 'text', maxWidth: 14 },
    { header: '实施主体', kind: 'text', maxWidth: 30 },
    { header: '实施主体统一社会信用代码', kind: 'code', width: 22 },
    { header: '实施编码', kind: 'code', width: 36 },
    { header: '承诺时限', kind: 'text', width: 14 },
  ];
  const rows: Row[] = implementingBodies(catalog, items).map(({ item, level, region, body }, i) => [
    i + 1,
    item.code,
    item.name,
    TIER_NAMES[level],
    region.code,
    region.name,
    body.name,
    body.uscc,
    implementationCodes(body.uscc, region.tier, item)
      .map((c) => (c.handlingItem ? `${c.code} ${c.handlingItem.name}` : c.code))
      .join('\n'),
    durationText(item.timeLimit.promised),
  ]);
  return { name: '实施清单', columns, rows, frozenColumns: 3 };
}

/** A link from excel/ to `rel` (relative to the output root), or an empty cell. */
function linkCell(text: string, rel: string | undefined): { text: string; link: string } | undefined {
  return rel === undefined ? undefined : { text, link: `../${rel}` };
}

function materialsSheet(items: readonly Item[]): SheetSpec {
  const columns: Column[] = [
    ...ITEM_KEY,
    { header: '序号', kind: 'number', width: 6 },
    { header: '材料名称', kind: 'text', maxWidth: 40 },
    { header: '必要性', kind: 'text' },
    { header: '适用情形', kind: 'text', maxWidth: 30 },
    { header: '材料形式', kind: 'text' },
    { header: '纸质份数', kind: 'number' },
    { header: '来源渠道', kind: 'text' },
    { header: '电子证照调取', kind: 'text' },
    { header: '备注', kind: 'text', maxWidth: 40 },
    { header: '审核环节', kind: 'text' },
  ];
  const rows: Row[] = [];
  for (const item of items) {
    item.materials.forEach((material, i) => {
      const checkedAt = item.process.steps.filter((s) => s.materials?.includes(material.id)).map((s) => s.name);
      rows.push([
        item.code,
        item.name,
        i + 1,
        material.name,
        NECESSITY_NAMES[material.necessity],
        material.condition,
        material.forms.map((f) => MATERIAL_FORM_NAMES[f]).join('、'),
        material.copies,
        MATERIAL_SOURCE_NAMES[material.source],
        yesNo(material.eLicense),
        material.note,
        checkedAt.join('、') || undefined,
      ]);
    });
  }
  return { name: '申请材料', columns, rows, frozenColumns: 2 };
}

function stepsSheet(items: readonly Item[]): SheetSpec {
  const columns: Column[] = [
    ...ITEM_KEY,
    { header: '序号', kind: 'number', width: 6 },
    { header: '类别', kind: 'text' },
    { header: '环节名称', kind: 'text', maxWidth: 30 },
    { header: '办理机构', kind: 'text', maxWidth: 30 },
    { header: '办理人员', kind: 'text', maxWidth: 20 },
    { header: '时限', kind: 'text' },
    { header: '审核材料', kind: 'text', maxWidth: 40 },
    { header: '下一环节', kind: 'text', maxWidth: 40 },
    { header: '说明', kind: 'text', maxWidth: 40 },
    // Read back by licat import, so that a step keeps its id when its name is edited.
    { header: '环节标识', kind: 'text', maxWidth: 20, internal: true },
  ];
  const rows: Row[] = [];
  for (const item of items) {
    const nameOf = new Map(item.process.steps.map((s) => [s.id, s.name]));
    const materialName = new Map(item.materials.map((m) => [m.id, m.name]));
    item.process.steps.forEach((step, i) => {
      const next = step.branches
        ? Object.entries(step.branches).map(([label, id]) => `${label} → ${nameOf.get(id) ?? id}`)
        : (step.next ?? []).map((id) => nameOf.get(id) ?? id);
      rows.push([
        item.code,
        item.name,
        i + 1,
        step.branches ? '决定环节' : '办理环节',
        step.name,
        step.office,
        step.role,
        step.limit ? durationText(step.limit) : undefined,
        step.materials?.map((id) => materialName.get(id) ?? id).join('、'),
        next.length > 0 ? next.join('\n') : '（办结）',
        undefined,
        step.id,
      ]);
    });
    (item.process.special ?? []).forEach((special, i) => {
      rows.push([
        item.code,
        item.name,
        item.process.steps.length + i + 1,
        '特殊程序（不计入办理时限）',
        special.name,
        undefined,
        undefined,
        durationText(special.limit),
        undefined,
        undefined,
        special.note,
      ]);
    });
  }
  return { name: '办理流程', columns, rows, frozenColumns: 2 };
}

function feesSheet(items: readonly Item[]): SheetSpec {
  const columns: Column[] = [
    ...ITEM_KEY,
    { header: '收费项目', kind: 'text', maxWidth: 30 },
    { header: '收费标准', kind: 'text', maxWidth: 40 },
    { header: '收费依据', kind: 'text', maxWidth: 50 },
    { header: '可依法减免', kind: 'text' },
  ];
  const rows: Row[] = [];
  for (const item of items) {
    for (const fee of item.fees) rows.push([item.code, item.name, fee.name, fee.standard, fee.basis, yesNo(fee.waivable)]);
  }
  return { name: '收费标准', columns, rows, frozenColumns: 2 };
}

function criteriaSheet(items: readonly Item[]): SheetSpec {
  const columns: Column[] = [
    ...ITEM_KEY,
    { header: '裁量事项', kind: 'text', maxWidth: 30 },
    { header: '适用环节', kind: 'text' },
    { header: '下限（含）', kind: 'number' },
    { header: '上限（不含）', kind: 'number' },
    { header: '单位', kind: 'text' },
    { header: '裁量结果', kind: 'text', maxWidth: 40 },
    { header: '裁量规则', kind: 'text', maxWidth: 50 },
    // Read back by licat import: the rows of one criterion, and its id.
    { header: '裁量标识', kind: 'text', maxWidth: 20, internal: true },
  ];
  const rows: Row[] = [];
  for (const item of items) {
    const nameOf = new Map(item.process.steps.map((s) => [s.id, s.name]));
    for (const criterion of item.criteria ?? []) {
      const step = criterion.step ? (nameOf.get(criterion.step) ?? criterion.step) : undefined;
      if (criterion.rule !== undefined) {
        rows.push([item.code, item.name, criterion.subject, step, undefined, undefined, undefined, undefined, criterion.rule, criterion.id]);
      }
      for (const range of criterion.ranges ?? []) {
        rows.push([item.code, item.name, criterion.subject, step, range.min, range.max, range.unit, range.outcome, undefined, criterion.id]);
      }
    }
  }
  return { name: '自由裁量标准', columns, rows, frozenColumns: 2 };
}

/** Items each department decides at each tier, items accepted nearby, and distinct items. */
function countsSheet(catalog: Catalog, items: readonly Item[]): SheetSpec {
  const tiers: Tier[] = TIERS.filter((tier) => !catalog.meta || catalog.meta.tiers.includes(tier));
  const columns: Column[] = [
    { header: '主管部门', kind: 'text', maxWidth: 30 },
    ...tiers.map((tier): Column => ({ header: `${TIER_NAMES[tier]}级决定`, kind: 'number' })),
    { header: '可就近受理', kind: 'number' },
    { header: '事项数', kind: 'number' },
  ];
  const kinds = catalog.departments?.kinds ?? {};
  const order = departmentOrder(catalog, items);
  const count = (list: readonly Item[]): number[] => [
    ...tiers.map((tier) => list.filter((item) => item.levels.includes(tier)).length),
    list.filter((item) => (item.acceptedAt ?? []).length > 0).length,
    list.length,
  ];
  const rows: Row[] = [];
  for (const department of order) {
    const list = items.filter((item) => item.department === department);
    if (list.length > 0) rows.push([departmentName(kinds, department), ...count(list)]);
  }
  rows.push(['合计', ...count(items)]);
  return { name: '统计', columns, rows };
}
