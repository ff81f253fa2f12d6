import { describe, expect, it } from 'vitest';
import { words } from '../../src/diff/format/words.js';
import { durationText, tierNames } from '../../src/emit/labels.js';
import { formatDuration } from '../../src/model/time-limit.js';
import { TIERS, type Duration } from '../../src/schema/common.js';
import { durationWords, TIER_NAMES, TIER_WORDS } from '../../src/schema/vocabulary.js';
import { checkInline, sampleItem } from '../inline.js';
import { computeStats } from '../../src/stats/compute-stats.js';
import { statsTables } from '../../src/stats/stats-tables.js';

const DURATIONS: Duration[] = [
  { value: 0, unit: 'instant' },
  { value: 1, unit: 'working-day' },
  { value: 20, unit: 'working-day' },
  { value: 1, unit: 'calendar-day' },
  { value: 60, unit: 'calendar-day' },
];

describe('one vocabulary', () => {
  it('words a time limit the same in validate messages, documents and diff', () => {
    expect(DURATIONS.map((d) => durationWords(d).zh)).toEqual(['即办', '1 个工作日', '20 个工作日', '1 个自然日', '60 个自然日']);
    expect(DURATIONS.map((d) => durationWords(d).en)).toEqual(['instant', '1 working day', '20 working days', '1 calendar day', '60 calendar days']);
    for (const d of DURATIONS) {
      expect(formatDuration(d)).toEqual(durationWords(d));
      expect(durationText(d)).toBe(durationWords(d).zh);
      expect(words('zh').duration(d)).toBe(durationWords(d).zh);
      expect(words('en').duration(d)).toBe(durationWords(d).en);
    }
    expect(words('en').days(1234)).toBe('1,234 working days');
  });

  it('names the tiers the same in documents, diff and stats', () => {
    expect(TIERS.map((tier) => TIER_NAMES[tier])).toEqual(['省', '市', '县（区）', '镇（街道）', '村（社区）']);
    expect(tierNames([...TIERS])).toBe('省、市、县（区）、镇（街道）、村（社区）');
    for (const tier of TIERS) {
      expect(words('zh').tier(tier)).toBe(TIER_WORDS[tier].zh);
      expect(words('en').tier(tier)).toBe(TIER_WORDS[tier].en);
    }
    const stats = computeStats(checkInline({ 'items/food.yaml': sampleItem() }).catalog);
    for (const lang of ['zh', 'en'] as const) {
      const byTier = statsTables(stats, lang)[0]!;
      expect(byTier.rows.slice(0, TIERS.length).map((row) => row[0])).toEqual(TIERS.map((tier) => TIER_WORDS[tier][lang]));
    }
  });
});
