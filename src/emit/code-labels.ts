import { TIME_UNITS, TIERS } from '../schema/common.js';
import { ITEM_TYPES, SERVICE_OBJECTS } from '../schema/item.js';
import type { Text } from '../i18n/lang.js';
import {
  CROSS_REGION_WORDS,
  HANDLING_FORM_WORDS,
  HANDLING_KIND_WORDS,
  ITEM_TYPE_WORDS,
  MATERIAL_FORM_WORDS,
  MATERIAL_SOURCE_WORDS,
  NECESSITY_WORDS,
  ONLINE_DEPTH_WORDS,
  RESULT_TYPE_WORDS,
  ROLE_WORDS,
  SERVICE_OBJECT_WORDS,
  TIER_LABELS,
  TIME_UNIT_WORDS,
} from '../schema/vocabulary.js';

/** One code with its Chinese and English label. */
export interface CodeLabel {
  code: string;
  zh: string;
  en: string;
}

/**
 * Every code list a feed uses, with Chinese and English labels: the single table the code lists
 * of `dist/codes/labels.json` and the `codes` table of the database are made from, in the words
 * of schema/vocabulary.ts. Department kinds are not here: their labels come from departments.yaml.
 */
export const CODE_LISTS: Readonly<Record<string, readonly CodeLabel[]>> = {
  itemType: labels(ITEM_TYPES, ITEM_TYPE_WORDS),
  serviceObject: labels(SERVICE_OBJECTS, SERVICE_OBJECT_WORDS),
  tier: labels(TIERS, TIER_LABELS),
  role: labels(['decides', 'accepts'] as const, ROLE_WORDS),
  handlingKind: labels(['instant', 'promised'] as const, HANDLING_KIND_WORDS),
  handlingForm: labels(['window', 'online', 'post'] as const, HANDLING_FORM_WORDS),
  crossRegion: labels(['none', 'city', 'province', 'national'] as const, CROSS_REGION_WORDS),
  onlineDepth: labels(['1', '2', '3', '4'] as const, ONLINE_DEPTH_WORDS),
  resultType: labels(['certificate', 'approval', 'filing', 'other'] as const, RESULT_TYPE_WORDS),
  necessity: labels(['required', 'conditional', 'optional'] as const, NECESSITY_WORDS),
  materialForm: labels(['paper', 'electronic'] as const, MATERIAL_FORM_WORDS),
  materialSource: labels(['applicant', 'government', 'intermediary'] as const, MATERIAL_SOURCE_WORDS),
  timeUnit: labels(TIME_UNITS, TIME_UNIT_WORDS),
};

/** The codes of a list, in order, each with its words. */
function labels<C extends string>(codes: readonly C[], words: { readonly [code in C]: Text }): CodeLabel[] {
  return codes.map((code) => ({ code, zh: words[code].zh, en: words[code].en }));
}
