import type { z } from 'zod';

/** What a fast check returns when it cannot vouch for the value: zod then decides, and reports. */
export const UNSURE: unique symbol = Symbol('unsure');
type Unsure = typeof UNSURE;

/**
 * A check of one value: its output exactly as zod's `safeParse` would give it, or UNSURE.
 * `reuse`: the input may be returned as the output where zod's output would equal it (same keys
 * in the same order, same values); false when the input may hold one object in two places (YAML
 * aliases), since zod's output never does.
 */
type Check = (value: unknown, reuse: boolean) => unknown;

/**
 * Compile a zod schema into a check that gives zod's output for a value zod accepts, without
 * zod's per-node bookkeeping, and UNSURE for anything else. Where the input already has the
 * output's shape (keys in the schema's order, strings already trimmed) the input objects are
 * returned as they are instead of being copied, so a clean file allocates nothing here.
 *
 * It is built from the schema's own definition, so it cannot drift from it: a kind of schema or
 * check it does not know is handed to zod for that part of the value. It is conservative: it may
 * answer UNSURE where zod would accept (the caller then runs zod, which is always right), but it
 * never accepts what zod refuses, nor gives an output zod would not. test/unit/schema-fast-path
 * compares both on the sample catalog and on many mutations of it.
 * @example const check = compileFastPath(itemSchema); const out = check(data, true); // UNSURE or zod's data
 */
export function compileFastPath(schema: z.ZodType): (value: unknown, reuse: boolean) => unknown {
  return compile(schema);
}

interface ZodInternals {
  def: ZodDef;
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
  values?: Set<unknown>;
}

interface ZodDef {
  type: string;
  coerce?: boolean;
  checks?: ZodCheck[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}

interface ZodCheck {
  _zod: {
    def: {
      check: string;
      when?: unknown;
      tx?: (value: unknown) => unknown;
      minimum?: number;
      maximum?: number;
      value?: unknown;
      inclusive?: boolean;
      format?: string;
      pattern?: RegExp;
    };
    check: (payload: { value: unknown; issues: unknown[] }) => unknown;
  };
}

const internals = (schema: z.ZodType): ZodInternals => (schema as unknown as { _zod: ZodInternals })._zod;

function compile(schema: z.ZodType): Check {
  const zod = internals(schema);
  const def = zod.def;
  const own =
    def.coerce === true
      ? undefined
      : def.type === 'string'
        ? compileString(def.checks ?? [])
        : def.type === 'number'
          ? compileNumber(def.checks ?? [])
          : def.type === 'boolean'
            ? noChecks(def, (v) => (typeof v === 'boolean' ? v : UNSURE))
            : def.type === 'enum'
              ? compileEnum(zod)
              : def.type === 'array'
                ? compileArray(def)
                : def.type === 'object'
                  ? compileObject(def)
                  : def.type === 'record'
                    ? compileRecord(def)
                    : undefined;
  return own ?? delegate(schema);
}

/** A part of the schema this module does not know: zod checks that part of the value. */
function delegate(schema: z.ZodType): Check {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : UNSURE;
  };
}

function noChecks(def: ZodDef, check: Check): Check | undefined {
  return (def.checks ?? []).length === 0 ? check : undefined;
}

function compileEnum(zod: ZodInternals): Check | undefined {
  const values = zod.values;
  if (!values || (zod.def.checks ?? []).length > 0) return undefined;
  return (v) => (values.has(v) ? v : UNSURE);
}

/** Code points of `s`, as zod counts a string's length near its limits. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

type StringStep = (s: string) => string | Unsure;

function compileString(checks: ZodCheck[]): Check | undefined {
  const steps: StringStep[] = [];
  for (const ch of checks) {
    const d = ch._zod.def;
    if (d.check === 'overwrite' && d.when === undefined && typeof d.tx === 'function') {
      const tx = d.tx;
      steps.push((s) => {
        const out = tx(s);
        return typeof out === 'string' ? out : UNSURE;
      });
    } else if (d.check === 'min_length' && typeof d.minimum === 'number') {
      // A condition (`when`) can only make zod skip the check, never fail more: checking always is safe.
      const min = d.minimum;
      steps.push((s) => (s.length >= 2 * min || (s.length >= min && codePoints(s) >= min) ? s : UNSURE));
    } else if (d.check === 'max_length' && typeof d.maximum === 'number') {
      const max = d.maximum;
      steps.push((s) => (s.length <= max ? s : UNSURE));
    } else if (d.check === 'string_format' && d.format === 'regex' && d.pattern instanceof RegExp && d.when === undefined) {
      const pattern = d.pattern;
      steps.push((s) => {
        pattern.lastIndex = 0;
        return pattern.test(s) ? s : UNSURE;
      });
    } else {
      return undefined;
    }
  }
  if (steps.length === 0) return (v) => (typeof v === 'string' ? v : UNSURE);
  if (steps.length === 1) {
    const only = steps[0]!;
    return (v) => (typeof v === 'string' ? only(v) : UNSURE);
  }
  if (steps.length === 2) {
    const [first, second] = steps as [StringStep, StringStep];
    return (v) => {
      if (typeof v !== 'string') return UNSURE;
      const s = first(v);
      return s === UNSURE ? UNSURE : second(s);
    };
  }
  return (v) => {
    if (typeof v !== 'string') return UNSURE;
    let s: string | Unsure = v;
    for (const step of steps) {
      s = step(s);
      if (s === UNSURE) return UNSURE;
    }
    return s;
  };
}

function compileNumber(checks: ZodCheck[]): Check | undefined {
  let integer = false;
  const bounds: Array<(v: number) => boolean> = [];
  for (const ch of checks) {
    const d = ch._zod.def;
    if (d.when !== undefined) return undefined;
    const limit = d.value;
    if (d.check === 'number_format' && d.format === 'safeint') integer = true;
    else if (d.check === 'greater_than' && typeof limit === 'number') bounds.push(d.inclusive === true ? (v) => v >= limit : (v) => v > limit);
    else if (d.check === 'less_than' && typeof limit === 'number') bounds.push(d.inclusive === true ? (v) => v <= limit : (v) => v < limit);
    else return undefined;
  }
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return UNSURE;
    if (integer && !Number.isSafeInteger(v)) return UNSURE;
    for (const within of bounds) if (!within(v)) return UNSURE;
    return v;
  };
}

/** A list's length limits, where its checks are those alone (else this module leaves the list to zod). */
function lengthLimits(def: ZodDef): { min: number; max: number } | undefined {
  let min = 0;
  let max = Infinity;
  for (const ch of def.checks ?? []) {
    const d = ch._zod.def;
    if (d.check === 'min_length' && typeof d.minimum === 'number') min = Math.max(min, d.minimum);
    else if (d.check === 'max_length' && typeof d.maximum === 'number') max = Math.min(max, d.maximum);
    else return undefined;
  }
  return { min, max };
}

function compileArray(def: ZodDef): Check | undefined {
  const limits = lengthLimits(def);
  if (!def.element || !limits) return undefined;
  const { min, max } = limits;
  const element = compile(def.element);
  return (input, reuse) => {
    if (!Array.isArray(input) || input.length < min || input.length > max) return UNSURE;
    const array = input as unknown[];
    const n = array.length;
    let out: unknown[] | undefined = reuse && Object.getPrototypeOf(array) === Array.prototype ? undefined : new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const item = array[i];
      const r = element(item, reuse);
      if (r === UNSURE) return UNSURE;
      if (out) out[i] = r;
      else if (r !== item) {
        out = new Array<unknown>(n);
        for (let k = 0; k < i; k++) out[k] = array[k];
        out[i] = r;
      }
    }
    return out ?? array;
  };
}

interface Field {
  key: string;
  check: Check;
  optional: boolean;
}

/**
 * The fields of a strict object (an unknown key is a problem zod reports), each with the schema
 * of its value (an optional field's inner one); undefined for any other object, which this
 * module leaves to zod.
 */
function strictFields(def: ZodDef): Array<{ key: string; schema: z.ZodType; optional: boolean }> | undefined {
  const shape = def.shape;
  if (!shape || !def.catchall || internals(def.catchall).def.type !== 'never') return undefined;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const fields: Array<{ key: string; schema: z.ZodType; optional: boolean }> = [];
  for (const key of Object.keys(shape)) {
    if (key === '__proto__') return undefined;
    const field = internals(shape[key]!);
    const optional = field.optin === 'optional' && field.optout === 'optional' && field.def.type === 'optional';
    if (!optional && (field.optin !== undefined || field.optout !== undefined)) return undefined;
    if (optional && ((field.def.checks ?? []).length > 0 || !field.def.innerType)) return undefined;
    fields.push({ key, schema: optional ? field.def.innerType! : shape[key]!, optional });
  }
  return fields;
}

function compileObject(def: ZodDef): Check | undefined {
  const strict = strictFields(def);
  if (!strict) return undefined;
  const refinements: ZodCheck[] = [];
  for (const ch of def.checks ?? []) {
    if (ch._zod.def.check !== 'custom' || ch._zod.def.when !== undefined) return undefined;
    refinements.push(ch);
  }
  const fields: Field[] = strict.map(({ key, schema, optional }) => ({ key, check: compile(schema), optional }));
  const index = new Map(fields.map((field, i) => [field.key, i]));
  const count = fields.length;
  const refine = (result: Record<string, unknown>): unknown => {
    for (const refinement of refinements) {
      const payload = { value: result as unknown, issues: [] as unknown[] };
      const done = refinement._zod.check(payload);
      if (done instanceof Promise || payload.issues.length > 0) return UNSURE;
    }
    return result;
  };

  /** Any object: every key known; the output is built in the schema's order unless it can be reused. */
  const general = (record: Record<string, unknown>, reuse: boolean): unknown => {
    let ordered = reuse;
    let last = -1;
    let listed = 0;
    for (const key in record) {
      const at = index.get(key);
      if (at === undefined) return UNSURE;
      if (at < last) ordered = false;
      last = at;
      listed++;
    }
    let out: Record<string, unknown> | undefined = ordered ? undefined : {};
    let present = 0;
    for (let i = 0; i < count; i++) {
      const field = fields[i]!;
      const key = field.key;
      if (!(key in record)) {
        if (field.optional) continue;
        return UNSURE;
      }
      present++;
      const value = record[key];
      // An optional key written with no value (not possible in YAML) is kept as undefined, as zod does.
      const r = field.optional && value === undefined ? undefined : field.check(value, reuse);
      if (r === UNSURE) return UNSURE;
      if (out) out[key] = r;
      else if (r !== value) {
        out = {};
        for (let k = 0; k < i; k++) {
          const before = fields[k]!.key;
          if (before in record) out[before] = record[before];
        }
        out[key] = r;
      }
    }
    // A key zod sees (`in`) that a loop over the keys does not (not enumerable): zod's output lists it.
    if (!out && present !== listed) {
      out = {};
      for (const field of fields) if (field.key in record) out[field.key] = record[field.key];
    }
    return refine(out ?? record);
  };

  return (input, reuse) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input) || Object.getPrototypeOf(input) !== Object.prototype) return UNSURE;
    const record = input as Record<string, unknown>;
    if (!reuse) return general(record, reuse);
    // The usual case, in one pass: the keys are some of the schema's, in its order, and every
    // value is its own output. Anything else takes the general path. `for...in` lists no array:
    // with Object.prototype as the prototype, it gives the own enumerable keys in Object.keys's order.
    let i = 0;
    for (const key in record) {
      // Fields before this key: each optional, and absent (else present out of order, or hidden).
      while (i < count && fields[i]!.key !== key) {
        const skipped = fields[i++]!;
        if (!skipped.optional || skipped.key in record) return general(record, reuse);
      }
      // A key the schema does not have, or has before a key already met.
      if (i === count) return general(record, reuse);
      const field = fields[i++]!;
      const value = record[key];
      if (value === undefined || field.check(value, true) !== value) return general(record, reuse);
    }
    for (; i < count; i++) if (!fields[i]!.optional || fields[i]!.key in record) return general(record, reuse);
    return refine(record);
  };
}

function compileRecord(def: ZodDef): Check | undefined {
  if (!def.keyType || !def.valueType || (def.checks ?? []).length > 0) return undefined;
  const keyZod = internals(def.keyType);
  // Keys from a fixed list take another path in zod: leave those to zod.
  if (keyZod.values || keyZod.def.type !== 'string') return undefined;
  const keyCheck = compile(def.keyType);
  const valueCheck = compile(def.valueType);
  return (input, reuse) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input) || Object.getPrototypeOf(input) !== Object.prototype) return UNSURE;
    const record = input as Record<string, unknown>;
    const keys = Object.keys(record);
    if (Object.getOwnPropertyNames(record).length !== keys.length || Object.getOwnPropertySymbols(record).length > 0) return UNSURE;
    let out: Record<string, unknown> | undefined = reuse ? undefined : {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      // A key the key schema changes (trims) may collide with another: zod settles that.
      if (key === '__proto__' || keyCheck(key, reuse) !== key) return UNSURE;
      const value = record[key];
      const r = valueCheck(value, reuse);
      if (r === UNSURE) return UNSURE;
      if (out) out[key] = r;
      else if (r !== value) {
        out = {};
        for (let k = 0; k < i; k++) out[keys[k]!] = record[keys[k]!];
        out[key] = r;
      }
    }
    return out ?? record;
  };
}

/** A part of a value that zod must look at, with the schema of that part and where it is. */
export interface SchemaPart {
  path: Array<string | number>;
  schema: z.ZodType;
  value: unknown;
}

type Narrow = (value: unknown, path: Array<string | number>, parts: SchemaPart[]) => void;

/**
 * Compile a zod schema into a function that finds the smallest parts of a value zod must look
 * at to report its problems: everything outside those parts passes the fast checks above, and
 * no check of an enclosing object or list depends on them. zod's issues for the whole value are
 * then exactly zod's issues for each part in turn, each path led by the part's own: a file with
 * one wrong value costs zod's check of that value instead of the whole file's.
 *
 * It descends only where zod's result is the sum of its children's: a strict object with every
 * required key and no unknown one, and no refinement (whether one runs depends on its children's
 * problems); a list within its length limits; a record whose keys all pass. Anything else is one
 * part, checked by zod whole. No part at all means the fast checks found nothing wrong (they are
 * conservative): zod must then check the whole value. test/unit/schema-fast-path compares the
 * issues with zod's over thousands of changed items.
 * @example compileNarrowing(itemSchema)(data) // [{ path: ['materials', 0, 'necessity'], schema, value: 'requred' }]
 */
export function compileNarrowing(schema: z.ZodType): (value: unknown) => SchemaPart[] {
  const narrow = narrowing(schema);
  return (value) => {
    const parts: SchemaPart[] = [];
    narrow(value, [], parts);
    return parts;
  };
}

function narrowing(schema: z.ZodType): Narrow {
  const def = internals(schema).def;
  const inner =
    def.coerce === true
      ? undefined
      : def.type === 'object'
        ? narrowObject(def)
        : def.type === 'array'
          ? narrowArray(def)
          : def.type === 'record'
            ? narrowRecord(def)
            : undefined;
  if (inner) {
    // A container zod must check whole (`inner` gives false), or the parts inside it.
    return (value, path, parts) => {
      if (!inner(value, path, parts)) parts.push({ path: [...path], schema, value });
    };
  }
  const check = compile(schema);
  return (value, path, parts) => {
    if (check(value, false) === UNSURE) parts.push({ path: [...path], schema, value });
  };
}

/** Narrows inside a container and returns true, or returns false (adding nothing) where zod must check it whole. */
type Inner = (value: unknown, path: Array<string | number>, parts: SchemaPart[]) => boolean;

const plainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function narrowObject(def: ZodDef): Inner | undefined {
  // Only objects the fast check knows, without refinements.
  const strict = (def.checks ?? []).length > 0 ? undefined : strictFields(def);
  if (!strict) return undefined;
  const fields = strict.map(({ key, schema, optional }) => ({ key, narrow: narrowing(schema), optional }));
  const known = new Set(fields.map((f) => f.key));
  return (value, path, parts) => {
    if (!plainObject(value)) return false;
    const keys = Object.keys(value);
    // Keys zod sees (`in`) but a listing does not, an unknown key or a missing one: zod reports those.
    if (Object.getOwnPropertyNames(value).length !== keys.length || Object.getOwnPropertySymbols(value).length > 0) return false;
    for (const key of keys) if (!known.has(key)) return false;
    for (const field of fields) if (!field.optional && !(field.key in value)) return false;
    for (const field of fields) {
      if (!(field.key in value)) continue;
      const v = value[field.key];
      if (field.optional && v === undefined) continue;
      path.push(field.key);
      field.narrow(v, path, parts);
      path.pop();
    }
    return true;
  };
}

function narrowArray(def: ZodDef): Inner | undefined {
  const limits = lengthLimits(def);
  if (!def.element || !limits) return undefined;
  const { min, max } = limits;
  const element = narrowing(def.element);
  return (value, path, parts) => {
    if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype || value.length < min || value.length > max) return false;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      element(value[i], path, parts);
      path.pop();
    }
    return true;
  };
}

function narrowRecord(def: ZodDef): Inner | undefined {
  if (!def.keyType || !def.valueType || (def.checks ?? []).length > 0) return undefined;
  const keyZod = internals(def.keyType);
  if (keyZod.values || keyZod.def.type !== 'string') return undefined;
  const keyCheck = compile(def.keyType);
  const valueNarrow = narrowing(def.valueType);
  return (value, path, parts) => {
    if (!plainObject(value)) return false;
    const keys = Object.keys(value);
    if (Object.getOwnPropertyNames(value).length !== keys.length || Object.getOwnPropertySymbols(value).length > 0) return false;
    // A key that fails, or that its schema changes (and so may collide with another): zod decides.
    for (const key of keys) if (key === '__proto__' || keyCheck(key, false) !== key) return false;
    for (const key of keys) {
      path.push(key);
      valueNarrow(value[key], path, parts);
      path.pop();
    }
    return true;
  };
}
