import type { Item } from '../schema/item.js';

/** One sentence of an item that a clause rule reads, with its JSON pointer. */
export interface ClauseText {
  path: string;
  text: string;
  /** A criterion's outcome or rule: the decision itself, read by criteria-vague too. */
  decision: boolean;
}

/** Each item's clauses, made once for the several rules that read them (items are not changed once loaded). */
const made = new WeakMap<Item, readonly ClauseText[]>();

/**
 * The sentences where catch-all and vague clauses hide: conditions; each material's name,
 * condition and note; each criterion's subject, outcomes and rule.
 */
export function clauseTexts(item: Item): readonly ClauseText[] {
  let clauses = made.get(item);
  if (!clauses) {
    clauses = collect(item);
    made.set(item, clauses);
  }
  return clauses;
}

function collect(item: Item): ClauseText[] {
  const out: ClauseText[] = [];
  item.conditions.forEach((text, i) => out.push({ path: `/conditions/${i}`, text, decision: false }));
  item.materials.forEach((m, i) => {
    for (const key of ['name', 'condition', 'note'] as const) {
      const text = m[key];
      if (text !== undefined) out.push({ path: `/materials/${i}/${key}`, text, decision: false });
    }
  });
  (item.criteria ?? []).forEach((c, i) => {
    out.push({ path: `/criteria/${i}/subject`, text: c.subject, decision: false });
    c.ranges?.forEach((r, j) => out.push({ path: `/criteria/${i}/ranges/${j}/outcome`, text: r.outcome, decision: true }));
    if (c.rule !== undefined) out.push({ path: `/criteria/${i}/rule`, text: c.rule, decision: true });
  });
  return out;
}
