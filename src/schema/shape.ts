import type { z } from 'zod';
import { catalogSchema } from './catalog.js';
import { departmentsSchema } from './departments.js';
import { hallSchema } from './hall.js';
import { itemSchema } from './item.js';
import { TIME_UNITS } from './common.js';

/** The kinds of YAML file of a catalog. */
export type YamlKind = 'catalog' | 'departments' | 'item' | 'hall';

/**
 * What a scalar position holds: `number`; `digits` (a code or code-list value made of digits,
 * such as a basic code, an item type or a region code); `time-unit` (working-day …).
 */
export type Leaf = 'number' | 'digits' | 'time-unit';

/**
 * The shape the schema declares at every level of a file: `keys` in order for a mapping with
 * named keys, `field` for what lies under each of them, `element` under a list's entries,
 * `values` under every value of a mapping keyed by data (a record) and `recordKey` what its keys
 * hold, `leaf` what a scalar position holds.
 */
export interface Shape {
  keys?: readonly string[];
  field?: ReadonlyMap<string, Shape>;
  element?: Shape;
  values?: Shape;
  recordKey?: Leaf;
  leaf?: Leaf;
}

interface Def {
  type: string;
  keyType?: z.ZodType;
  entries?: Record<string, string>;
  checks?: Array<{ _zod: { def: { check?: string; pattern?: RegExp } } }>;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Walk a zod schema down to its shape. */
export function shapeOf(schema: z.ZodType): Shape {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      return { keys: Object.keys(shape), field: new Map(Object.entries(shape).map(([k, v]) => [k, shapeOf(v)])) };
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return shapeOf(def.innerType!);
    case 'pipe':
      return shapeOf(def.in!);
    case 'array':
      return { element: shapeOf(def.element!) };
    case 'record': {
      const key = leafOf(def.keyType!);
      return { values: shapeOf(def.valueType!), ...(key && { recordKey: key }) };
    }
    default: {
      const leaf = leafOf(schema);
      return leaf ? { leaf } : {};
    }
  }
}

function leafOf(schema: z.ZodType): Leaf | undefined {
  const def = defOf(schema);
  if (def.type === 'number') return 'number';
  if (def.type === 'enum') {
    const values = Object.values(def.entries ?? {});
    if (values.length > 0 && values.every((v) => /^\d+$/.test(v))) return 'digits';
    if (values.length === TIME_UNITS.length && TIME_UNITS.every((u) => values.includes(u))) return 'time-unit';
  }
  if (def.type === 'string') {
    const pattern = def.checks?.map((c) => c._zod.def.pattern).find((p) => p !== undefined);
    if (pattern && /^\^\(?\\d/.test(pattern.source)) return 'digits';
  }
  return undefined;
}

let shapes: Record<YamlKind, Shape> | undefined;

/** The shape of each kind of YAML file of a catalog. */
export function shapeFor(kind: YamlKind): Shape {
  shapes ??= {
    catalog: shapeOf(catalogSchema),
    departments: shapeOf(departmentsSchema),
    item: shapeOf(itemSchema),
    hall: shapeOf(hallSchema),
  };
  return shapes[kind];
}
