import { t, type Text } from '../i18n/lang.js';
import type { Duration, Tier } from './common.js';

/**
 * The words for the catalog's terms in both languages, in one place: validate's messages, the
 * Excel directory, the service guides, the flowcharts, stats and diff all take them from here,
 * so that a tier or a time limit reads the same everywhere. Documents people read in Chinese
 * (Excel, guides, flowcharts) use `.zh`.
 */

/** The tiers of government: 省 province … 村（社区） village. */
export const TIER_WORDS: { readonly [tier in Tier]: Text } = {
  province: t('省', 'province'),
  city: t('市', 'city'),
  county: t('县（区）', 'county'),
  town: t('镇（街道）', 'town'),
  village: t('村（社区）', 'village'),
};

/** The Chinese name of each tier, as documents print it. */
export const TIER_NAMES: { readonly [tier in Tier]: string } = {
  province: TIER_WORDS.province.zh,
  city: TIER_WORDS.city.zh,
  county: TIER_WORDS.county.zh,
  town: TIER_WORDS.town.zh,
  village: TIER_WORDS.village.zh,
};

/**
 * A number of working days: `10 个工作日` / `10 working days`. `shown` is the number as printed
 * (with digit grouping, say); the plural follows `n`.
 * @example workingDaysWords(1).en // '1 working day'
 */
export function workingDaysWords(n: number, shown = String(n)): Text {
  return t(`${shown} 个工作日`, `${shown} working day${n === 1 ? '' : 's'}`);
}

/**
 * A time limit in words: `10 个工作日` / `10 working days`, `10 个自然日` / `10 calendar days`,
 * `即办` / `instant`.
 * @example durationWords({ value: 5, unit: 'calendar-day' }).zh // '5 个自然日'
 */
export function durationWords(d: Duration): Text {
  if (d.unit === 'instant') return t('即办', 'instant');
  if (d.unit === 'working-day') return workingDaysWords(d.value);
  return t(`${d.value} 个自然日`, `${d.value} calendar day${d.value === 1 ? '' : 's'}`);
}

/**
 * The catalog's code lists in both languages: each code with the label documents print (`.zh`:
 * the Excel directory, guides, flowcharts, the site) and portals show (`dist/codes/labels.json`
 * and the database's `codes` table carry both). Keys are the codes the schema accepts; the
 * schema (item.ts) and the documents (emit/labels.ts) take their names from here.
 */
export const ITEM_TYPE_WORDS = {
  '01': t('行政许可', 'Administrative licensing'),
  '02': t('行政处罚', 'Administrative penalty'),
  '03': t('行政强制', 'Administrative enforcement'),
  '04': t('行政征收', 'Administrative levy'),
  '05': t('行政给付', 'Administrative payment'),
  '06': t('行政检查', 'Administrative inspection'),
  '07': t('行政确认', 'Administrative confirmation'),
  '08': t('行政奖励', 'Administrative reward'),
  '09': t('行政裁决', 'Administrative adjudication'),
  '10': t('其他行政权力', 'Other administrative power'),
  '20': t('公共服务', 'Public service'),
} as const satisfies Record<string, Text>;

export const SERVICE_OBJECT_WORDS = {
  '1': t('自然人', 'Natural person'),
  '2': t('企业法人', 'Enterprise legal person'),
  '3': t('事业法人', 'Public institution legal person'),
  '4': t('社会组织法人', 'Social organisation legal person'),
  '5': t('非法人企业', 'Unincorporated enterprise'),
  '6': t('行政机关', 'Administrative body'),
  '9': t('其他组织', 'Other organisation'),
} as const satisfies Record<string, Text>;

/** Tiers as a code list labels them (a title, not a word in a sentence: see TIER_WORDS). */
export const TIER_LABELS: { readonly [tier in Tier]: Text } = {
  province: t(TIER_WORDS.province.zh, 'Province'),
  city: t(TIER_WORDS.city.zh, 'City'),
  county: t(TIER_WORDS.county.zh, 'County (district)'),
  town: t(TIER_WORDS.town.zh, 'Town (sub-district)'),
  village: t(TIER_WORDS.village.zh, 'Village (community)'),
};

/** A hall's role for an item it offers. */
export const ROLE_WORDS = {
  decides: t('本级决定', 'Decides'),
  accepts: t('就近受理', 'Accepts on behalf of the deciding body'),
} as const satisfies Record<string, Text>;

export const HANDLING_KIND_WORDS = {
  instant: t('即办件', 'Decided on the spot'),
  promised: t('承诺件', 'Decided within the commitment limit'),
} as const satisfies Record<string, Text>;

export const HANDLING_FORM_WORDS = {
  window: t('窗口办理', 'At the window'),
  online: t('网上办理', 'Online'),
  post: t('快递申请', 'By post'),
} as const satisfies Record<string, Text>;

export const CROSS_REGION_WORDS = {
  none: t('不通办', 'Local only'),
  city: t('全市通办', 'Anywhere in the city'),
  province: t('全省通办', 'Anywhere in the province'),
  national: t('跨省通办', 'Across provinces'),
} as const satisfies Record<string, Text>;

/** Guangdong grades online handling I-IV; IV is full online handling (全程网办). */
export const ONLINE_DEPTH_WORDS = {
  1: t('一级（网上咨询、信息公开）', 'Level I (information online)'),
  2: t('二级（网上下载表格）', 'Level II (forms online)'),
  3: t('三级（网上预审）', 'Level III (online pre-review)'),
  4: t('四级（全程网办）', 'Level IV (full online handling)'),
} as const satisfies Record<number, Text>;

export const RESULT_TYPE_WORDS = {
  certificate: t('证照', 'Certificate or licence'),
  approval: t('批文', 'Approval document'),
  filing: t('备案', 'Filing'),
  other: t('其他', 'Other'),
} as const satisfies Record<string, Text>;

export const NECESSITY_WORDS = {
  required: t('必要', 'Required'),
  conditional: t('情形必要', 'Required in stated cases'),
  optional: t('非必要', 'Optional'),
} as const satisfies Record<string, Text>;

export const MATERIAL_FORM_WORDS = {
  paper: t('纸质', 'Paper'),
  electronic: t('电子', 'Electronic'),
} as const satisfies Record<string, Text>;

export const MATERIAL_SOURCE_WORDS = {
  applicant: t('申请人自备', 'Provided by the applicant'),
  government: t('政府部门核发', 'Issued by a government body'),
  intermediary: t('中介机构出具', 'Issued by an intermediary'),
} as const satisfies Record<string, Text>;

/** Time units as a code list labels them. */
export const TIME_UNIT_WORDS = {
  'working-day': t('工作日', 'Working days'),
  'calendar-day': t('自然日', 'Calendar days'),
  instant: t('即办', 'On the spot'),
} as const satisfies Record<string, Text>;

/**
 * The Chinese label of every code of a list, as documents print them.
 * @example zhNames(NECESSITY_WORDS).required // '必要'
 */
export function zhNames<K extends PropertyKey>(words: { readonly [k in K]: Text }): { readonly [k in K]: string } {
  return Object.fromEntries(Object.entries(words).map(([code, text]) => [code, (text as Text).zh])) as { readonly [k in K]: string };
}
