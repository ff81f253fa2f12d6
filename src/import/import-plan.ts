import { isCollection, isMap, isScalar, isSeq, parseDocument, visit, Document, type Node } from 'yaml';
import { itemSchema } from '../schema/item.js';
import type { ImportedItem } from './import-rows.js';
import { keepUntouchedLines } from './keep-lines.js';

/** An item file of the catalog as it is now, by its path from the catalog folder. */
export interface ExistingItemFile {
  rel: string;
  text: string;
}

/** What importing does to one item file. */
export interface PlannedFile {
  /** Path from the catalog folder: `items/market/food-business-license.yaml`. */
  rel: string;
  code: string;
  action: 'create' | 'update' | 'unchanged';
  /** For updates: the keys whose meaning changed, as dotted paths (`timeLimit.promised`). */
  changed: string[];
  /** The file's text after the import. */
  text: string;
}

const SCHEMA_COMMENT = '# yaml-language-server: $schema=../../../schemas/item.schema.json\n';

/**
 * Decide what the imported rows do to the catalog: an item whose 基本编码 matches an existing
 * file updates that file in place (its YAML document is edited with `setIn`, so comments, key
 * order and flow style stay); any other item becomes `items/<department>/<code>.yaml`, its keys
 * in the schema's order. Values equal in meaning to what the file has are left untouched, and
 * list entries are matched to existing ones (materials and fees by name, legal bases by title and
 * article) so that what the sheet does not carry (ids, article texts) is kept.
 * Pure: texts in, texts out.
 */
export function planImport(imported: readonly ImportedItem[], existing: readonly ExistingItemFile[]): PlannedFile[] {
  const byCode = new Map<string, ExistingItemFile>();
  const taken = new Set(existing.map((f) => f.rel));
  for (const file of existing) {
    const code = readCode(file.text);
    if (code !== undefined && !byCode.has(code)) byCode.set(code, file);
  }
  const out: PlannedFile[] = [];
  for (const item of imported) {
    const file = byCode.get(item.code);
    if (file) out.push(update(item, file));
    else {
      const created = create(item, taken);
      if (created) out.push(created);
    }
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function readCode(text: string): string | undefined {
  try {
    const code = (parseDocument(text).toJS() as { code?: unknown } | null)?.code;
    return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
  } catch {
    return undefined;
  }
}

function create(item: ImportedItem, taken: Set<string>): PlannedFile | undefined {
  const data: Record<string, unknown> = { code: item.code };
  for (const v of item.values) setPath(data, v.path, mergeList(v.path, v.value, undefined));
  const department = data.department;
  if (typeof department !== 'string') return undefined;
  let rel = `items/${department}/${item.code}.yaml`;
  for (let n = 2; taken.has(rel); n++) rel = `items/${department}/${item.code}-${n}.yaml`;
  taken.add(rel);
  const doc = new Document(orderLike(data, itemSchema));
  // As the catalog's own files are written: short lists and time limits on one line.
  visit(doc, {
    Seq: (_, node) => {
      const short = node.items.every((entry) => isScalar(entry) && String(entry.value).length <= 20);
      if (short && node.items.length <= 8) node.flow = true;
    },
    Map: (_, node) => {
      if (node.items.length === 2 && node.has('value') && node.has('unit')) node.flow = true;
    },
  });
  const text = SCHEMA_COMMENT + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return { rel, code: item.code, action: 'create', changed: [], text };
}

function update(item: ImportedItem, file: ExistingItemFile): PlannedFile {
  const doc = parseDocument(file.text);
  const current = doc.toJS() as Record<string, unknown>;
  const changed: string[] = [];
  for (const v of item.values) {
    const before = getPath(current, v.path);
    const value = mergeList(v.path, v.value, before);
    if (sameMeaning(before, value)) continue;
    setDeep(doc, v.path, value);
    changed.push(v.path.join('.'));
  }
  if (changed.length === 0) return { rel: file.rel, code: item.code, action: 'unchanged', changed, text: file.text };
  return { rel: file.rel, code: item.code, action: 'update', changed, text: keepUntouchedLines(file.text, parseDocument(file.text), doc) };
}

/** How the entries of a list are matched to the existing ones. */
const LIST_KEYS: Record<string, (entry: Record<string, unknown>) => string> = {
  materials: (e) => String(e.name),
  fees: (e) => String(e.name),
  legalBasis: (e) => `${String(e.title)}\u0000${String(e.article)}`,
};

/**
 * A list from the sheet, each entry completed from the existing entry it matches (what the sheet
 * does not carry is kept, what it carries wins). New materials get an id unused in the item.
 */
function mergeList(path: string[], value: unknown, before: unknown): unknown {
  const keyOf = path.length === 1 ? LIST_KEYS[path[0]!] : undefined;
  if (!keyOf || !Array.isArray(value)) return value;
  const old = Array.isArray(before) ? (before as Array<Record<string, unknown>>) : [];
  const pool = new Map<string, Record<string, unknown>[]>();
  for (const entry of old) {
    const key = keyOf(entry);
    if (!pool.has(key)) pool.set(key, []);
    pool.get(key)!.push(entry);
  }
  const ids = new Set(old.map((e) => e.id));
  let next = 1;
  return (value as Array<Record<string, unknown>>).map((entry) => {
    const match = pool.get(keyOf(entry))?.shift();
    const merged: Record<string, unknown> = match ? { ...match, ...entry } : { ...entry };
    if (path[0] === 'materials' && merged.id === undefined) {
      while (ids.has(`material-${next}`)) next++;
      merged.id = `material-${next}`;
      ids.add(merged.id);
    }
    return path[0] === 'materials' && !match ? orderLike(merged, itemSchema.shape.materials.element) : merged;
  });
}

/**
 * Equal in meaning: the same data, where a `false` from the sheet equals an absent flag (the
 * export writes 否 for both).
 */
export function sameMeaning(before: unknown, after: unknown): boolean {
  if (after === false && before === undefined) return true;
  if (Array.isArray(after)) {
    return Array.isArray(before) && before.length === after.length && after.every((v, i) => sameMeaning(before[i], v));
  }
  if (after !== null && typeof after === 'object') {
    if (before === null || typeof before !== 'object' || Array.isArray(before)) return false;
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameMeaning(b[k], a[k]) || (a[k] === undefined && b[k] === false));
  }
  return before === after;
}

/** Set a value in the document, leaf by leaf into an existing mapping, keeping its flow style. */
function setDeep(doc: Document, path: string[], value: unknown): void {
  const node = doc.getIn(path, true) as Node | undefined;
  if (isMap(node) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setDeep(doc, [...path, k], v);
    return;
  }
  const created = doc.createNode(value) as Node;
  if (isCollection(node) && isCollection(created)) {
    if (node.flow) created.flow = true;
    // Entries written `- { suffix: "01", name: 企业 }` stay on one line each.
    const firstOld = isSeq(node) ? node.items[0] : undefined;
    if (isSeq(created) && isCollection(firstOld) && firstOld.flow) {
      for (const entry of created.items) if (isCollection(entry)) entry.flow = true;
    }
  }
  doc.setIn(path, created);
}

function getPath(data: unknown, path: readonly string[]): unknown {
  let at = data;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function setPath(data: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = data;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

/** Keys in the order the schema lists them (the order of the catalog's own files), recursively. */
function orderLike(value: unknown, schema: unknown): unknown {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def) return value;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return orderLike(value, def.innerType);
  if (def.type === 'array' && Array.isArray(value)) return value.map((v) => orderLike(v, def.element));
  if (def.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const shape = def.shape as Record<string, unknown>;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) if (input[key] !== undefined) out[key] = orderLike(input[key], shape[key]);
    for (const key of Object.keys(input)) if (!(key in out) && input[key] !== undefined) out[key] = input[key];
    return out;
  }
  return value;
}
