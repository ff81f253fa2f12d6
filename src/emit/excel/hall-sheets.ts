import type { Region } from '../../model/catalog.js';
import { implementationCodes } from '../../model/derive-implementation-code.js';
import type { ExpandedHall, Expansion } from '../../model/expand.js';
import { UsageError } from '../../diagnostics/usage-error.js';
import { ancestorsOf } from '../../model/region-tree.js';
import { TIER_NAMES } from '../../schema/vocabulary.js';
import { durationText } from '../labels.js';
import type { Column, Row } from './write-workbook.js';

/** One workbook of `--excel-halls`: the province hall alone, or a region with all the halls under it. */
export interface HallGroup {
  /** The province, a city (or the region asked for); names the file. */
  head: Region;
  /** Every hall region of the group, in code order (the head first). */
  regions: Region[];
}

/**
 * The workbooks of `--excel-halls`. Without a list: the province hall alone, and each city with
 * every county, town and village hall under it. With region codes: for each, that region's hall
 * and every hall under it (the province code: the province hall alone). A code that is not a
 * hall of the catalog is a usage error.
 * @example hallGroups(planExpansion(catalog)).map((g) => g.head.code) // ['440000', '440100', …]
 */
export function hallGroups(expansion: Expansion, only?: readonly string[]): HallGroup[] {
  const { tree } = expansion;
  if (only !== undefined) {
    const heads = [...new Set(only)].sort().map((code) => {
      const region = tree.byCode.get(code);
      if (!region || !tree.byTier[region.tier].includes(region)) {
        throw new UsageError(`--excel-halls：${code} 不是目录中的大厅区划代码 / --excel-halls: ${code} is not the region code of a hall in the catalog`);
      }
      return region;
    });
    return heads.map((head) => ({
      head,
      regions: head.tier === 'province' ? [head] : tree.halls.filter((r) => r === head || ancestorsOf(tree, r).some((a) => a.code === head.code)),
    }));
  }
  const groups = new Map<string, HallGroup>();
  for (const region of tree.halls) {
    const head = region.tier === 'province' || region.tier === 'city' ? region : (ancestorsOf(tree, region).find((a) => a.tier === 'city') ?? region);
    let group = groups.get(head.code);
    if (!group) {
      group = { head, regions: [] };
      groups.set(head.code, group);
    }
    group.regions.push(region);
  }
  return [...groups.values()].sort((a, b) => (a.head.code < b.head.code ? -1 : 1));
}

/** Columns of the implementation list (实施清单): one row per item, hall and implementation code. */
export const OFFER_COLUMNS: Column[] = [
  { header: '区划代码', kind: 'code', width: 14 },
  { header: '区划名称', kind: 'text', width: 18 },
  { header: '大厅层级', kind: 'text', width: 10 },
  { header: '大厅名称', kind: 'text', width: 24 },
  { header: '基本编码', kind: 'code', width: 15 },
  { header: '事项名称', kind: 'text', width: 30 },
  { header: '业务办理项', kind: 'text', width: 12 },
  { header: '实施编码', kind: 'code', width: 36 },
  { header: '办理方式', kind: 'text', width: 12 },
  { header: '决定机关所在区划', kind: 'text', width: 18 },
  { header: '实施主体', kind: 'text', width: 30 },
  { header: '实施主体统一社会信用代码', kind: 'code', width: 22 },
  { header: '行使层级', kind: 'text', width: 10 },
  { header: '承诺时限', kind: 'text', width: 14 },
  { header: '办理窗口', kind: 'text', width: 20 },
  { header: '本地说明', kind: 'text', width: 30 },
];

export const NOT_OFFERED_COLUMNS: Column[] = [
  { header: '区划代码', kind: 'code', width: 14 },
  { header: '区划名称', kind: 'text', width: 18 },
  { header: '基本编码', kind: 'code', width: 15 },
  { header: '事项名称', kind: 'text', width: 30 },
  { header: '不提供原因', kind: 'text', width: 50 },
];

/**
 * The implementation-list rows of a group, one hall expanded at a time, so memory holds one
 * hall's offers however many halls there are. `notOffered` collects the (few) items hall files
 * say are not offered, for a second sheet.
 */
export function* offerRows(expansion: Expansion, group: HallGroup, notOffered: Row[]): Generator<Row> {
  for (const region of group.regions) {
    const hall: ExpandedHall = expansion.expandHall(region);
    const hallName = hall.hall?.hall.name;
    for (const offer of hall.offers) {
      const item = offer.entry.item;
      const promised = offer.local?.promised ?? item.timeLimit.promised;
      // The same implementation code as the hall feed: the deciding body's own level digit
      // (a city exercising county powers keeps its city digit; docs/output.md).
      for (const impl of implementationCodes(offer.body.uscc, offer.decider.tier, item)) {
        yield [
          region.code,
          region.name,
          TIER_NAMES[region.tier],
          hallName,
          item.code,
          item.name,
          impl.handlingItem ? `${impl.handlingItem.suffix} ${impl.handlingItem.name}` : undefined,
          impl.code,
          offer.role === 'decides' ? '本级决定' : '就近受理、转报上级',
          offer.decider.name,
          offer.body.name,
          offer.body.uscc,
          TIER_NAMES[offer.power],
          offer.local?.promised ? `${durationText(promised)}（本地承诺）` : durationText(promised),
          offer.local?.window,
          offer.local?.note,
        ];
      }
    }
    for (const n of hall.notOffered) notOffered.push([region.code, region.name, n.entry.item.code, n.entry.item.name, n.reason]);
  }
}
