import { t, type Lang } from '../i18n/lang.js';
import { TIERS, type Tier } from '../schema/common.js';
import { TIER_WORDS } from '../schema/vocabulary.js';
import type { CatalogStats, Share, Spread } from './compute-stats.js';

/** One table of the stats report, before it is rendered as text or Markdown. */
export interface StatsTable {
  title: string;
  columns: string[];
  rows: string[][];
}

/** Is column `i` of a table all figures (right-aligned)? The first column never is. */
export function isFigureColumn(table: StatsTable, i: number): boolean {
  return i > 0 && table.rows.every((row) => /^[\d,.%-]*$/.test(row[i] ?? ''));
}

/** The stats as titled tables in one language; both the text and the Markdown format render these. */
export function statsTables(stats: CatalogStats, lang: Lang): StatsTable[] {
  const L = (zh: string, en: string) => t(zh, en)[lang];
  const tierName = (tier: Tier) => TIER_WORDS[tier][lang];
  const n = (x: number) => x.toLocaleString('en-US');
  const pct = (s: Share) => (s.share === null ? '-' : `${(s.share * 100).toFixed(1)}%`);
  const spreadRow = (label: string, s: Spread) => [label, ...(s ? [n(s.min), fmt(s.median), n(s.max)] : ['-', '-', '-'])];

  return [
    {
      title: L('事项（按层级）', 'Items by tier'),
      columns: [L('层级', 'tier'), L('本级决定', 'decided'), L('代上级受理', 'accepted for a body above')],
      rows: [
        ...TIERS.map((tier) => [tierName(tier), n(stats.items.byTier[tier].decided), n(stats.items.byTier[tier].accepted)]),
        [L('事项总数', 'items in the catalog'), n(stats.items.total), ''],
      ],
    },
    {
      title: L('事项（按部门）', 'Items by department'),
      columns: [L('部门', 'department'), L('名称', 'name'), L('事项', 'items')],
      rows: stats.items.byDepartment.map((d) => [d.department, d.name, n(d.items)]),
    },
    {
      title: L('办理方式', 'Handling'),
      columns: [L('指标', 'indicator'), L('事项', 'items'), L('占比', 'share')],
      rows: [
        [L('零跑动', 'zero visits'), n(stats.handling.zeroVisit.count), pct(stats.handling.zeroVisit)],
        [L('只跑一次', 'one visit'), n(stats.handling.oneVisit.count), pct(stats.handling.oneVisit)],
        [L('全程网办（网办深度 4）', 'full online (depth 4)'), n(stats.handling.fullOnline.count), pct(stats.handling.fullOnline)],
        [L('即办件', 'instant'), n(stats.handling.instant.count), pct(stats.handling.instant)],
        [L('移动端可办', 'mobile'), n(stats.handling.mobile.count), pct(stats.handling.mobile)],
      ],
    },
    {
      title: L('大厅', 'Halls'),
      columns: [L('层级', 'tier'), L('大厅', 'halls'), L('有事项的大厅', 'offering items')],
      rows: [
        ...TIERS.map((tier) => [tierName(tier), n(stats.halls.byTier[tier].halls), n(stats.halls.byTier[tier].offering)]),
        [L('合计', 'total'), n(stats.halls.total), n(TIERS.reduce((sum, tier) => sum + stats.halls.byTier[tier].offering, 0))],
      ],
    },
    {
      title: L('每个大厅的事项数', 'Items per hall'),
      columns: [L('层级', 'tier'), L('最少', 'min'), L('中位数', 'median'), L('最多', 'max')],
      rows: [...TIERS.map((tier) => spreadRow(tierName(tier), stats.itemsPerHall.byTier[tier])), spreadRow(L('全部大厅', 'all halls'), stats.itemsPerHall.all)],
    },
    {
      title: L('办理关系（大厅 × 事项）', 'Offerings (hall × item)'),
      columns: [L('角色', 'role'), L('数量', 'count')],
      rows: [
        [L('本级决定', 'decided'), n(stats.offerings.decided)],
        [L('代上级受理', 'accepted for a body above'), n(stats.offerings.accepted)],
        [L('合计', 'total'), n(stats.offerings.total)],
      ],
    },
  ];
}

function fmt(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(1);
}
