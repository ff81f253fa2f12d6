import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../i18n/lang.js';
import type { Catalog } from '../../model/catalog.js';
import { implementationCodes } from '../../model/derive-implementation-code.js';
import { planExpansion } from '../../model/expand.js';
import { FEED_VERSION } from '../../schema/feeds.js';
import { cacheKey, sealText, unsealText } from '../../load/cache-seal.js';
import { codeDigest } from '../../load/code-digest.js';
import { CODE_LISTS } from '../code-labels.js';
import type { EmitContext, Emitter } from '../emitter.js';
import { readAsRecorded } from '../recorded-file.js';
import { cityOf, departmentLabels } from '../feeds/codes.js';
import { catalogRef } from '../feeds/feed-paths.js';
import { CATALOG_DDL, CATALOG_INDEXES } from './catalog-schema.js';

/** The database's path in the output. */
export const DATABASE = 'catalog.sqlite';

/** Rows inserted between two turns of the event loop (progress, Ctrl-C). */
const YIELD_EVERY = 20000;

/**
 * `catalog.sqlite`: the whole catalog as SQLite tables (items, materials, steps, halls,
 * offerings, departments, codes, meta) with an FTS5 table over item names, conditions and
 * materials. Written with node-sqlite3-wasm (SQLite compiled to WebAssembly: nothing native to
 * install). The same catalog gives the same bytes. With a cache folder, an output whose catalog
 * is unchanged links the previous database instead of writing it again.
 */
export const databaseEmitter: Emitter = {
  id: 'database',
  description: '门户数据库 catalog.sqlite（含全文检索）/ the portal database catalog.sqlite, with full-text search',
  async emit(catalog, context) {
    const input = databaseInput(catalog);
    const reused = reusePrevious(context, input);
    if (reused) {
      context.log(t('数据库：目录未变，沿用上次构建', 'database: catalog unchanged, kept from the last build')[context.lang]);
      return;
    }
    const file = await context.out.streamPath(DATABASE);
    const rows = await writeDatabase(catalog, file, context);
    // SQLite creates its file readable by its owner only; the output's files are readable by all.
    chmodSync(file, 0o644);
    await context.out.added(DATABASE);
    rememberInput(context, input, file);
    context.log(t(`数据库：${rows.toLocaleString('en-US')} 行`, `database: ${rows.toLocaleString('en-US')} rows`)[context.lang]);
  },
};

/**
 * Write the database of `catalog` to `file` (which must not exist). Returns the number of rows.
 * @example await writeDatabase(catalog, '/tmp/catalog.sqlite')
 */
export async function writeDatabase(catalog: Catalog, file: string, context?: Pick<EmitContext, 'progress' | 'lang'>): Promise<number> {
  const { Database } = (await import('node-sqlite3-wasm')).default;
  const db = new Database(file);
  let rows = 0;
  try {
    db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;');
    db.exec(CATALOG_DDL);
    db.exec('BEGIN');
    const ref = catalogRef(catalog);
    const insert = (sql: string) => db.prepare(sql);
    const meta = insert('INSERT INTO meta VALUES (?, ?)');
    for (const [key, value] of [
      ['catalog_id', ref.id],
      ['catalog_version', ref.version],
      ['feed_version', String(FEED_VERSION)],
    ] as const)
      meta.run([key, value]);
    meta.finalize();

    const codes = insert('INSERT INTO codes VALUES (?, ?, ?, ?)');
    for (const [list, labels] of [...Object.entries(CODE_LISTS), ['department', departmentLabels(catalog)] as const]) {
      for (const l of labels) codes.run([list, l.code, l.zh, l.en]);
    }
    codes.finalize();

    const departments = insert('INSERT INTO departments VALUES (?, ?, ?, ?)');
    for (const [kind, bodies] of Object.entries(catalog.departments?.bodies ?? {})) {
      for (const [region, body] of Object.entries(bodies)) departments.run([kind, region, body.name, body.uscc]);
    }
    departments.finalize();

    const expansion = planExpansion(catalog);
    const items = insert('INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const materials = insert('INSERT INTO materials VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const steps = insert('INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const search = insert('INSERT INTO search (code, name, conditions, materials) VALUES (?, ?, ?, ?)');
    const seen = new Set<string>();
    for (const { item } of expansion.items) {
      if (seen.has(item.code)) continue;
      seen.add(item.code);
      const { timeLimit: tl, handling: h } = item;
      items.run([
        item.code,
        item.name,
        item.type,
        item.department,
        JSON.stringify(item.levels),
        JSON.stringify(item.acceptedAt ?? []),
        JSON.stringify(item.serviceObjects),
        JSON.stringify(item.conditions),
        tl.statutory.value,
        tl.statutory.unit,
        tl.promised.value,
        tl.promised.unit,
        h.kind,
        h.visits,
        h.onlineDepth,
        h.mobile ? 1 : 0,
        h.crossRegion,
        item.result.type,
        item.result.name,
        item.fees.length,
        JSON.stringify(item),
      ]);
      item.materials.forEach((m, seq) =>
        materials.run([
          item.code,
          seq + 1,
          m.id,
          m.name,
          m.necessity,
          m.source,
          JSON.stringify(m.forms),
          m.copies ?? null,
          m.eLicense ? 1 : 0,
          m.condition ?? null,
          m.note ?? null,
        ]),
      );
      item.process.steps.forEach((s, seq) =>
        steps.run([
          item.code,
          seq + 1,
          s.id,
          s.name,
          s.role ?? null,
          s.office ?? null,
          s.limit?.value ?? null,
          s.limit?.unit ?? null,
          JSON.stringify(s.next ?? Object.values(s.branches ?? {})),
        ]),
      );
      search.run([item.code, item.name, item.conditions.join('\n'), item.materials.map((m) => m.name).join('\n')]);
      rows += 1 + item.materials.length + item.process.steps.length;
    }
    for (const s of [items, materials, steps, search]) s.finalize();

    const halls = insert('INSERT INTO halls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const offerings = insert('INSERT INTO offerings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const total = expansion.tree.halls.length;
    const label = context && t('写入数据库', 'writing the database')[context.lang];
    let done = 0;
    for (const hall of expansion.halls()) {
      const { region } = hall;
      const facts = hall.hall?.hall;
      halls.run([
        region.code,
        region.tier,
        region.name,
        region.parent,
        cityOf(expansion.tree, region),
        facts?.name ?? null,
        facts?.address ?? null,
        facts?.hours ?? null,
        facts?.phone ?? null,
        facts?.complaintPhone ?? null,
        hall.offers.length,
      ]);
      for (const offer of hall.offers) {
        const { item } = offer.entry;
        offerings.run([
          region.code,
          item.code,
          offer.role,
          offer.decider.code,
          offer.body.name,
          offer.body.uscc,
          offer.power !== offer.decider.tier ? offer.power : null,
          JSON.stringify(implementationCodes(offer.body.uscc, offer.decider.tier, item).map((c) => c.code)),
          offer.local?.window ?? null,
          offer.local?.promised?.value ?? null,
          offer.local?.promised?.unit ?? null,
          offer.local?.note ?? null,
        ]);
      }
      rows += 1 + hall.offers.length;
      if (++done % 1000 === 0) {
        if (label) context?.progress?.(label, done, total);
        if (done % (YIELD_EVERY / 20) === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    halls.finalize();
    offerings.finalize();
    db.exec(CATALOG_INDEXES);
    db.exec('COMMIT');
    db.exec("INSERT INTO search(search) VALUES ('optimize')");
    if (label) context?.progress?.(label, total, total);
  } finally {
    db.close();
  }
  return rows;
}

/** What the database is made of: the catalog's id, version, departments, regions, halls and items. */
function databaseInput(catalog: Catalog): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([catalog.meta, catalog.departments, String(FEED_VERSION)]));
  for (const r of catalog.regions) hash.update(`${r.code},${r.name},${r.tier},${r.parent ?? ''}\n`);
  for (const h of [...catalog.halls].sort((a, b) => (a.hall.region < b.hall.region ? -1 : a.hall.region > b.hall.region ? 1 : 0)))
    hash.update(JSON.stringify(h.hall));
  for (const i of [...catalog.items].sort((a, b) => (a.item.code < b.item.code ? -1 : a.item.code > b.item.code ? 1 : a.file < b.file ? -1 : 1)))
    hash.update(JSON.stringify(i.item));
  return hash.digest('hex');
}

interface DatabaseRecord {
  input: string;
  sha256: string;
  size: number;
}

function recordFile(context: EmitContext): string | undefined {
  if (context.cacheDir === undefined || context.previousOutput === undefined) return undefined;
  const key = createHash('sha256').update(path.resolve(context.previousOutput)).digest('hex').slice(0, 16);
  return path.join(context.cacheDir, `database-${key}.json`);
}

/**
 * Link the previous output's database when it was made from the same input by the same code and
 * is still that file. The record is sealed under the user's private key (load/cache-seal.ts), so
 * a record edited in a shared --cache-dir is not believed; the file is read (no link followed)
 * and must have the recorded size and sha256.
 */
function reusePrevious(context: EmitContext, input: string): boolean {
  const file = recordFile(context);
  const key = cacheKey();
  if (!file || !context.reuse || !key) return false;
  try {
    const body = unsealText(key, 'database', codeDigest(), readFileSync(file, 'utf8'));
    if (body === undefined) {
      context.note?.(
        t(`数据库缓存记录 ${file} 已被改动或不是本用户写入的，已忽略`, `the database cache record ${file} was edited or not written by this user; ignored`)[
          context.lang
        ],
      );
      return false;
    }
    const record = JSON.parse(body) as DatabaseRecord;
    if (record.input !== input || typeof record.sha256 !== 'string' || typeof record.size !== 'number') return false;
    const previous = path.join(context.previousOutput!, DATABASE);
    if (!readAsRecorded(previous, record)) return false;
    context.reuse.adopt(DATABASE, previous, { path: DATABASE, size: record.size, sha256: record.sha256 });
    return true;
  } catch {
    return false;
  }
}

/** Remember what the database just written was made from (best effort). */
function rememberInput(context: EmitContext, input: string, written: string): void {
  const file = recordFile(context);
  if (!file) return;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const bytes = readFileSync(written);
    const record: DatabaseRecord = { input, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength };
    const key = cacheKey();
    if (!key) return;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, sealText(key, 'database', codeDigest(), JSON.stringify(record)), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
