import { describe, expect, it } from 'vitest';
import { computeStats, spread } from '../../src/stats/compute-stats.js';
import { formatStatsMarkdown } from '../../src/stats/format-markdown.js';
import { formatStatsText } from '../../src/stats/format-text.js';
import { checkInline } from '../inline.js';
import { FIXTURE } from '../feeds/fixture.js';
import { licat } from '../helpers.js';
import { writeSmallCatalog } from '../build/catalogs.js';

const HANDLING = 'handling:\n  kind: promised\n  visits: 0\n  onlineDepth: 4\n  mobile: true\n';

/**
 * The feeds fixture with three different handling profiles:
 * food-business: promised, 0 visits, online depth 4, mobile;
 * homestead: promised, 1 visit, depth 3, not mobile;
 * the provincial item: instant, 2 visits, depth 2, not mobile.
 */
const FILES = {
  ...FIXTURE,
  'items/homestead.yaml': FIXTURE['items/homestead.yaml']!.replace(
    HANDLING,
    'handling:\n  kind: promised\n  visits: 1\n  visitReason: 现场踏勘时申请人须到场指界。\n  onlineDepth: 3\n  mobile: false\n',
  ),
  'items/province.yaml': FIXTURE['items/province.yaml']!.replace(
    HANDLING,
    'handling:\n  kind: instant\n  visits: 2\n  visitReason: 提交样品并现场核验原件。\n  onlineDepth: 2\n  mobile: false\n',
  ),
};

describe('licat stats', () => {
  const { catalog } = checkInline(FILES);
  const stats = computeStats(catalog);

  it('the fixture really has three handling profiles', () => {
    expect(catalog.items.map((e) => e.item.handling.visits).sort()).toEqual([0, 1, 2]);
  });

  it('counts items per tier, decided and accepted, and per department', () => {
    expect(stats.items.total).toBe(3);
    expect(stats.items.byTier).toEqual({
      province: { decided: 1, accepted: 0 },
      city: { decided: 0, accepted: 1 },
      county: { decided: 1, accepted: 0 },
      town: { decided: 1, accepted: 1 },
      village: { decided: 0, accepted: 1 },
    });
    expect(stats.items.byDepartment).toEqual([
      { department: 'market', name: '市场监督管理局', items: 2 },
      { department: 'town-gov', name: '镇人民政府（街道办事处）', items: 1 },
    ]);
  });

  it('gives the zero-visit, one-visit, full-online, instant and mobile shares', () => {
    const third = { count: 1, share: 0.3333 };
    expect(stats.handling).toEqual({ zeroVisit: third, oneVisit: third, fullOnline: third, instant: third, mobile: third });
  });

  it('counts halls per tier and those offering items', () => {
    expect(stats.halls.total).toBe(10);
    expect(stats.halls.byTier).toEqual({
      province: { halls: 1, offering: 1 },
      city: { halls: 2, offering: 2 },
      county: { halls: 1, offering: 1 },
      town: { halls: 3, offering: 2 },
      village: { halls: 3, offering: 2 },
    });
  });

  it('gives items per hall as min, median and max, per tier and overall', () => {
    // Per hall: 440000 1 | 440100 1, 441900 2 | 440106 1 | 440106001 2, 440106002 0, 441900003 2 | villages 1, 0, 1.
    expect(stats.itemsPerHall.all).toEqual({ min: 0, median: 1, max: 2 });
    expect(stats.itemsPerHall.byTier.city).toEqual({ min: 1, median: 1.5, max: 2 });
    expect(stats.itemsPerHall.byTier.town).toEqual({ min: 0, median: 2, max: 2 });
    expect(stats.itemsPerHall.byTier.village).toEqual({ min: 0, median: 1, max: 1 });
    expect(stats.offerings).toEqual({ total: 11, decided: 5, accepted: 6 });
  });

  it('has no shares and no spread for an empty catalog', () => {
    const empty = computeStats(checkInline({}).catalog);
    expect(empty.handling.zeroVisit).toEqual({ count: 0, share: null });
    expect(spread([])).toBeNull();
    expect(formatStatsText(empty, 'en')).toContain('zero visits');
  });

  it('renders a table and Markdown in either language', () => {
    const text = formatStatsText(stats, 'en');
    expect(text).toMatch(/zero visits +1 +33\.3%/);
    expect(text).toMatch(/village +3 +2/);
    expect(formatStatsText(stats, 'zh')).toMatch(/零跑动 +1 +33\.3%/);
    const md = formatStatsMarkdown(stats, 'en');
    expect(md).toContain('| zero visits | 1 | 33.3% |');
    expect(md).toContain('| indicator | items | share |\n| --- | ---: | ---: |');
    expect(md).toContain('| city | 1 | 1.5 | 2 |');
  });

  it('prints JSON from the command line, and refuses an unknown format', () => {
    const dir = writeSmallCatalog(Object.fromEntries(Object.entries(FILES).filter(([k]) => k.startsWith('items/'))));
    const r = licat(['stats', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.handling.oneVisit).toEqual({ count: 1, share: 0.3333 });
    expect(json.itemsPerHall.all).toEqual({ min: 0, median: 1, max: 2 });
    const bad = licat(['stats', dir, '--format', 'pdf', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format pdf');
  });
});
