import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compileFastPath, compileNarrowing, UNSURE } from '../../src/load/schema-fast-path.js';
import { catalogSchema } from '../../src/schema/catalog.js';
import { departmentsSchema } from '../../src/schema/departments.js';
import { hallSchema } from '../../src/schema/hall.js';
import { itemSchema, type Item } from '../../src/schema/item.js';
import { SAMPLE, yamlFiles } from '../helpers.js';

const parse = (file: string): unknown => jsYaml.load(readFileSync(file, 'utf8'), { schema: jsYaml.CORE_SCHEMA });

const items = yamlFiles(path.join(SAMPLE, 'items')).map(parse);
const samples: Array<[string, z.ZodType, unknown[]]> = [
  ['item', itemSchema, items],
  ['catalog', catalogSchema, [parse(path.join(SAMPLE, 'catalog.yaml'))]],
  ['departments', departmentsSchema, [parse(path.join(SAMPLE, 'departments.yaml'))]],
  ['hall', hallSchema, yamlFiles(path.join(SAMPLE, 'halls')).map(parse)],
];

/** Same values, same key order everywhere, same array lengths. */
function sameOutput(a: unknown, b: unknown): boolean {
  if (!isDeepStrictEqual(a, b)) return false;
  if (a === null || typeof a !== 'object') return true;
  if (Array.isArray(a)) return a.every((x, i) => sameOutput(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.join('\u0000') === kb.join('\u0000') && ka.every((k) => sameOutput((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Every object and array below `value`. */
function containers(value: unknown, into = new Set<object>()): Set<object> {
  if (value !== null && typeof value === 'object') {
    into.add(value);
    for (const child of Object.values(value)) containers(child, into);
  }
  return into;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLACEMENTS: unknown[] = [
  '',
  ' ',
  '  padded text  ',
  'x',
  'working-day',
  'paper',
  'province',
  '01',
  '1',
  'step-1',
  '440101001000',
  'Bad Id',
  0,
  1,
  -1,
  1.5,
  100,
  101,
  3650,
  3651,
  Number.MAX_SAFE_INTEGER + 2,
  Infinity,
  NaN,
  true,
  false,
  null,
  undefined,
  [],
  ['x'],
  [''],
  {},
  { value: 1, unit: 'working-day' },
  { zh: 'x' },
];

/** A copy of `value` with one random change somewhere inside it. */
function mutate(value: unknown, next: () => number): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  // Walk down a random path, then change what is there.
  let parent: Record<string | number, unknown> = copy;
  for (let depth = 0; depth < 6; depth++) {
    const keys = Object.keys(parent);
    if (keys.length === 0) break;
    const key = pick(keys);
    const child = parent[key];
    if (child !== null && typeof child === 'object' && next() < 0.7) parent = child as Record<string, unknown>;
    else break;
  }
  const keys = Object.keys(parent);
  const kind = next();
  if (keys.length > 0 && kind < 0.45) {
    parent[pick(keys)] = pick(REPLACEMENTS);
  } else if (keys.length > 0 && kind < 0.6) {
    delete parent[pick(keys)];
  } else if (kind < 0.7) {
    if (Array.isArray(parent)) parent.push(pick(REPLACEMENTS));
    else parent[pick(['extra', ' name', 'note', '__proto__', 'constructor', '准予'])] = pick(REPLACEMENTS);
  } else if (kind < 0.85 && !Array.isArray(parent)) {
    // The same keys in another order: zod's output keeps the schema's order.
    const entries = Object.entries(parent).reverse();
    for (const k of Object.keys(parent)) delete parent[k];
    for (const [k, v] of entries) parent[k] = v;
  } else if (keys.length > 0) {
    const key = pick(keys);
    const v = parent[key];
    if (typeof v === 'string') parent[key] = pick([` ${v}`, `${v} `, `\t${v}\n`, v.toUpperCase(), `${v}\u3000`]);
    else if (typeof v === 'number') parent[key] = pick([v + 0.5, -v - 1, v * 1000, v + 1, v - 1, Number.MAX_SAFE_INTEGER + 2]);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      // Record keys that need trimming, or collide once trimmed.
      const k = pick(Object.keys(v).concat(['']));
      (v as Record<string, unknown>)[` ${k} `] = (v as Record<string, unknown>)[k] ?? 'x';
    } else parent[key] = pick(REPLACEMENTS);
  }
  return copy;
}

describe('the fast path of the schema check', () => {
  it('gives zod’s output for every file of the sample catalog, reusing the parsed objects or copying them', () => {
    for (const [kind, schema, values] of samples) {
      const fast = compileFastPath(schema);
      expect(values.length, kind).toBeGreaterThan(0);
      for (const value of values) {
        const expected = schema.safeParse(value);
        expect(expected.success, kind).toBe(true);
        const reused = fast(value, true);
        const copied = fast(value, false);
        expect(reused, kind).not.toBe(UNSURE);
        expect(sameOutput(reused, expected.data), kind).toBe(true);
        expect(sameOutput(copied, expected.data), kind).toBe(true);
        // A copy shares no object or array with the input, as zod's output does not.
        const input = containers(value);
        for (const c of containers(copied)) expect(input.has(c), kind).toBe(false);
      }
    }
  });

  it('reuses the parsed item as it is when it already has the output’s shape', () => {
    const fast = compileFastPath(itemSchema);
    expect(items.some((item) => fast(item, true) === item)).toBe(true);
  });

  it('never accepts what zod refuses, and never gives another output, over thousands of changed items', () => {
    const fast = compileFastPath(itemSchema);
    const next = random(20261123);
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < 4000; round++) {
      let value: unknown = items[round % items.length];
      const changes = 1 + Math.floor(next() * 3);
      for (let k = 0; k < changes; k++) value = mutate(value, next);
      const before = JSON.stringify(value);
      const expected = itemSchema.safeParse(value);
      for (const reuse of [true, false]) {
        const got = fast(value, reuse);
        if (got === UNSURE) continue;
        expect(expected.success, `round ${round}: accepted what zod refuses: ${JSON.stringify(expected.error?.issues[0])}`).toBe(true);
        expect(sameOutput(got, expected.data), `round ${round}: another output`).toBe(true);
      }
      // The check never changes its input.
      expect(JSON.stringify(value)).toBe(before);
      if (expected.success) accepted++;
      else refused++;
    }
    // The mutations reach both sides, so both are really exercised.
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(1000);
  });

  it('leaves a value that zod accepts with another output to zod: trimmed text, keys out of order', () => {
    const fast = compileFastPath(itemSchema);
    const item = structuredClone(items[0]) as Record<string, unknown>;
    item.name = `  ${String(item.name)}  `;
    const out = fast(item, true) as Record<string, unknown>;
    expect(out).not.toBe(UNSURE);
    expect(out).not.toBe(item);
    expect(out.name).toBe(String(item.name).trim());
    // Branch names are trimmed too, and two that are equal once trimmed collide: zod decides.
    const withBranches = items.find((x) => (x as Item).process.steps.some((step) => step.branches)) as Item;
    for (const rename of [(k: string) => ` ${k} `, (k: string) => `${k}\u3000`]) {
      for (const keepOld of [false, true]) {
        const changed = structuredClone(withBranches);
        const step = changed.process.steps.find((x) => x.branches)!;
        const [first, target] = Object.entries(step.branches!)[0]!;
        if (!keepOld) delete step.branches![first];
        step.branches![rename(first)] = target;
        const expected = itemSchema.safeParse(changed);
        const got = fast(changed, true);
        if (got !== UNSURE) expect(sameOutput(got, expected.data)).toBe(true);
        expect(got === UNSURE || expected.success).toBe(true);
      }
    }
    const reordered = Object.fromEntries(Object.entries(items[0] as object).reverse());
    const r = fast(reordered, true) as object;
    expect(Object.keys(r)).toEqual(Object.keys(itemSchema.parse(reordered)));
  });

  it('finds the parts of a changed file that zod must check: their issues are zod’s for the whole file', () => {
    const next = random(20261206);
    let narrowed = 0;
    let whole = 0;
    for (const [kind, schema, values] of samples) {
      const narrow = compileNarrowing(schema);
      for (const value of values) expect(narrow(value), kind).toEqual([]);
      for (let round = 0; round < (kind === 'item' ? 2000 : kind === 'departments' ? 60 : 300); round++) {
        let value: unknown = values[round % values.length];
        const changes = 1 + Math.floor(next() * 3);
        for (let k = 0; k < changes; k++) value = mutate(value, next);
        const expected = schema.safeParse(value);
        const parts = narrow(value);
        if (expected.success) {
          // Nothing is wrong: either no part, or parts zod accepts (the fast checks are conservative).
          for (const part of parts) expect(part.schema.safeParse(part.value).success, `${kind} round ${round}`).toBe(true);
          continue;
        }
        expect(parts.length, `${kind} round ${round}: a refused file has parts to check`).toBeGreaterThan(0);
        const issues = parts.flatMap((part) => {
          const result = part.schema.safeParse(part.value);
          return result.success ? [] : result.error.issues.map((issue) => ({ ...issue, path: [...part.path, ...issue.path] }));
        });
        expect(issues, `${kind} round ${round}`).toEqual(expected.error.issues);
        if (parts.every((part) => part.path.length === 0)) whole++;
        else narrowed++;
      }
    }
    // Most changes are narrowed to a part of the file; some need zod on the whole of it.
    expect(narrowed).toBeGreaterThan(1000);
    expect(whole).toBeGreaterThan(10);
  });
});
