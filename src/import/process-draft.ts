import type { Duration } from '../schema/common.js';
import { normalizeText } from './cell-values.js';

/**
 * The process and the criteria of an item as its sheets give them: steps, materials and branches
 * named, ids only where licat's export wrote them. `resolveProcess` and `resolveCriteria` turn
 * them into the item's `process` and `criteria` once its materials are known, giving every step
 * and criterion an id: the sheet's, else the existing one of the same name, else one derived from
 * its name or position (the same sheet always gives the same ids). What a sheet has no column
 * for is kept from the entry of the same id.
 */

export interface StepDraft {
  id?: string;
  name: string;
  role?: string;
  office?: string;
  limit?: Duration;
  /** The names of the materials checked. */
  materials?: string[];
  /** The names of the following steps. */
  next?: string[];
  /** Branch label → the name of its step, in the sheet's order. */
  branches?: Array<[label: string, step: string]>;
}

export interface SpecialDraft {
  name: string;
  limit?: Duration;
  note?: string;
}

/** What a step row may carry, by the sheet's columns: `next` stands for next steps and branches. */
export const STEP_FIELDS = ['role', 'office', 'limit', 'materials', 'next'] as const;
export type StepField = (typeof STEP_FIELDS)[number];

export interface ProcessDraft {
  steps: StepDraft[];
  /** Undefined: the sheet cannot tell special procedures (it has no column of kinds); the item's are kept. */
  special: SpecialDraft[] | undefined;
  /** The fields the sheet has columns for: a step that keeps its id keeps the others as they were. */
  carries: readonly StepField[];
}

export interface RangeDraft {
  min?: number;
  max?: number;
  unit?: string;
  outcome?: string;
}

export interface CriterionDraft {
  id?: string;
  subject: string;
  /** The name of the step. */
  step?: string;
  ranges?: RangeDraft[];
  rule?: string;
  /** False when the sheet has no 适用环节 column: a criterion that keeps its id keeps its step. */
  carriesStep: boolean;
}

/** A name as compared: full-width forms folded, spaces removed. */
export const nameKey = (name: string): string => normalizeText(name).replace(/\s+/g, '');

/** Ids for the usual step names of a licensing process, as the catalog's own files write them. */
const USUAL_STEP_IDS: Record<string, string> = {
  申请: 'apply',
  提交申请: 'apply',
  受理: 'accept',
  审查: 'review',
  审核: 'review',
  现场核查: 'inspect',
  决定: 'decide',
  审批: 'decide',
  制证: 'issue',
  发证: 'issue',
  制证送达: 'issue',
  送达: 'deliver',
  办结: 'finish',
};

type Entry = Record<string, unknown>;

const entries = (value: unknown): Entry[] => (Array.isArray(value) ? value.filter((e): e is Entry => e !== null && typeof e === 'object') : []);

/**
 * Ids for a list of named entries: the sheet's own, else the unused id of an existing entry with
 * the same name, else `derive(name, index)` made unique with `-2`, `-3` ….
 */
function assignIds(
  drafts: ReadonlyArray<{ id?: string | undefined; name: string }>,
  before: readonly Entry[],
  nameOf: (entry: Entry) => unknown,
  derive: (name: string, index: number) => string,
): string[] {
  const ids: Array<string | undefined> = drafts.map((d) => d.id);
  const taken = new Set(ids.filter((id): id is string => id !== undefined));
  const pool = new Map<string, string[]>();
  for (const entry of before) {
    const name = nameOf(entry);
    if (typeof entry.id !== 'string' || typeof name !== 'string' || taken.has(entry.id)) continue;
    const key = nameKey(name);
    if (!pool.has(key)) pool.set(key, []);
    pool.get(key)!.push(entry.id);
  }
  drafts.forEach((d, i) => {
    if (ids[i] !== undefined) return;
    const id = pool.get(nameKey(d.name))?.find((candidate) => !taken.has(candidate));
    if (id !== undefined) {
      ids[i] = id;
      taken.add(id);
    }
  });
  return drafts.map((d, i) => {
    if (ids[i] !== undefined) return ids[i];
    const base = derive(nameKey(d.name), i);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  });
}

/** The first entry's id for each name. */
function idsByName(list: ReadonlyArray<{ id?: unknown; name?: unknown }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of list) {
    if (typeof entry.id === 'string' && typeof entry.name === 'string' && !out.has(nameKey(entry.name))) out.set(nameKey(entry.name), entry.id);
  }
  return out;
}

/**
 * The item's `process` from the sheet's: step ids assigned, materials named by the item's
 * (final) `materials`, next steps and branches by the steps' names. `before` is the item's
 * process as its file has it (undefined for a new item). Names that match nothing are dropped:
 * the sheet's reader has reported them.
 */
export function resolveProcess(draft: ProcessDraft, materials: unknown, before: unknown): Record<string, unknown> {
  const beforeSteps = entries((before as { steps?: unknown } | undefined)?.steps);
  const ids = assignIds(
    draft.steps,
    beforeSteps,
    (e) => e.name,
    (name, i) => USUAL_STEP_IDS[name] ?? `step-${i + 1}`,
  );
  const stepId = idsByName(draft.steps.map((s, i) => ({ id: ids[i], name: s.name })));
  const materialId = idsByName(entries(materials));
  const known = (map: Map<string, string>, names: readonly string[]) => [...new Set(names.flatMap((n) => (map.has(nameKey(n)) ? [map.get(nameKey(n))!] : [])))];
  const beforeById = new Map(beforeSteps.map((e) => [e.id, e]));
  const carried = new Set<string>(draft.carries);
  const steps = draft.steps.map((s, i) => {
    // What the sheet has no column for is kept from the step of the same id.
    const old = beforeById.get(ids[i]) ?? {};
    const keep = (field: StepField, key: string = field) => (carried.has(field) ? undefined : old[key]);
    const step: Record<string, unknown> = { id: ids[i], name: s.name };
    const role = keep('role') ?? s.role;
    if (role !== undefined) step.role = role;
    const office = keep('office') ?? s.office;
    if (office !== undefined) step.office = office;
    const limit = keep('limit') ?? s.limit;
    if (limit !== undefined) step.limit = limit;
    const checked = keep('materials') ?? known(materialId, s.materials ?? []);
    if (Array.isArray(checked) && checked.length > 0) step.materials = checked;
    const next = keep('next') ?? known(stepId, s.next ?? []);
    if (Array.isArray(next) && next.length > 0) step.next = next;
    const keptBranches = keep('next', 'branches');
    if (keptBranches !== undefined) step.branches = keptBranches;
    else if (s.branches !== undefined) {
      const branches: Record<string, string> = {};
      for (const [label, target] of s.branches) {
        const id = stepId.get(nameKey(target));
        if (id !== undefined) branches[label] = id;
      }
      if (Object.keys(branches).length > 0) step.branches = branches;
    }
    return step;
  });
  const process: Record<string, unknown> = { steps };
  const beforeSpecial = (before as { special?: unknown } | undefined)?.special;
  if (draft.special === undefined) {
    if (beforeSpecial !== undefined) process.special = beforeSpecial;
  } else if (draft.special.length > 0) {
    process.special = draft.special.map((s) => {
      const special: Record<string, unknown> = { name: s.name };
      if (s.limit !== undefined) special.limit = s.limit;
      if (s.note !== undefined) special.note = s.note;
      return special;
    });
  }
  return process;
}

/**
 * The item's `criteria` from the sheet's: ids assigned (an existing criterion keeps its id when
 * its subject matches), steps named by the item's (final) process steps.
 */
export function resolveCriteria(drafts: readonly CriterionDraft[], steps: unknown, before: unknown): Array<Record<string, unknown>> {
  const named = drafts.map((c) => ({ id: c.id, name: c.subject }));
  const ids = assignIds(
    named,
    entries(before),
    (e) => e.subject,
    (_, i) => `criterion-${i + 1}`,
  );
  const stepId = idsByName(entries(steps));
  const beforeById = new Map(entries(before).map((e) => [e.id, e]));
  return drafts.map((c, i) => {
    const criterion: Record<string, unknown> = { id: ids[i], subject: c.subject };
    const step = c.carriesStep ? (c.step === undefined ? undefined : stepId.get(nameKey(c.step))) : beforeById.get(ids[i])?.step;
    if (step !== undefined) criterion.step = step;
    if (c.ranges !== undefined) {
      criterion.ranges = c.ranges.map((r) => {
        const range: Record<string, unknown> = {};
        if (r.min !== undefined) range.min = r.min;
        if (r.max !== undefined) range.max = r.max;
        if (r.unit !== undefined) range.unit = r.unit;
        if (r.outcome !== undefined) range.outcome = r.outcome;
        return range;
      });
    }
    if (c.rule !== undefined) criterion.rule = c.rule;
    return criterion;
  });
}
