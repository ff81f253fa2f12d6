import type { Catalog, Region } from '../../model/catalog.js';
import { ancestorsOf, type RegionTree } from '../../model/region-tree.js';
import type { Expansion, Offer } from '../../model/expand.js';
import type { Item } from '../../schema/item.js';
import { durationText } from '../labels.js';
import { guideModel, type GuideHall, type GuideModel } from './guide-model.js';

/** Why a guide for one hall cannot be made: the hall or item is unknown, or the hall does not offer it. */
export interface HallGuideProblem {
  problem: 'unknown-item' | 'unknown-hall' | 'not-offered';
  /** The hall file's reason when it lists the item as not offered there. */
  reason?: string;
}

/**
 * The name a hall goes by when no hall file names it: the region's names from the city down, and
 * 便民服务站 for a village (community) hall, 政务服务中心 for the others. The site's script
 * (templates/site/site.js) names halls by the same rule.
 * @example defaultHallName(tree, village) // 广州市天河区五山街道岳洲社区便民服务站
 */
export function defaultHallName(tree: RegionTree, region: Region): string {
  const chain = [region, ...ancestorsOf(tree, region)].filter((r) => r.tier !== 'province').reverse();
  const names = chain.length > 0 ? chain.map((r) => r.name).join('') : region.name;
  return `${names}${region.tier === 'village' ? '便民服务站' : '政务服务中心'}`;
}

/** One hall of an item's guide, from its offer: local facts from its hall file where given. */
export function guideHall(expansion: Expansion, offer: Offer, region: Region, role: string): GuideHall {
  const facts = expansion.hallFiles.get(region.code)?.hall;
  return {
    name: facts?.name ?? defaultHallName(expansion.tree, region),
    region: region.name,
    role,
    address: facts?.address,
    hours: facts?.hours,
    phone: facts?.phone,
    complaintPhone: facts?.complaintPhone,
    window: offer.local?.window,
    promised: offer.local?.promised ? durationText(offer.local.promised) : undefined,
    note: offer.local?.note,
  };
}

/**
 * The guide of one item as the applicant of one hall reads it: section 八 names that hall, the
 * body that decides and, when the hall accepts for a body above, the deciding body's hall; no
 * other hall (never another city's).
 * @example hallGuideModel(catalog, planExpansion(catalog), '440106001001', '440101006000')
 */
export function hallGuideModel(
  catalog: Catalog,
  expansion: Expansion,
  regionCode: string,
  itemCode: string,
): { model: GuideModel; item: Item; region: Region } | HallGuideProblem {
  const entry = expansion.items.find((e) => e.item.code === itemCode);
  if (!entry) return { problem: 'unknown-item' };
  const region = expansion.tree.byCode.get(regionCode);
  if (!region || !expansion.tree.halls.includes(region)) return { problem: 'unknown-hall' };
  const here = expansion.expandHall(region);
  const offer = here.offers.find((o) => o.entry.item.code === itemCode);
  if (!offer) {
    const reason = here.notOffered.find((n) => n.entry.item.code === itemCode)?.reason;
    return { problem: 'not-offered', ...(reason !== undefined && { reason }) };
  }
  const halls: GuideHall[] = [];
  if (offer.role === 'decides') {
    halls.push(guideHall(expansion, offer, region, `受理并决定（${offer.body.name}）`));
  } else {
    halls.push(guideHall(expansion, offer, region, `受理申请，转报${offer.body.name}决定`));
    const above = expansion.expandHall(offer.decider).offers.find((o) => o.entry.item.code === itemCode);
    if (above) halls.push(guideHall(expansion, above, offer.decider, `${offer.body.name}作出决定`));
  }
  const model = guideModel(catalog, entry.item, halls);
  const deciderHall = halls[1]?.name;
  model.where.forHall = {
    name: halls[0]!.name,
    summary:
      offer.role === 'decides'
        ? `在本大厅提交申请，由${offer.body.name}受理并作出决定`
        : `在本大厅提交申请，本大厅受理后转报${deciderHall ? `${deciderHall}的` : ''}${offer.body.name}作出决定`,
    body: offer.body.name,
    uscc: offer.body.uscc,
  };
  return { model, item: entry.item, region };
}
