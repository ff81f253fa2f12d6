import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { codeDigest } from './code-digest.js';
import type { CheckedFile } from './check-file.js';
import { decodeUtf8 } from './decode.js';
import type { RawFile } from './read-catalog.js';

const PACK_PREFIX = 'parsed-';

/**
 * A cache of checked YAML files across runs, kept in one file (`parsed-<version>.json` in the
 * cache folder). An entry is keyed by the sha256 of the file's kind and bytes, so an edited file
 * misses and a renamed or moved file hits under its new name; the pack's name carries the
 * version of everything that shapes a result (licat's version, the loader's and the schemas'
 * code, js-yaml and zod), so a new version starts afresh. Only files that loaded without any
 * finding are stored: their result is the schema's output alone, which does not depend on the
 * file's name. Reading and writing are best effort: a damaged or unwritable cache is ignored.
 */
export class ParseCache {
  private readonly entries: Record<string, unknown>;
  private readonly used = new Map<string, unknown>();
  private added = 0;
  private dropped = 0;
  hits = 0;

  private constructor(
    private readonly dir: string,
    private readonly pack: string,
    entries: Record<string, unknown>,
  ) {
    this.entries = entries;
  }

  /** Open the cache in `dir` (created when saved). */
  static open(dir: string): ParseCache {
    const pack = `${PACK_PREFIX}${codeVersion()}.json`;
    let entries: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    try {
      const data = JSON.parse(readFileSync(path.join(dir, pack), 'utf8')) as { version?: unknown; entries?: unknown };
      if (data.version === 1 && data.entries !== null && typeof data.entries === 'object') {
        entries = Object.assign(Object.create(null) as Record<string, unknown>, data.entries);
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return new ParseCache(dir, pack, entries);
  }

  /** The key of a file: its kind and the sha256 of its bytes. */
  static key(raw: Pick<RawFile, 'kind' | 'bytes'>): string {
    return `${raw.kind}:${createHash('sha256').update(raw.bytes).digest('hex')}`;
  }

  /** The cached result of `raw`, as `checkFile` would return it, or undefined. */
  get(raw: RawFile, key = ParseCache.key(raw)): CheckedFile | undefined {
    if (!(key in this.entries)) return undefined;
    const decoded = decodeUtf8(raw.bytes, raw.file);
    if (decoded.finding) return undefined;
    // Two files with the same bytes get two objects, as parsing them would give.
    const value = this.used.has(key) ? structuredClone(this.entries[key]) : this.entries[key];
    this.used.set(key, this.entries[key]);
    this.hits++;
    return { file: raw.file, text: decoded.text, findings: [], value };
  }

  /** Remember a result; only a clean, loaded file is kept. */
  set(raw: RawFile, checked: CheckedFile, key = ParseCache.key(raw)): void {
    if (checked.value === undefined || checked.findings.length > 0) return;
    if (!(key in this.entries)) this.added++;
    this.used.set(key, checked.value);
  }

  /**
   * Write the entries used in this run (so the pack holds the current files only) when anything
   * changed, and remove packs of other versions. Atomic: a reader sees the old or the new pack.
   */
  save(): void {
    for (const key of Object.keys(this.entries)) if (!this.used.has(key)) this.dropped++;
    if (this.added === 0 && this.dropped === 0) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const file = path.join(this.dir, this.pack);
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, entries: Object.fromEntries(this.used) }));
      renameSync(tmp, file);
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith(PACK_PREFIX) && name !== this.pack && !name.endsWith('.tmp')) rmSync(path.join(this.dir, name), { force: true });
      }
    } catch {
      // Best effort: the next run parses again.
    }
  }
}

/**
 * The version of everything that shapes a checked file: licat's version, the code of the loader
 * and the schemas (so a changed schema or rule of parsing never meets an old entry, even without
 * a version bump), and the versions of js-yaml and zod.
 */
export function codeVersion(): string {
  return codeDigest(['load', 'schema', 'i18n', 'diagnostics'], ['js-yaml', 'zod']);
}
