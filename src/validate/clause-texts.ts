import type { Item } from '../schema/item.js';

/** One sentence of an item that a clause rule reads, with its JSON pointer. */
export interface ClauseText {
  readonly path: string;
  readonly text: string;
  /** A criterion's outcome or rule: the decision itself, read by criteria-vague too. */
  readonly decision: boolean;
}

/** Where a clause stands: its pointer is written from these only when asked for (most clauses are never reported). */
const enum At {
  Condition,
  MaterialName,
  MaterialCondition,
  MaterialNote,
  CriterionSubject,
  CriterionOutcome,
  CriterionRule,
}

class Clause implements ClauseText {
  constructor(
    readonly text: string,
    readonly decision: boolean,
    private readonly at: At,
    private readonly i: number,
    private readonly j = 0,
  ) {}

  get path(): string {
    switch (this.at) {
      case At.Condition:
        return `/conditions/${this.i}`;
      case At.MaterialName:
        return `/materials/${this.i}/name`;
      case At.MaterialCondition:
        return `/materials/${this.i}/condition`;
      case At.MaterialNote:
        return `/materials/${this.i}/note`;
      case At.CriterionSubject:
        return `/criteria/${this.i}/subject`;
      case At.CriterionOutcome:
        return `/criteria/${this.i}/ranges/${this.j}/outcome`;
      case At.CriterionRule:
        return `/criteria/${this.i}/rule`;
    }
  }
}

/**
 * The clauses of the items read last, made once for the several rules that read them in turn
 * (items are not changed once loaded). Only the latest are kept: the item rules run over a few
 * dozen items at a time (validate/item-rules.ts), and clauses kept for every item of a large
 * catalog would only make work for the garbage collector.
 */
const made = new Map<Item, readonly ClauseText[]>();
const MAX_MADE = 256;

/**
 * The sentences where catch-all and vague clauses hide: conditions; each material's name,
 * condition and note; each criterion's subject, outcomes and rule.
 */
export function clauseTexts(item: Item): readonly ClauseText[] {
  let clauses = made.get(item);
  if (!clauses) {
    clauses = collect(item);
    if (made.size >= MAX_MADE) made.delete(made.keys().next().value!);
    made.set(item, clauses);
  }
  return clauses;
}

function collect(item: Item): ClauseText[] {
  const out: ClauseText[] = [];
  const conditions = item.conditions;
  for (let i = 0; i < conditions.length; i++) out.push(new Clause(conditions[i]!, false, At.Condition, i));
  const materials = item.materials;
  for (let i = 0; i < materials.length; i++) {
    const m = materials[i]!;
    if (m.name !== undefined) out.push(new Clause(m.name, false, At.MaterialName, i));
    if (m.condition !== undefined) out.push(new Clause(m.condition, false, At.MaterialCondition, i));
    if (m.note !== undefined) out.push(new Clause(m.note, false, At.MaterialNote, i));
  }
  const criteria = item.criteria ?? [];
  for (let i = 0; i < criteria.length; i++) {
    const c = criteria[i]!;
    out.push(new Clause(c.subject, false, At.CriterionSubject, i));
    const ranges = c.ranges;
    if (ranges) for (let j = 0; j < ranges.length; j++) out.push(new Clause(ranges[j]!.outcome, true, At.CriterionOutcome, i, j));
    if (c.rule !== undefined) out.push(new Clause(c.rule, true, At.CriterionRule, i));
  }
  return out;
}
