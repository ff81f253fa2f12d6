import { t } from '../../i18n/lang.js';
import { pointer, type Finding } from '../../diagnostics/diagnostic.js';
import type { Catalog } from '../../model/catalog.js';
import { TIERS, type Tier } from '../../schema/common.js';
import { TIER_NAMES } from '../../schema/vocabulary.js';
import type { Item } from '../../schema/item.js';
import type { Rule } from '../rule.js';

const depth = (tier: Tier) => TIERS.indexOf(tier);

/**
 * Tiers fit together: an item's levels and acceptedAt are tiers of the catalog, it is accepted
 * only below the lowest tier that decides it, and a hall offers an item only at a tier where it
 * is decided or accepted.
 */
export const levelTier: Rule = {
  id: 'level-tier',
  severity: 'error',
  description: t(
    '层级不符：行使层级或就近受理层级不在目录层级中、就近受理不低于行使层级、大厅在不该提供的层级提供事项',
    'tiers do not fit: a level or acceptedAt tier not in the catalog, acceptance not below every deciding tier, or a hall offering an item at a tier outside its levels',
  ),
  check(catalog) {
    return [...checkItems(catalog), ...checkHalls(catalog)];
  },
};

function checkItems(catalog: Catalog): Finding[] {
  const tiers: readonly Tier[] = catalog.meta?.tiers ?? TIERS;
  const findings: Finding[] = [];
  for (const { file, item } of catalog.items) {
    const push = (path: string, zh: string, en: string) => findings.push({ rule: 'level-tier', file, path, message: t(zh, en) });
    for (const key of ['levels', 'acceptedAt'] as const) {
      (item[key] ?? []).forEach((tier, i) => {
        if (!tiers.includes(tier)) {
          push(
            `/${key}/${i}`,
            `层级 ${tier} 不在目录的层级（catalog.yaml tiers：${tiers.join('、')}）中`,
            `tier ${tier} is not one of the catalog's tiers (catalog.yaml tiers: ${tiers.join(', ')})`,
          );
        }
      });
    }
    const lowest = Math.max(...item.levels.map(depth));
    (item.acceptedAt ?? []).forEach((tier, i) => {
      if (depth(tier) > lowest) return;
      const lowestTier = TIERS[lowest]!;
      push(
        `/acceptedAt/${i}`,
        `就近受理层级 ${tier}（${TIER_NAMES[tier]}）应低于最低的行使层级 ${lowestTier}（${TIER_NAMES[lowestTier]}）：就近受理是下级大厅代上级部门受理`,
        `acceptedAt tier ${tier} must be below the lowest deciding tier, ${lowestTier}: acceptance is by a lower hall on behalf of the body above`,
      );
    });
  }
  return findings;
}

function checkHalls(catalog: Catalog): Finding[] {
  const items = new Map<string, Item>();
  for (const { item } of catalog.items) if (!items.has(item.code)) items.set(item.code, item);
  const findings: Finding[] = [];
  for (const { file, hall } of catalog.halls) {
    const region = catalog.regionByCode.get(hall.region);
    if (!region) continue;
    for (const code of Object.keys(hall.items ?? {}).sort()) {
      const item = items.get(code);
      if (!item) continue;
      const offered = [...item.levels, ...(item.acceptedAt ?? [])];
      if (offered.includes(region.tier)) continue;
      findings.push({
        rule: 'level-tier',
        file,
        path: pointer(['items', code]),
        at: 'key',
        message: t(
          `本大厅在${TIER_NAMES[region.tier]}级，但事项 ${code}（${item.name}）只在 ${offered.join('、')} 层级办理或受理`,
          `this hall is at tier ${region.tier}, but item ${code} (${item.name}) is decided or accepted only at ${offered.join(', ')}`,
        ),
      });
    }
  }
  return findings;
}
