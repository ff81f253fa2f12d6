/**
 * The tables of `dist/catalog.sqlite` (documented in docs/feeds.md, "The database"). JSON
 * columns hold arrays as JSON text (query them with SQLite's json_each). `search` is an FTS5
 * table with the trigram tokenizer, so Chinese text matches on any 3 or more characters.
 */
export const CATALOG_DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE codes (list TEXT NOT NULL, code TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL, PRIMARY KEY (list, code)) WITHOUT ROWID;
CREATE TABLE departments (kind TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, uscc TEXT NOT NULL, PRIMARY KEY (kind, region)) WITHOUT ROWID;
CREATE TABLE items (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, department TEXT NOT NULL,
  levels TEXT NOT NULL, accepted_at TEXT NOT NULL, service_objects TEXT NOT NULL, conditions TEXT NOT NULL,
  statutory_value INTEGER NOT NULL, statutory_unit TEXT NOT NULL, promised_value INTEGER NOT NULL, promised_unit TEXT NOT NULL,
  handling_kind TEXT NOT NULL, visits INTEGER NOT NULL, online_depth INTEGER NOT NULL, mobile INTEGER NOT NULL,
  cross_region TEXT NOT NULL, result_type TEXT NOT NULL, result_name TEXT NOT NULL, fees INTEGER NOT NULL, item TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE materials (
  item_code TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, necessity TEXT NOT NULL,
  source TEXT NOT NULL, forms TEXT NOT NULL, copies INTEGER, e_license INTEGER NOT NULL, condition TEXT, note TEXT,
  PRIMARY KEY (item_code, seq)
) WITHOUT ROWID;
CREATE TABLE steps (
  item_code TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, role TEXT, office TEXT,
  limit_value INTEGER, limit_unit TEXT, next TEXT NOT NULL, PRIMARY KEY (item_code, seq)
) WITHOUT ROWID;
CREATE TABLE halls (
  region TEXT PRIMARY KEY, tier TEXT NOT NULL, name TEXT NOT NULL, parent TEXT, city TEXT NOT NULL,
  hall_name TEXT, address TEXT, hours TEXT, phone TEXT, complaint_phone TEXT, items INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE offerings (
  region TEXT NOT NULL, item_code TEXT NOT NULL, role TEXT NOT NULL, body_region TEXT NOT NULL, body_name TEXT NOT NULL,
  body_uscc TEXT NOT NULL, exercises TEXT, implementation_codes TEXT NOT NULL, window TEXT,
  local_promised_value INTEGER, local_promised_unit TEXT, note TEXT, PRIMARY KEY (region, item_code)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search USING fts5(code UNINDEXED, name, conditions, materials, tokenize='trigram');
`;

/** Indexes created once the rows are in (faster than keeping them up to date row by row). */
export const CATALOG_INDEXES = `
CREATE INDEX offerings_item ON offerings (item_code, region);
CREATE INDEX items_department ON items (department);
CREATE INDEX halls_city ON halls (city, tier);
`;
