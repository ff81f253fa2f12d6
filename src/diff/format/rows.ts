import { TIERS } from '../../schema/common.js';
import type { DiffResult, SideInfo } from '../diff-result.js';
import type { Words } from './words.js';

/** `HEAD~1 (3f2a9c1d0e12)` for a revision, the folder path for a folder. */
export function sideLabel(side: SideInfo): string {
  return side.kind === 'revision' && side.commit ? `${side.source} (${side.commit.slice(0, 12)})` : side.source;
}

/** The reform figures as [label, value] rows, shared by the table and markdown formats. */
export function figureRows(result: DiffResult, w: Words): Array<[string, string]> {
  const f = result.figures;
  const zh = w.lang === 'zh';
  const rows: Array<[string, string]> = [];
  const bound =
    f.promised.inexact > 0
      ? zh
        ? `；其中 ${f.promised.inexact} 个涉及自然日，按下限计`
        : `; ${f.promised.inexact} in calendar days, counted at the lower bound`
      : '';
  rows.push([
    zh ? '承诺时限压减' : 'promised time cut',
    `${w.days(f.promised.cutDays)}${zh ? `（${w.items(f.promised.itemsCut)}${bound}）` : ` (${w.items(f.promised.itemsCut)}${bound})`}`,
  ]);
  rows.push([
    zh ? '承诺时限增加' : 'promised time added',
    `${w.days(f.promised.addedDays)}${zh ? `（${w.items(f.promised.itemsLengthened)}）` : ` (${w.items(f.promised.itemsLengthened)})`}`,
  ]);
  rows.push([
    zh ? '法定时限变更' : 'statutory limits changed',
    zh
      ? `${w.items(f.statutory.changed)}（缩短 ${f.statutory.shortened}，延长 ${f.statutory.lengthened}）`
      : `${w.items(f.statutory.changed)} (${f.statutory.shortened} shortened, ${f.statutory.lengthened} lengthened)`,
  ]);
  const trio = (x: { removed: number; added: number; changed: number }, changedWord: [string, string]) =>
    zh ? `删除 ${x.removed}，新增 ${x.added}，${changedWord[0]} ${x.changed}` : `${x.removed} removed, ${x.added} added, ${x.changed} ${changedWord[1]}`;
  rows.push([zh ? '办理环节' : 'process steps', trio(f.steps, ['调整', 'changed'])]);
  rows.push([zh ? '申请材料' : 'materials', trio(f.materials, ['规范', 'standardised'])]);
  rows.push([zh ? '收费项目' : 'fees', trio(f.fees, ['调整', 'changed'])]);
  rows.push([
    zh ? '模糊条款' : 'vague clauses',
    zh
      ? `明确或删除 ${f.vagueClauses.removed}，新增 ${f.vagueClauses.introduced}`
      : `${f.vagueClauses.removed} made precise or removed, ${f.vagueClauses.introduced} introduced`,
  ]);
  rows.push([
    zh ? '兜底条款' : 'catch-all clauses',
    zh
      ? `删除 ${f.catchAllClauses.removed}，新增 ${f.catchAllClauses.introduced}`
      : `${f.catchAllClauses.removed} removed, ${f.catchAllClauses.introduced} introduced`,
  ]);
  rows.push([
    zh ? '到现场次数' : 'visits to the hall',
    zh
      ? `减少 ${f.visits.reduced} 次（${w.items(f.visits.itemsReduced)}），增加 ${f.visits.increased} 次（${w.items(f.visits.itemsIncreased)}）`
      : `${f.visits.reduced} fewer (${w.items(f.visits.itemsReduced)}), ${f.visits.increased} more (${w.items(f.visits.itemsIncreased)})`,
  ]);
  rows.push([
    zh ? '全程网办' : 'full online (depth 4)',
    zh
      ? `新增 ${w.items(f.fullOnline.to)}，退出 ${w.items(f.fullOnline.from)}`
      : `${w.items(f.fullOnline.to)} moved to, ${w.items(f.fullOnline.from)} moved off`,
  ]);
  rows.push([
    zh ? '移动端办理' : 'mobile',
    zh ? `新增 ${w.items(f.mobile.to)}，退出 ${w.items(f.mobile.from)}` : `${w.items(f.mobile.to)} moved to, ${w.items(f.mobile.from)} moved off`,
  ]);
  return rows;
}

/** Hall feeds per tier: a header row, then [tier, halls, changed, added, removed] rows, then the total. */
export function hallRows(result: DiffResult, w: Words): string[][] {
  const zh = w.lang === 'zh';
  const rows: string[][] = [[zh ? '大厅数据源' : 'hall feeds', zh ? '大厅' : 'halls', zh ? '变更' : 'changed', zh ? '新增' : 'added', zh ? '删除' : 'removed']];
  const total = { total: 0, changed: 0, added: 0, removed: 0 };
  for (const tier of TIERS) {
    const t = result.feeds.hallsByTier[tier];
    if (!t) continue;
    rows.push([w.tier(tier), w.num(t.total), w.num(t.changed), w.num(t.added), w.num(t.removed)]);
    total.total += t.total;
    total.changed += t.changed;
    total.added += t.added;
    total.removed += t.removed;
  }
  if (rows.length > 2) rows.push([zh ? '合计' : 'total', w.num(total.total), w.num(total.changed), w.num(total.added), w.num(total.removed)]);
  return rows;
}
