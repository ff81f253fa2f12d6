import { fewestWorkingDays, mostWorkingDays } from '../model/time-limit.js';
import type { Duration } from '../schema/common.js';
import type { LimitChange } from './diff-result.js';

/** The working days a limit can stand for: exact for working days and instant, a range for calendar days. */
export function workingDayRange(limit: Duration): [number, number] {
  return [fewestWorkingDays(limit), mostWorkingDays(limit)];
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
      const days = (value: number) => fewestWorkingDays({ value, unit: 'calendar-day' });
      return { from, to, cut: days(d), added: days(-d), exact: false };
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
