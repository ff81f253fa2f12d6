import { isCollection, isMap, isScalar, isSeq, parseDocument, visit, Document, type Node } from 'yaml';
import { itemSchema } from '../schema/item.js';
import type { ImportedItem, KnownNames } from './import-rows.js';
import { keepUntouchedLines } from './keep-lines.js';
import { resolveCriteria, resolveProcess, type CriterionDraft, type ProcessDraft } from './process-draft.js';

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
 * article, steps and criteria by id or else by name and subject) so that what the sheet does not
 * carry (ids, article texts) is kept. The process and the criteria name materials and steps;
 * they are resolved to ids last, against the item's lists as the import leaves them.
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

/**
 * The material and step names of each existing item, by 基本编码: what a process or criteria
 * sheet may refer to when the workbook does not list them itself.
 */
export function knownNames(existing: readonly ExistingItemFile[]): Map<string, KnownNames> {
  const out = new Map<string, KnownNames>();
  const names = (list: unknown, key: string) =>
    Array.isArray(list)
      ? list.flatMap((e) =>
          e !== null && typeof e === 'object' && typeof (e as Record<string, unknown>)[key] === 'string' ? [(e as Record<string, string>)[key]!] : [],
        )
      : [];
  for (const file of existing) {
    let data: Record<string, unknown> | null;
    try {
      data = parseDocument(file.text).toJS() as Record<string, unknown> | null;
    } catch {
      continue;
    }
    const code = data?.code;
    if ((typeof code !== 'string' && typeof code !== 'number') || out.has(String(code))) continue;
    out.set(String(code), { materials: names(data!.materials, 'name'), steps: names((data!.process as { steps?: unknown } | undefined)?.steps, 'name') });
  }
  return out;
}

/** Values that refer to other lists of the item by name: resolved last, in this order. */
const REFERRING = ['process', 'criteria'];
const later = (item: ImportedItem) => [
  ...item.values.filter((v) => !REFERRING.includes(v.path[0]!)),
  ...REFERRING.flatMap((key) => item.values.filter((v) => v.path[0] === key)),
];

/** A process or criteria draft as the item's value, against the item as it is so far (`data`) and as its file had it (`before`). */
function resolved(key: string, draft: unknown, data: Record<string, unknown>, before: Record<string, unknown>): unknown {
  if (key === 'process') return resolveProcess(draft as ProcessDraft, data.materials, before.process);
  return resolveCriteria(draft as CriterionDraft[], (data.process as { steps?: unknown } | undefined)?.steps, before.criteria);
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
  for (const v of later(item)) {
    const value = REFERRING.includes(v.path[0]!) ? resolved(v.path[0]!, v.value, data, {}) : mergeList(v.path, v.value, undefined);
    setPath(data, v.path, value);
  }
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
  const current = (doc.toJS() ?? {}) as Record<string, unknown>;
  const changed: string[] = [];
  // The item as it will be, for the values that refer to its other lists.
  const after = structuredClone(current);
  for (const v of later(item)) {
    if (v.path[0] === 'process') {
      const value = resolved('process', v.value, after, current) as { steps: unknown; special?: unknown };
      after.process = value;
      const before = (current.process ?? {}) as { steps?: unknown; special?: unknown };
      if (!sameMeaning(before.steps, value.steps)) {
        setStyled(doc, ['process', 'steps'], value.steps);
        changed.push('process.steps');
      }
      // No special procedure in the sheet: none in the item (an empty list is the same).
      if (!sameMeaning(before.special ?? [], value.special ?? [])) {
        if (value.special === undefined) doc.deleteIn(['process', 'special']);
        else setStyled(doc, ['process', 'special'], value.special);
        changed.push('process.special');
      }
      continue;
    }
    const before = getPath(current, v.path);
    const value = v.path[0] === 'criteria' ? resolved('criteria', v.value, after, current) : mergeList(v.path, v.value, before);
    setPath(after, v.path, value);
    if (sameMeaning(before, value) || (v.path[0] === 'criteria' && before === undefined && sameMeaning([], value))) continue;
    if (v.path[0] === 'criteria') setStyled(doc, v.path, value);
    else setDeep(doc, v.path, value);
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

/**
 * Set a list of entries (steps, criteria) as the file writes its own: each collection of the new
 * value takes the flow style of the collection at the same place in the old value, and where the
 * old has none, time limits and short lists of names are written on one line as new files are.
 */
function setStyled(doc: Document, path: string[], value: unknown): void {
  const old = doc.getIn(path, true) as Node | undefined;
  const created = doc.createNode(value) as Node;
  styleLike(created, old);
  if (doc.getIn(path.slice(0, -1), true) === undefined) doc.setIn(path.slice(0, -1), doc.createNode({}));
  doc.setIn(path, created);
}

function styleLike(node: unknown, old: unknown): void {
  if (isMap(node)) {
    node.flow = isMap(old) ? old.flow === true : node.items.length === 2 && node.has('value') && node.has('unit');
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      styleLike(pair.value, isMap(old) ? old.get(key, true) : undefined);
    }
  } else if (isSeq(node)) {
    const oldSeq = isSeq(old) ? old : undefined;
    const short = node.items.length <= 8 && node.items.every((entry) => isScalar(entry) && String(entry.value).length <= 20);
    node.flow = oldSeq ? oldSeq.flow === true : short;
    // Entries like the old entry at the same place, else like the old list's last one.
    node.items.forEach((entry, i) => styleLike(entry, oldSeq ? (oldSeq.items[i] ?? oldSeq.items.at(-1)) : undefined));
  }
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
