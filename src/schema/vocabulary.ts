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
