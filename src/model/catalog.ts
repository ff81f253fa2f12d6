import type { CatalogMeta } from '../schema/catalog.js';
import type { Departments } from '../schema/departments.js';
import type { Hall } from '../schema/hall.js';
import type { Item } from '../schema/item.js';
import type { Region } from '../load/regions-csv.js';

export type { Region };

export interface ItemEntry {
  /** The path shown to users (relative to the working directory). */
  file: string;
  /** The path relative to the catalog folder, however the folder was named on the command line. */
  rel?: string;
  item: Item;
}

export interface HallEntry {
  file: string;
  hall: Hall;
}

/**
 * The in-memory catalog every rule and emitter works on. Only files that passed their schema
 * are here; `meta` and `departments` are undefined when their file is missing or invalid.
 */
export interface Catalog {
  root: string;
  metaFile: string;
  meta: CatalogMeta | undefined;
  departmentsFile: string;
  departments: Departments | undefined;
  regions: Region[];
  regionByCode: Map<string, Region>;
  items: ItemEntry[];
  halls: HallEntry[];
  /**
   * Codes named by item files that did not load (syntax or schema errors). Those files have
   * their own diagnostics; rules that look items up by code skip these codes instead of
   * reporting the item as missing.
   */
  unloadedCodes: Set<string>;
}
