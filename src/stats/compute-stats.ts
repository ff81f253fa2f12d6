import type { Catalog } from '../model/catalog.js';
import { planExpansion } from '../model/expand.js';
import { TIERS, type Tier } from '../schema/common.js';

/** A count and its share of the whole (rounded to 4 decimals; null when the whole is 0). */
export interface Share {
  count: number;
  share: number | null;
}

/** Smallest, median and largest of a list of counts; null for an empty list. */
export type Spread = { min: number; median: number; max: number } | null;

/** The indicators the reform reports, all computed from the catalog. */
export interface CatalogStats {
  version: 1;
  catalog: { id: string; name: string; version: string } | null;
  items: {
    total: number;
    /** Per tier: items decided by that tier's bodies (`levels`) and items its halls accept for a body above (`acceptedAt`). */
    byTier: Record<Tier, { decided: number; accepted: number }>;
    /** Per department kind, sorted by kind. */
    byDepartment: Array<{ department: string; name: string; items: number }>;
  };
  handling: {
    /** 零跑动: no visit to the hall. */
    zeroVisit: Share;
    /** 只跑一次: exactly one visit. */
    oneVisit: Share;
    /** 全程网办: online depth 4. */
    fullOnline: Share;
    /** 即办件. */
    instant: Share;
    /** 移动端可办. */
    mobile: Share;
  };
  halls: {
    total: number;
    /** Halls of each tier, and how many of them offer at least one item. */
    byTier: Record<Tier, { halls: number; offering: number }>;
  };
  offerings: { total: number; decided: number; accepted: number };
  itemsPerHall: { all: Spread; byTier: Record<Tier, Spread> };
}

/**
 * Compute the reform's indicators: items per tier and department, the zero-visit, one-visit,
 * full-online, instant and mobile shares, halls per tier, and items per hall (min, median,
 * max) from the expansion over the region tree. Pure.
 * @example computeStats(catalog).handling.zeroVisit // { count: 12, share: 0.2727 }
 */
export function computeStats(catalog: Catalog): CatalogStats {
  const items = catalog.items.map((e) => e.item);
  const total = items.length;
  const share = (count: number): Share => ({ count, share: total === 0 ? null : round(count / total) });
  const perTier = <T>(make: () => T) => Object.fromEntries(TIERS.map((tier) => [tier, make()])) as Record<Tier, T>;

  const byTier = perTier(() => ({ decided: 0, accepted: 0 }));
  const byDept = new Map<string, number>();
  for (const item of items) {
    for (const tier of new Set(item.levels)) byTier[tier].decided++;
    for (const tier of new Set(item.acceptedAt ?? [])) if (!item.levels.includes(tier)) byTier[tier].accepted++;
    byDept.set(item.department, (byDept.get(item.department) ?? 0) + 1);
  }
  const kinds = catalog.departments?.kinds ?? {};
  const byDepartment = [...byDept]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([department, n]) => ({ department, name: Object.hasOwn(kinds, department) ? kinds[department]!.name : department, items: n }));

  const expansion = planExpansion(catalog);
  const counts = perTier((): number[] => []);
  const offerings = { total: 0, decided: 0, accepted: 0 };
  for (const hall of expansion.halls()) {
    counts[hall.region.tier].push(hall.offers.length);
    offerings.total += hall.offers.length;
    for (const offer of hall.offers) offerings[offer.role === 'decides' ? 'decided' : 'accepted']++;
  }
  const hallsByTier = perTier(() => ({ halls: 0, offering: 0 }));
  for (const tier of TIERS) {
    hallsByTier[tier] = { halls: counts[tier].length, offering: counts[tier].filter((n) => n > 0).length };
  }
  const meta = catalog.meta;
  return {
    version: 1,
    catalog: meta ? { id: meta.id, name: meta.name, version: meta.version } : null,
    items: { total, byTier, byDepartment },
    handling: {
      zeroVisit: share(items.filter((i) => i.handling.visits === 0).length),
      oneVisit: share(items.filter((i) => i.handling.visits === 1).length),
      fullOnline: share(items.filter((i) => i.handling.onlineDepth === 4).length),
      instant: share(items.filter((i) => i.handling.kind === 'instant').length),
      mobile: share(items.filter((i) => i.handling.mobile).length),
    },
    halls: { total: expansion.tree.halls.length, byTier: hallsByTier },
    offerings,
    itemsPerHall: { all: spread(TIERS.flatMap((tier) => counts[tier])), byTier: perTierFrom(counts, spread) },
  };
}

function perTierFrom<A, B>(values: Record<Tier, A>, f: (a: A) => B): Record<Tier, B> {
  return Object.fromEntries(TIERS.map((tier) => [tier, f(values[tier])])) as Record<Tier, B>;
}

/** Min, median (the mean of the two middle values for an even count) and max. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
