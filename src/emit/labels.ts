import type { Duration, Tier } from '../schema/common.js';
import {
  CROSS_REGION_WORDS,
  durationWords,
  HANDLING_FORM_WORDS,
  HANDLING_KIND_WORDS,
  MATERIAL_FORM_WORDS,
  MATERIAL_SOURCE_WORDS,
  NECESSITY_WORDS,
  ONLINE_DEPTH_WORDS,
  RESULT_TYPE_WORDS,
  TIER_NAMES,
  zhNames,
} from '../schema/vocabulary.js';
import type { Item, Material } from '../schema/item.js';
import { ITEM_TYPE_NAMES, SERVICE_OBJECT_NAMES } from '../schema/item.js';

/**
 * Chinese wording of the catalog's code values, as the documents people read (the Excel
 * directory, flowcharts, service guides) print them; the words themselves, in both languages,
 * are schema/vocabulary.ts's. Feeds keep the codes themselves.
 */

export const NECESSITY_NAMES: Readonly<Record<Material['necessity'], string>> = zhNames(NECESSITY_WORDS);
export const MATERIAL_FORM_NAMES: Readonly<Record<Material['forms'][number], string>> = zhNames(MATERIAL_FORM_WORDS);
export const MATERIAL_SOURCE_NAMES: Readonly<Record<Material['source'], string>> = zhNames(MATERIAL_SOURCE_WORDS);
export const RESULT_TYPE_NAMES: Readonly<Record<Item['result']['type'], string>> = zhNames(RESULT_TYPE_WORDS);
export const HANDLING_KIND_NAMES: Readonly<Record<Item['handling']['kind'], string>> = zhNames(HANDLING_KIND_WORDS);
export const HANDLING_FORM_NAMES: Readonly<Record<Item['handling']['forms'][number], string>> = zhNames(HANDLING_FORM_WORDS);
export const CROSS_REGION_NAMES: Readonly<Record<Item['handling']['crossRegion'], string>> = zhNames(CROSS_REGION_WORDS);
/** Guangdong grades online handling I-IV; IV is full online handling (全程网办). */
export const ONLINE_DEPTH_NAMES: Readonly<Record<number, string>> = zhNames(ONLINE_DEPTH_WORDS);

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
