import type { Text } from '../i18n/lang.js';
import type { Duration } from '../schema/common.js';
import { durationWords } from '../schema/vocabulary.js';

/**
 * Comparing time limits across units, conservatively: a limit is said to fit another only when
 * it fits however the days fall. A span is counted from the day after the start; a working week
 * has five working days and two rest days. Public holidays are not modelled: they only lengthen a
 * span of working days, so a limit that fits here may still be tight in a holiday week.
 * docs/rules.md (time-limit-order) states the same rules for users.
 */

/**
 * The longest calendar span `d` can take: W working days span at most W + 2·⌈W/5⌉ calendar days
 * (started on a Friday, every weekend falls inside).
 * @example longestCalendarDays({ value: 5, unit: 'working-day' }) // 7
 */
export function longestCalendarDays(d: Duration): number {
  if (d.unit === 'instant' || d.value <= 0) return 0;
  if (d.unit === 'calendar-day') return d.value;
  return d.value + 2 * Math.ceil(d.value / 5);
}

/**
 * The shortest calendar span `d` can take: W working days span at least W + 2·⌊(W-1)/5⌋ calendar
 * days (started on a Sunday, as few weekends as possible fall inside).
 * @example shortestCalendarDays({ value: 6, unit: 'working-day' }) // 8
 */
export function shortestCalendarDays(d: Duration): number {
  if (d.unit === 'instant' || d.value <= 0) return 0;
  if (d.unit === 'calendar-day') return d.value;
  return d.value + 2 * Math.floor((d.value - 1) / 5);
}

/**
 * The most working days a duration can hold: C calendar days hold at most 5·⌊C/7⌋ + min(C mod 7, 5).
 * @example mostWorkingDays({ value: 10, unit: 'calendar-day' }) // 8
 */
export function mostWorkingDays(d: Duration): number {
  if (d.unit === 'instant' || d.value <= 0) return 0;
  if (d.unit === 'working-day') return d.value;
  return 5 * Math.floor(d.value / 7) + Math.min(d.value % 7, 5);
}

/**
 * The fewest working days a duration is sure to hold: C calendar days hold at least
 * 5·⌊C/7⌋ + max(0, C mod 7 − 2) (two of the remaining days may be a weekend).
 * @example fewestWorkingDays({ value: 10, unit: 'calendar-day' }) // 6
 */
export function fewestWorkingDays(d: Duration): number {
  if (d.unit === 'instant' || d.value <= 0) return 0;
  if (d.unit === 'working-day') return d.value;
  return 5 * Math.floor(d.value / 7) + Math.max(0, (d.value % 7) - 2);
}

/**
 * Whether `a` may take longer than `b` on some calendar: false only when `a` fits within `b`
 * however the days fall.
 * @example mayExceed({ value: 15, unit: 'working-day' }, { value: 20, unit: 'calendar-day' }) // true
 */
export function mayExceed(a: Duration, b: Duration): boolean {
  if (a.unit === 'instant' || a.value <= 0) return false;
  if (b.unit === 'instant') return true;
  if (a.unit === b.unit) return a.value > b.value;
  return longestCalendarDays(a) > shortestCalendarDays(b);
}

/** A time limit in words: `10 个工作日` / `10 working days` (schema/vocabulary.ts). */
export function formatDuration(d: Duration): Text {
  return durationWords(d);
}
