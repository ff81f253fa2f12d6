import { TIME_UNITS, TIERS } from '../schema/common.js';
import { TIER_NAMES } from '../schema/vocabulary.js';
import { ITEM_TYPE_NAMES, ITEM_TYPES, SERVICE_OBJECT_NAMES, SERVICE_OBJECTS } from '../schema/item.js';
import {
  CROSS_REGION_NAMES,
  HANDLING_FORM_NAMES,
  HANDLING_KIND_NAMES,
  MATERIAL_FORM_NAMES,
  MATERIAL_SOURCE_NAMES,
  NECESSITY_NAMES,
  ONLINE_DEPTH_NAMES,
  RESULT_TYPE_NAMES,
} from './labels.js';

/** One code with its Chinese and English label. */
export interface CodeLabel {
  code: string;
  zh: string;
  en: string;
}

/**
 * Every code list a feed uses, with Chinese and English labels: the single table the code lists
 * of `dist/codes/labels.json` and the `codes` table of the database are made from. Chinese labels
 * come from the project's vocabulary (schema/item.ts, schema/common.ts, emit/labels.ts); English
 * ones are given here. Department kinds are not here: their labels come from departments.yaml.
 */
export const CODE_LISTS: Readonly<Record<string, readonly CodeLabel[]>> = {
  itemType: bilingual(ITEM_TYPES, ITEM_TYPE_NAMES, {
    '01': 'Administrative licensing',
    '02': 'Administrative penalty',
    '03': 'Administrative enforcement',
    '04': 'Administrative levy',
    '05': 'Administrative payment',
    '06': 'Administrative inspection',
    '07': 'Administrative confirmation',
    '08': 'Administrative reward',
    '09': 'Administrative adjudication',
    '10': 'Other administrative power',
    '20': 'Public service',
  }),
  serviceObject: bilingual(SERVICE_OBJECTS, SERVICE_OBJECT_NAMES, {
    '1': 'Natural person',
    '2': 'Enterprise legal person',
    '3': 'Public institution legal person',
    '4': 'Social organisation legal person',
    '5': 'Unincorporated enterprise',
    '6': 'Administrative body',
    '9': 'Other organisation',
  }),
  tier: bilingual(TIERS, TIER_NAMES, {
    province: 'Province',
    city: 'City',
    county: 'County (district)',
    town: 'Town (sub-district)',
    village: 'Village (community)',
  }),
  role: bilingual(
    ['decides', 'accepts'] as const,
    { decides: '本级决定', accepts: '就近受理' },
    { decides: 'Decides', accepts: 'Accepts on behalf of the deciding body' },
  ),
  handlingKind: bilingual(['instant', 'promised'] as const, HANDLING_KIND_NAMES, {
    instant: 'Decided on the spot',
    promised: 'Decided within the commitment limit',
  }),
  handlingForm: bilingual(['window', 'online', 'post'] as const, HANDLING_FORM_NAMES, { window: 'At the window', online: 'Online', post: 'By post' }),
  crossRegion: bilingual(['none', 'city', 'province', 'national'] as const, CROSS_REGION_NAMES, {
    none: 'Local only',
    city: 'Anywhere in the city',
    province: 'Anywhere in the province',
    national: 'Across provinces',
  }),
  onlineDepth: bilingual(
    ['1', '2', '3', '4'] as const,
    { 1: ONLINE_DEPTH_NAMES[1]!, 2: ONLINE_DEPTH_NAMES[2]!, 3: ONLINE_DEPTH_NAMES[3]!, 4: ONLINE_DEPTH_NAMES[4]! },
    {
      1: 'Level I (information online)',
      2: 'Level II (forms online)',
      3: 'Level III (online pre-review)',
      4: 'Level IV (full online handling)',
    },
  ),
  resultType: bilingual(['certificate', 'approval', 'filing', 'other'] as const, RESULT_TYPE_NAMES, {
    certificate: 'Certificate or licence',
    approval: 'Approval document',
    filing: 'Filing',
    other: 'Other',
  }),
  necessity: bilingual(['required', 'conditional', 'optional'] as const, NECESSITY_NAMES, {
    required: 'Required',
    conditional: 'Required in stated cases',
    optional: 'Optional',
  }),
  materialForm: bilingual(['paper', 'electronic'] as const, MATERIAL_FORM_NAMES, { paper: 'Paper', electronic: 'Electronic' }),
  materialSource: bilingual(['applicant', 'government', 'intermediary'] as const, MATERIAL_SOURCE_NAMES, {
    applicant: 'Provided by the applicant',
    government: 'Issued by a government body',
    intermediary: 'Issued by an intermediary',
  }),
  timeUnit: bilingual(
    TIME_UNITS,
    { 'working-day': '工作日', 'calendar-day': '自然日', instant: '即办' },
    { 'working-day': 'Working days', 'calendar-day': 'Calendar days', instant: 'On the spot' },
  ),
};

function bilingual<C extends string>(codes: readonly C[], zh: Readonly<Record<C, string>>, en: Readonly<Record<C, string>>): CodeLabel[] {
  return codes.map((code) => ({ code, zh: zh[code], en: en[code] }));
}
