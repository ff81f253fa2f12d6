import type { Item } from '../schema/item.js';
import { sameData } from './canonical.js';
import type { ElementChange, ItemFigures } from './diff-result.js';
import { limitChange } from './working-days.js';

/** What one hall file says about one item: its local facts, or that it does not offer it. */
export interface HallLocal {
  hallName: string;
  local?: unknown;
  notOffered?: string;
}

/** Keys of an item in the order the catalog format lists them; changes are reported in this order. */
export const ITEM_KEYS = [
  'code',
  'name',
  'type',
  'department',
  'levels',
  'acceptedAt',
  'serviceObjects',
  'handlingItems',
  'legalBasis',
  'conditions',
  'materials',
  'process',
  'timeLimit',
  'fees',
  'result',
  'handling',
  'criteria',
] as const;

export interface ItemComparison {
  changes: ElementChange[];
  figures: Omit<ItemFigures, 'clauses'>;
}

type Rec = Record<string, unknown>;

/**
 * Compare two versions of one item (same code), element by element, and its hall-file entries.
 * Materials, steps, criteria and fees are matched by id (or name), then by name; a record whose
 * id changed but whose name did not is the same record, changed. Pure.
 * @example compareItem(before, after, new Set(['materials']), new Map(), new Map()).changes
 */
export function compareItem(
  base: Item,
  head: Item,
  unified: ReadonlySet<string>,
  baseHalls: ReadonlyMap<string, HallLocal> = new Map(),
  headHalls: ReadonlyMap<string, HallLocal> = new Map(),
): ItemComparison {
  const changes: ElementChange[] = [];
  const figures: Omit<ItemFigures, 'clauses'> = {
    steps: { removed: 0, added: 0, changed: 0 },
    materials: { removed: 0, added: 0, changed: 0 },
    fees: { removed: 0, added: 0, changed: 0 },
  };
  const b = base as unknown as Rec;
  const h = head as unknown as Rec;
  const keys = [...ITEM_KEYS, ...[...new Set([...Object.keys(b), ...Object.keys(h)])].filter((k) => !(ITEM_KEYS as readonly string[]).includes(k)).sort()];

  for (const element of keys) {
    if (sameData(b[element], h[element])) continue;
    const isUnified = unified.has(element);
    const before = changes.length;
    const push = (c: Omit<ElementChange, 'element' | 'unified'>) => changes.push({ element, unified: isUnified, ...c });
    /** Push the removed, added and changed entries of a matched list; `values` adds from/to of changed fields. */
    const pushMatched = <T extends object>(m: Matched<T>, key: (x: T) => string, name: (x: T) => string, values = true) => {
      for (const x of m.removed) push({ change: 'removed', key: key(x), name: name(x) });
      for (const x of m.added) push({ change: 'added', key: key(x), name: name(x) });
      for (const [x, y, fields] of m.changed) push({ change: 'changed', key: key(y), name: name(y), fields, ...(values && fromTo(x, y, fields)) });
    };
    switch (element) {
      case 'materials': {
        const m = records(
          base.materials,
          head.materials,
          (x) => x.id,
          (x) => x.name,
        );
        figures.materials = { removed: m.removed.length, added: m.added.length, changed: m.changed.length };
        pushMatched(
          m,
          (x) => x.id,
          (x) => x.name,
        );
        break;
      }
      case 'process': {
        const s = records(
          base.process.steps,
          head.process.steps,
          (x) => x.id,
          (x) => x.name,
        );
        figures.steps = { removed: s.removed.length, added: s.added.length, changed: s.changed.length };
        pushMatched(
          s,
          (x) => `steps/${x.id}`,
          (x) => x.name,
        );
        const p = records(
          base.process.special ?? [],
          head.process.special ?? [],
          (x) => x.name,
          (x) => x.name,
        );
        pushMatched(
          p,
          () => 'special',
          (x) => x.name,
        );
        break;
      }
      case 'timeLimit': {
        for (const field of ['statutory', 'promised', 'note'] as const) {
          const x = base.timeLimit[field];
          const y = head.timeLimit[field];
          if (sameData(x, y)) continue;
          push({ change: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed', key: field, from: x, to: y });
        }
        const promised = limitChange(base.timeLimit.promised, head.timeLimit.promised);
        if (promised) figures.promised = promised;
        const statutory = limitChange(base.timeLimit.statutory, head.timeLimit.statutory);
        if (statutory) figures.statutory = statutory;
        break;
      }
      case 'fees': {
        const f = records(
          base.fees,
          head.fees,
          (x) => x.name,
          (x) => x.name,
        );
        figures.fees = { removed: f.removed.length, added: f.added.length, changed: f.changed.length };
        pushMatched(
          f,
          (x) => x.name,
          (x) => x.name,
        );
        break;
      }
      case 'legalBasis': {
        const l = records(
          base.legalBasis,
          head.legalBasis,
          (x) => `${x.title} ${x.article}`,
          (x) => x.title,
        );
        pushMatched(
          l,
          (x) => `${x.title} ${x.article}`,
          (x) => x.title,
        );
        break;
      }
      case 'criteria': {
        const c = records(
          base.criteria ?? [],
          head.criteria ?? [],
          (x) => x.id,
          (x) => x.subject,
        );
        pushMatched(
          c,
          (x) => x.id,
          (x) => x.subject,
          false,
        );
        break;
      }
      case 'handlingItems': {
        const c = records(
          base.handlingItems ?? [],
          head.handlingItems ?? [],
          (x) => x.suffix,
          (x) => x.name,
        );
        pushMatched(
          c,
          (x) => x.suffix,
          (x) => x.name,
        );
        break;
      }
      case 'conditions': {
        const gone = multisetMinus(base.conditions, head.conditions);
        const come = multisetMinus(head.conditions, base.conditions);
        for (const text of gone) push({ change: 'removed', name: text });
        for (const text of come) push({ change: 'added', name: text });
        break;
      }
      case 'handling':
      case 'result': {
        const x = (b[element] ?? {}) as Rec;
        const y = (h[element] ?? {}) as Rec;
        for (const field of [...new Set([...Object.keys(x), ...Object.keys(y)])]) {
          if (sameData(x[field], y[field])) continue;
          push({ change: x[field] === undefined ? 'added' : y[field] === undefined ? 'removed' : 'changed', key: field, from: x[field], to: y[field] });
        }
        if (element === 'handling') {
          if (base.handling.visits !== head.handling.visits) figures.visits = { from: base.handling.visits, to: head.handling.visits };
          if (base.handling.onlineDepth !== head.handling.onlineDepth) figures.onlineDepth = { from: base.handling.onlineDepth, to: head.handling.onlineDepth };
          if (base.handling.mobile !== head.handling.mobile) figures.mobile = { from: base.handling.mobile, to: head.handling.mobile };
        }
        break;
      }
      default:
        push({ change: b[element] === undefined ? 'added' : h[element] === undefined ? 'removed' : 'changed', from: b[element], to: h[element] });
    }
    // Same records in another order (or another difference the matchers do not name): still a change.
    if (changes.length === before) push({ change: 'changed', key: 'order', from: b[element], to: h[element] });
  }
  changes.push(...compareHalls(baseHalls, headHalls));
  return { changes, figures };
}

/** Changes to what hall files say about the item, by region code. */
function compareHalls(base: ReadonlyMap<string, HallLocal>, head: ReadonlyMap<string, HallLocal>): ElementChange[] {
  const out: ElementChange[] = [];
  for (const region of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const x = base.get(region);
    const y = head.get(region);
    const name = (y ?? x)!.hallName;
    for (const field of ['local', 'notOffered'] as const) {
      const from = x?.[field];
      const to = y?.[field];
      if (sameData(from, to)) continue;
      const change = from === undefined ? 'added' : to === undefined ? 'removed' : 'changed';
      out.push({ element: 'halls', unified: false, change, key: region, name, fields: [field === 'local' ? 'items' : 'notOffered'], from, to });
    }
  }
  return out;
}

interface Matched<T> {
  removed: T[];
  added: T[];
  changed: Array<[T, T, string[]]>;
}

/** Match two lists of records by id, then the rest by name; list what was removed, added, changed. */
function records<T extends object>(base: readonly T[], head: readonly T[], id: (x: T) => string, name: (x: T) => string): Matched<T> {
  const out: Matched<T> = { removed: [], added: [], changed: [] };
  const headById = new Map<string, T>();
  for (const y of head) if (!headById.has(id(y))) headById.set(id(y), y);
  const used = new Set<T>();
  const unmatched: T[] = [];
  for (const x of base) {
    const y = headById.get(id(x));
    if (y && !used.has(y)) {
      used.add(y);
      const fields = changedFields(x, y);
      if (fields.length > 0) out.changed.push([x, y, fields]);
    } else unmatched.push(x);
  }
  const restByName = new Map<string, T>();
  for (const y of head) if (!used.has(y) && !restByName.has(name(y))) restByName.set(name(y), y);
  for (const x of unmatched) {
    const y = restByName.get(name(x));
    if (y && !used.has(y)) {
      used.add(y);
      out.changed.push([x, y, changedFields(x, y)]);
    } else out.removed.push(x);
  }
  for (const y of head) if (!used.has(y)) out.added.push(y);
  return out;
}

function changedFields(x: object, y: object): string[] {
  const a = x as Rec;
  const b = y as Rec;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !sameData(a[k], b[k])).sort();
}

/** The before and after values of the changed fields, kept small: only those fields. */
function fromTo(x: object, y: object, fields: string[]): { from: Rec; to: Rec } {
  const from: Rec = {};
  const to: Rec = {};
  for (const f of fields) {
    from[f] = (x as Rec)[f];
    to[f] = (y as Rec)[f];
  }
  return { from, to };
}

function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const s of b) counts.set(s, (counts.get(s) ?? 0) + 1);
  const out: string[] = [];
  for (const s of a) {
    const n = counts.get(s) ?? 0;
    if (n > 0) counts.set(s, n - 1);
    else out.push(s);
  }
  return out;
}
