import type { Duration, Tier } from '../schema/common.js';
import { durationWords, TIER_NAMES } from '../schema/vocabulary.js';
import type { Item, Material } from '../schema/item.js';
import { ITEM_TYPE_NAMES, SERVICE_OBJECT_NAMES } from '../schema/item.js';

/**
 * Chinese wording of the catalog's code values, as the documents people read (the Excel
 * directory, flowcharts, service guides) print them. Feeds keep the codes themselves.
 */

export const NECESSITY_NAMES: Record<Material['necessity'], string> = {
  required: '必要',
  conditional: '情形必要',
  optional: '非必要',
};
export const MATERIAL_FORM_NAMES: Record<Material['forms'][number], string> = { paper: '纸质', electronic: '电子' };
export const MATERIAL_SOURCE_NAMES: Record<Material['source'], string> = {
  applicant: '申请人自备',
  government: '政府部门核发',
  intermediary: '中介机构出具',
};
export const RESULT_TYPE_NAMES: Record<Item['result']['type'], string> = {
  certificate: '证照',
  approval: '批文',
  filing: '备案',
  other: '其他',
};
export const HANDLING_KIND_NAMES: Record<Item['handling']['kind'], string> = { instant: '即办件', promised: '承诺件' };
export const HANDLING_FORM_NAMES: Record<Item['handling']['forms'][number], string> = {
  window: '窗口办理',
  online: '网上办理',
  post: '快递申请',
};
export const CROSS_REGION_NAMES: Record<Item['handling']['crossRegion'], string> = {
  none: '不通办',
  city: '全市通办',
  province: '全省通办',
  national: '跨省通办',
};
/** Guangdong grades online handling I-IV; IV is full online handling (全程网办). */
export const ONLINE_DEPTH_NAMES: Record<number, string> = {
  1: '一级（网上咨询、信息公开）',
  2: '二级（网上下载表格）',
  3: '三级（网上预审）',
  4: '四级（全程网办）',
};

/** `{value: 10, unit: 'working-day'}` → `10 个工作日`; instant → `即办` (schema/vocabulary.ts). */
export function durationText(d: Duration): string {
  return durationWords(d).zh;
}

export function itemTypeName(type: Item['type']): string {
  return ITEM_TYPE_NAMES[type];
}

export function serviceObjectNames(objects: Item['serviceObjects']): string {
  return objects.map((o) => SERVICE_OBJECT_NAMES[o]).join('、');
}

export function tierNames(tiers: readonly Tier[] | undefined): string {
  return (tiers ?? []).map((tier) => TIER_NAMES[tier]).join('、');
}

export function onlineDepthName(depth: number): string {
  return ONLINE_DEPTH_NAMES[depth] ?? String(depth);
}

/** Visits to the hall: `0 次（零跑动）`-style wording with the reason when above zero. */
export function visitsText(handling: Item['handling']): string {
  if (handling.visits === 0) return '0 次（零跑动）';
  return handling.visitReason ? `${handling.visits} 次（${handling.visitReason}）` : `${handling.visits} 次`;
}

/** The department kind's Chinese name, or its key when departments.yaml lacks it. */
export function departmentName(kinds: Record<string, { name: string }> | undefined, key: string): string {
  // Own keys only: a kind named `constructor` is not Object's.
  return kinds && Object.hasOwn(kinds, key) ? kinds[key]!.name : key;
}
