import type { ItemDiff, ReformFigures } from './diff-result.js';

/**
 * Sum the reform figures over the item diffs. Time limits, steps, materials, fees, visits and
 * online handling count items present on both sides (renamed or changed): removing an item is
 * not cutting its time limit. Vague and catch-all clauses introduced also count added items,
 * since a new item can bring a catch-all clause in. Pure.
 */
export function sumFigures(items: readonly ItemDiff[]): ReformFigures {
  const f: ReformFigures = {
    promised: { cutDays: 0, addedDays: 0, itemsCut: 0, itemsLengthened: 0, inexact: 0 },
    statutory: { changed: 0, shortened: 0, lengthened: 0 },
    steps: { removed: 0, added: 0, changed: 0 },
    materials: { removed: 0, added: 0, changed: 0 },
    fees: { removed: 0, added: 0, changed: 0 },
    vagueClauses: { removed: 0, introduced: 0 },
    catchAllClauses: { removed: 0, introduced: 0 },
    visits: { reduced: 0, itemsReduced: 0, increased: 0, itemsIncreased: 0 },
    fullOnline: { to: 0, from: 0 },
    mobile: { to: 0, from: 0 },
  };
  for (const item of items) {
    const x = item.figures;
    f.vagueClauses.removed += x.clauses.vague.removed.length;
    f.vagueClauses.introduced += x.clauses.vague.introduced.length;
    f.catchAllClauses.removed += x.clauses.catchAll.removed.length;
    f.catchAllClauses.introduced += x.clauses.catchAll.introduced.length;
    if (item.status !== 'changed' && item.status !== 'renamed') continue;
    if (x.promised) {
      f.promised.cutDays += x.promised.cut;
      f.promised.addedDays += x.promised.added;
      if (x.promised.cut > 0) f.promised.itemsCut++;
      if (x.promised.added > 0) f.promised.itemsLengthened++;
      if (!x.promised.exact) f.promised.inexact++;
    }
    if (x.statutory) {
      f.statutory.changed++;
      if (x.statutory.cut > 0) f.statutory.shortened++;
      if (x.statutory.added > 0) f.statutory.lengthened++;
    }
    for (const key of ['steps', 'materials', 'fees'] as const) {
      f[key].removed += x[key].removed;
      f[key].added += x[key].added;
      f[key].changed += x[key].changed;
    }
    if (x.visits) {
      const d = x.visits.from - x.visits.to;
      if (d > 0) {
        f.visits.reduced += d;
        f.visits.itemsReduced++;
      } else if (d < 0) {
        f.visits.increased -= d;
        f.visits.itemsIncreased++;
      }
    }
    if (x.onlineDepth) {
      if (x.onlineDepth.to === 4 && x.onlineDepth.from < 4) f.fullOnline.to++;
      if (x.onlineDepth.from === 4 && x.onlineDepth.to < 4) f.fullOnline.from++;
    }
    if (x.mobile) {
      if (x.mobile.to) f.mobile.to++;
      else f.mobile.from++;
    }
  }
  return f;
}
