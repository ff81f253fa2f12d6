import type { Duration } from '../schema/common.js';
import type { LimitChange } from './diff-result.js';

/**
 * The fewest working days any run of `days` consecutive calendar days contains: five per whole
 * week, and of the remaining days all but two (they may fall on a weekend). Public holidays are
 * not modelled, so this is a count of weekdays.
 * @example fewestWorkingDays(10) // 6: one whole week (5) and 3 more days of which 2 may be a weekend
 */
export function fewestWorkingDays(days: number): number {
  if (days <= 0) return 0;
  return 5 * Math.floor(days / 7) + Math.max(0, (days % 7) - 2);
}

/** The most working days any run of `days` consecutive calendar days contains. */
export function mostWorkingDays(days: number): number {
  if (days <= 0) return 0;
  return 5 * Math.floor(days / 7) + Math.min(days % 7, 5);
}

/** The working days a limit can stand for: exact for working days and instant, a range for calendar days. */
export function workingDayRange(limit: Duration): [number, number] {
  if (limit.unit === 'instant') return [0, 0];
  if (limit.unit === 'working-day') return [limit.value, limit.value];
  return [fewestWorkingDays(limit.value), mostWorkingDays(limit.value)];
}

/**
 * How a time limit changed, in working days the change is sure to make. Both limits count from
 * the same day (acceptance), so with the same unit the difference is a run of consecutive days:
 * a cut of 10 calendar days is sure to cut 6 working days. With different units each side is
 * taken at its least favourable reading: the longer side at its fewest working days, the shorter
 * at its most. The figure never overstates a cut or an increase.
 * @example limitChange({value: 30, unit: 'calendar-day'}, {value: 15, unit: 'working-day'}) // cut 5
 */
export function limitChange(from: Duration, to: Duration): LimitChange | undefined {
  if (from.unit === to.unit && from.value === to.value) return undefined;
  if (from.unit === to.unit) {
    const d = from.value - to.value;
    if (from.unit === 'calendar-day') {
      return { from, to, cut: fewestWorkingDays(d), added: fewestWorkingDays(-d), exact: false };
    }
    return { from, to, cut: Math.max(0, d), added: Math.max(0, -d), exact: true };
  }
  const [fromLow, fromHigh] = workingDayRange(from);
  const [toLow, toHigh] = workingDayRange(to);
  return {
    from,
    to,
    cut: Math.max(0, fromLow - toHigh),
    added: Math.max(0, toLow - fromHigh),
    exact: fromLow === fromHigh && toLow === toHigh,
  };
}
