import { t, type Text } from '../i18n/lang.js';
import type { Catalog, ItemEntry } from '../model/catalog.js';
import { UNIFIED_DEFAULT } from '../schema/catalog.js';
import { TIERS, type Tier } from '../schema/common.js';
import { sameData } from './canonical.js';
import { compareClauses, defaultClauseTerms, type ClauseTerms } from './clauses.js';
import { compareItem, type HallLocal } from './compare-item.js';
import type { CatalogChanges, DiffResult, ItemDiff, ItemFigures, SideInfo } from './diff-result.js';
import { sumFigures } from './figures.js';
import { compareFeeds } from './hall-feeds.js';

/** One side of a comparison: a composed catalog and where it came from. */
export interface DiffSide {
  catalog: Catalog;
  source: string;
  kind: 'folder' | 'revision';
  commit?: string;
  /** Catalog-relative paths of files that did not load (syntax or schema errors). */
  failed?: ReadonlySet<string>;
}

/**
 * Compare two composed catalogs: items added, removed, renamed and changed (with the changed
 * elements named), the reform figures of the change, catalog-level changes, and which feeds a
 * build would write differently. Items are matched by code. Vague and catch-all clauses are
 * found with the term lists and matcher of the validate rules. Pure but for reading licat's own
 * term lists once.
 * @example const result = diffCatalogs({ catalog: a, source: 'v1', kind: 'folder' }, { catalog: b, source: 'v2', kind: 'folder' });
 */
export function diffCatalogs(base: DiffSide, head: DiffSide, terms: ClauseTerms = defaultClauseTerms()): DiffResult {
  const notes: Text[] = [];
  const baseItems = byCode(base, notes);
  const headItems = byCode(head, notes);
  const unified = new Set<string>([...(base.catalog.meta?.unified ?? UNIFIED_DEFAULT), ...(head.catalog.meta?.unified ?? UNIFIED_DEFAULT)]);
  const baseHalls = hallLocals(base.catalog);
  const headHalls = hallLocals(head.catalog);

  const feeds = compareFeeds(base.catalog, head.catalog);

  const items: ItemDiff[] = [];
  let unchanged = 0;
  for (const code of [...new Set([...baseItems.keys(), ...headItems.keys()])].sort()) {
    const b = baseItems.get(code);
    const h = headItems.get(code);
    const offeredAt = feeds.offeredAt.get(code) ?? { base: 0, head: 0 };
    const file = { ...(b ? { base: b.file } : {}), ...(h ? { head: h.file } : {}) };
    if (b && h) {
      const { changes, figures } = compareItem(b.item, h.item, unified, baseHalls.get(code), headHalls.get(code));
      if (changes.length === 0) {
        unchanged++;
        continue;
      }
      const elements = [...new Set(changes.map((c) => c.element))];
      items.push({
        code,
        status: b.item.name !== h.item.name ? 'renamed' : 'changed',
        name: h.item.name,
        ...(b.item.name !== h.item.name ? { baseName: b.item.name } : {}),
        department: h.item.department,
        file,
        elements,
        unified: elements.filter((e) => unified.has(e)),
        changes,
        figures: { ...figures, clauses: compareClauses(b.item, h.item, terms) },
        offeredAt,
      });
      continue;
    }
    const entry = (b ?? h)!;
    const otherSide = b ? head : base;
    const unreadable = otherSide.failed?.has(relative(b ? base.catalog : head.catalog, entry.file)) ?? false;
    items.push({
      code,
      status: unreadable ? 'unreadable' : b ? 'removed' : 'added',
      name: entry.item.name,
      department: entry.item.department,
      file,
      ...(unreadable ? { unreadableIn: b ? ('head' as const) : ('base' as const) } : {}),
      elements: [],
      unified: [],
      changes: [],
      // A new item's vague and catch-all clauses are introduced by this change; a removed item's are not "made precise".
      figures: { ...emptyFigures(), clauses: compareClauses(undefined, h && !unreadable ? h.item : undefined, terms) },
      offeredAt,
    });
  }

  const count = (status: ItemDiff['status']) => items.filter((i) => i.status === status).length;
  return {
    version: 1,
    base: sideInfo(base, baseItems.size, feeds.halls.base),
    head: sideInfo(head, headItems.size, feeds.halls.head),
    summary: {
      added: count('added'),
      removed: count('removed'),
      renamed: count('renamed'),
      changed: count('changed'),
      unifiedChanged: items.filter((i) => i.unified.length > 0).length,
      unreadable: count('unreadable'),
      unchanged,
    },
    figures: sumFigures(items),
    catalog: catalogChanges(base.catalog, head.catalog),
    items,
    feeds: feeds.changes,
    notes,
  };
}

function emptyFigures(): Omit<ItemFigures, 'clauses'> {
  return { steps: { removed: 0, added: 0, changed: 0 }, materials: { removed: 0, added: 0, changed: 0 }, fees: { removed: 0, added: 0, changed: 0 } };
}

function sideInfo(side: DiffSide, items: number, halls: number): SideInfo {
  return {
    source: side.source,
    kind: side.kind,
    ...(side.commit ? { commit: side.commit } : {}),
    ...(side.catalog.meta ? { catalogId: side.catalog.meta.id, catalogVersion: side.catalog.meta.version } : {}),
    items,
    halls,
  };
}

/** Items by code; a code in several files is compared by its first file (in path order), with a note. */
function byCode(side: DiffSide, notes: Text[]): Map<string, ItemEntry> {
  const out = new Map<string, ItemEntry>();
  const sorted = [...side.catalog.items].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const entry of sorted) {
    const first = out.get(entry.item.code);
    if (!first) out.set(entry.item.code, entry);
    else {
      notes.push(
        t(
          `${side.source}：基本编码 ${entry.item.code} 出现在多个文件中，只比较 ${first.file}，未比较 ${entry.file}`,
          `${side.source}: code ${entry.item.code} is in more than one file; compared ${first.file}, not ${entry.file}`,
        ),
      );
    }
  }
  return out;
}

/** Per item code, what each hall file says about it. */
function hallLocals(catalog: Catalog): Map<string, Map<string, HallLocal>> {
  const out = new Map<string, Map<string, HallLocal>>();
  const at = (code: string, region: string, hallName: string): HallLocal => {
    let m = out.get(code);
    if (!m) out.set(code, (m = new Map<string, HallLocal>()));
    let entry = m.get(region);
    if (!entry) m.set(region, (entry = { hallName }));
    return entry;
  };
  const seen = new Set<string>();
  for (const { hall } of catalog.halls) {
    if (seen.has(hall.region)) continue;
    seen.add(hall.region);
    for (const [code, local] of Object.entries(hall.items ?? {})) at(code, hall.region, hall.name).local = local;
    for (const n of hall.notOffered ?? []) at(n.code, hall.region, hall.name).notOffered = n.reason;
  }
  return out;
}

function relative(catalog: Catalog, file: string): string {
  const root = catalog.root.replace(/\/+$/, '');
  return root === '.' || root === '' ? file : file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

function catalogChanges(base: Catalog, head: Catalog): CatalogChanges {
  const bm = base.meta;
  const hm = head.meta;
  const minus = <T>(a: readonly T[], b: readonly T[]) => a.filter((x) => !b.includes(x));
  const bu = bm?.unified ?? [...UNIFIED_DEFAULT];
  const hu = hm?.unified ?? [...UNIFIED_DEFAULT];
  const bt: readonly Tier[] = bm?.tiers ?? TIERS;
  const ht: readonly Tier[] = hm?.tiers ?? TIERS;

  const bk = base.departments?.kinds ?? {};
  const hk = head.departments?.kinds ?? {};
  // Own keys only, here and below: a kind named `constructor` is not Object's.
  const kinds = (a: object, b: object) =>
    Object.keys(a)
      .filter((k) => !Object.hasOwn(b, k))
      .sort();
  const bodies = { bodiesAdded: 0, bodiesRemoved: 0, bodiesChanged: 0 };
  const bb = (base.departments?.bodies ?? {}) as Record<string, Record<string, unknown>>;
  const hb = (head.departments?.bodies ?? {}) as Record<string, Record<string, unknown>>;
  for (const kind of new Set([...Object.keys(bb), ...Object.keys(hb)])) {
    const x = Object.hasOwn(bb, kind) ? bb[kind]! : {};
    const y = Object.hasOwn(hb, kind) ? hb[kind]! : {};
    for (const region of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (!Object.hasOwn(x, region)) bodies.bodiesAdded++;
      else if (!Object.hasOwn(y, region)) bodies.bodiesRemoved++;
      else if (!sameData(x[region], y[region])) bodies.bodiesChanged++;
    }
  }

  const regions = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
  for (const r of head.regions) {
    const before = base.regionByCode.get(r.code);
    if (!before) regions.added.push(r.code);
    else if (before.name !== r.name || before.tier !== r.tier || before.parent !== r.parent) regions.changed.push(r.code);
  }
  for (const r of base.regions) if (!head.regionByCode.has(r.code)) regions.removed.push(r.code);

  return {
    ...(bm?.version !== hm?.version ? { version: { ...(bm ? { from: bm.version } : {}), ...(hm ? { to: hm.version } : {}) } } : {}),
    unified: { added: minus(hu, bu), removed: minus(bu, hu) },
    tiers: { added: minus(ht, bt), removed: minus(bt, ht) },
    departments: {
      kindsAdded: kinds(hk, bk),
      kindsRemoved: kinds(bk, hk),
      kindsChanged: Object.keys(hk)
        .filter((k) => Object.hasOwn(bk, k) && !sameData((bk as Record<string, unknown>)[k], (hk as Record<string, unknown>)[k]))
        .sort(),
      ...bodies,
    },
    regions,
  };
}
