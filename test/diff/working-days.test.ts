import { describe, expect, it } from 'vitest';
import { limitChange } from '../../src/diff/working-days.js';
import { fewestWorkingDays, mostWorkingDays } from '../../src/model/time-limit.js';

const wd = (value: number) => ({ value, unit: 'working-day' as const });
const cd = (value: number) => ({ value, unit: 'calendar-day' as const });

describe('working days in calendar days', () => {
  it('finds the fewest and most weekdays any run of days can hold', () => {
    // Checked against every start day of the week: brute force over a real calendar week.
    for (let days = 0; days <= 60; days++) {
      let fewest = Infinity;
      let most = 0;
      for (let start = 0; start < 7; start++) {
        let n = 0;
        for (let d = 0; d < days; d++) if ((start + d) % 7 < 5) n++;
        fewest = Math.min(fewest, n);
        most = Math.max(most, n);
      }
      expect([days, fewestWorkingDays({ value: days, unit: 'calendar-day' }), mostWorkingDays({ value: days, unit: 'calendar-day' })]).toEqual([
        days,
        fewest,
        most,
      ]);
    }
  });
});

describe('limitChange', () => {
  it('is exact between working days and instant', () => {
    expect(limitChange(wd(10), wd(5))).toMatchObject({ cut: 5, added: 0, exact: true });
    expect(limitChange(wd(5), wd(8))).toMatchObject({ cut: 0, added: 3, exact: true });
    expect(limitChange(wd(7), { value: 0, unit: 'instant' })).toMatchObject({ cut: 7, added: 0, exact: true });
    expect(limitChange(wd(5), wd(5))).toBeUndefined();
  });

  it('counts a calendar-day cut as the working days the cut days surely hold', () => {
    // 30 -> 20 calendar days: the 10 days cut hold at least 6 working days.
    expect(limitChange(cd(30), cd(20))).toMatchObject({ cut: 6, added: 0, exact: false });
    expect(limitChange(cd(20), cd(22))).toMatchObject({ cut: 0, added: 0, exact: false });
  });

  it('takes each side at its least favourable reading when the units differ', () => {
    expect(limitChange(cd(30), wd(15))).toMatchObject({ cut: 5, added: 0 });
    expect(limitChange(wd(20), cd(20))).toMatchObject({ cut: 5, added: 0 });
    // 13 calendar days hold 9 or 10 working days: against 10 working days, no sure change either way.
    expect(limitChange(wd(10), cd(13))).toMatchObject({ cut: 0, added: 0, exact: false });
    // 14 calendar days always hold exactly 10.
    expect(limitChange(wd(12), cd(14))).toMatchObject({ cut: 2, added: 0, exact: true });
  });
});
