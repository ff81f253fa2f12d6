import type { Text } from '../i18n/lang.js';
import type { Duration, Tier } from '../schema/common.js';

/**
 * What `licat diff` found between two catalogs. This is the `--format json` contract
 * (docs/diff.md): keep field names stable, add rather than rename.
 */
export interface DiffResult {
  version: 1;
  base: SideInfo;
  head: SideInfo;
  summary: DiffSummary;
  figures: ReformFigures;
  catalog: CatalogChanges;
  /** Every item that is not unchanged, sorted by code. */
  items: ItemDiff[];
  feeds: FeedChanges;
  /** Things the reader should know about the comparison itself (duplicate codes, unreadable files). */
  notes: Text[];
}

export interface SideInfo {
  /** What the user passed: a folder or a revision. */
  source: string;
  kind: 'folder' | 'revision';
  /** The commit a revision resolved to. */
  commit?: string;
  catalogId?: string;
  catalogVersion?: string;
  items: number;
  halls: number;
}

export interface DiffSummary {
  added: number;
  removed: number;
  renamed: number;
  changed: number;
  /** Items present on both sides whose unified elements changed (every hall inherits these). */
  unifiedChanged: number;
  /** Items whose file could not be loaded on one side, so they were not compared. */
  unreadable: number;
  unchanged: number;
}

export type ItemStatus = 'added' | 'removed' | 'renamed' | 'changed' | 'unreadable';

/** One changed piece of an item. */
export interface ElementChange {
  /** Top-level key of the item (`materials`, `timeLimit`, …), or `halls` for hall files. */
  element: string;
  /** The element is one of the catalog's unified elements. */
  unified: boolean;
  change: 'added' | 'removed' | 'changed';
  /** What inside the element: a material or step id, a fee name, a field such as `promised`, a region code. */
  key?: string;
  /** Readable name of what changed (a material's name, a step's name). */
  name?: string;
  from?: unknown;
  to?: unknown;
  /** For a changed record: which of its fields changed. */
  fields?: string[];
}

export interface ItemDiff {
  code: string;
  status: ItemStatus;
  /** The head name, or the base name of a removed item. */
  name: string;
  /** The base name of a renamed item. */
  baseName?: string;
  department: string;
  file: { base?: string; head?: string };
  /** For `unreadable`: the side whose file did not load. */
  unreadableIn?: 'base' | 'head';
  /** Every element that changed, in item key order. */
  elements: string[];
  /** The unified elements among them. */
  unified: string[];
  changes: ElementChange[];
  figures: ItemFigures;
  /** Number of halls that offer the item on each side. */
  offeredAt: { base: number; head: number };
}

export interface ItemFigures {
  promised?: LimitChange;
  statutory?: LimitChange;
  steps: { removed: number; added: number; changed: number };
  materials: { removed: number; added: number; changed: number };
  fees: { removed: number; added: number; changed: number };
  clauses: { vague: ClauseChanges; catchAll: ClauseChanges };
  visits?: { from: number; to: number };
  onlineDepth?: { from: number; to: number };
  mobile?: { from: boolean; to: boolean };
}

/** A time limit that changed, with the working days it is sure to cut or add. */
export interface LimitChange {
  from: Duration;
  to: Duration;
  /** Working days the change is sure to cut (0 when it does not shorten). */
  cut: number;
  /** Working days the change is sure to add (0 when it does not lengthen). */
  added: number;
  /** False when a calendar-day limit made the working-day figure a lower bound. */
  exact: boolean;
}

export interface FlaggedClause {
  /** JSON pointer into the item file of that side. */
  path: string;
  text: string;
  /** The term that matched. */
  term: string;
}

export interface ClauseChanges {
  removed: FlaggedClause[];
  introduced: FlaggedClause[];
}

export interface ReformFigures {
  promised: { cutDays: number; addedDays: number; itemsCut: number; itemsLengthened: number; inexact: number };
  statutory: { changed: number; shortened: number; lengthened: number };
  steps: { removed: number; added: number; changed: number };
  materials: { removed: number; added: number; changed: number };
  fees: { removed: number; added: number; changed: number };
  vagueClauses: { removed: number; introduced: number };
  catchAllClauses: { removed: number; introduced: number };
  visits: { reduced: number; itemsReduced: number; increased: number; itemsIncreased: number };
  fullOnline: { to: number; from: number };
  mobile: { to: number; from: number };
}

export interface CatalogChanges {
  version?: { from?: string; to?: string };
  /** Elements added to or removed from catalog.yaml `unified`: a change every hall inherits. */
  unified: { added: string[]; removed: string[] };
  tiers: { added: Tier[]; removed: Tier[] };
  departments: { kindsAdded: string[]; kindsRemoved: string[]; kindsChanged: string[]; bodiesAdded: number; bodiesRemoved: number; bodiesChanged: number };
  regions: { added: string[]; removed: string[]; changed: string[] };
}

export interface FeedChanges {
  /** Item feeds (feeds/items/<code>.json). */
  items: { added: string[]; removed: string[]; changed: string[] };
  /** Hall feeds (feeds/halls/<region>.json), by region code. */
  halls: { added: string[]; removed: string[]; changed: string[]; unchanged: number };
  /** The same hall counts per tier. */
  hallsByTier: Partial<Record<Tier, { added: number; removed: number; changed: number; total: number }>>;
}
