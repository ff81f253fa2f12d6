import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Text } from '../i18n/lang.js';
import { t } from '../i18n/lang.js';
import { cacheKey, unsealBytes, writeSealed } from './cache-seal.js';
import { readReused } from './read-whole.js';
import { knownDigest, rememberDigest } from './value-digest.js';
import { codeDigest } from './code-digest.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { CheckedFile, ItemFindings } from './check-file.js';
import { decodeUtf8 } from './decode.js';
import type { RawFile } from './read-catalog.js';

const PACK_PREFIX = 'parsed-';

/**
 * One cached file: the schema's output and, for an item, what the item-scope rules found in it
 * (their findings depend on the item alone; they are kept with no file name, given the file's
 * name when used).
 */
interface Entry {
  value: unknown;
  items?: ItemFindings;
  /** What the rules of the file's text found, with no file name (see `items`). */
  text?: Finding[];
  /** For an item, `valueDigest(value)`. */
  input?: string;
}

/**
 * A cache of checked YAML files across runs, kept in 16 packs (`parsed-<code>-<shard>.json` in the
 * cache folder, the shard being the first hex digit of an entry's sha256), so that editing one
 * file rewrites one or two packs of some 75 items, not all of them. An entry is keyed by the
 * sha256 of the file's kind and bytes, so an edited file misses and a renamed or moved file hits
 * under its new name. Each pack is sealed with an HMAC under the user's private key
 * (load/cache-seal.ts) over the code digest (every file of licat's code and its dependencies'
 * versions, load/code-digest.ts) and its content: a pack edited by hand, damaged, written by other
 * code or brought from elsewhere is discarded whole (with a note), so the cache can make a run
 * faster, never different. Packs of different runs may be read together: every entry is the
 * result for the very bytes its key names, whichever pack holds it. Only files that loaded
 * without any finding are stored: their result is the schema's output alone, which does not
 * depend on the file's name or any option. Writing is best effort.
 */
export class ParseCache {
  private readonly entries: Record<string, Entry>;
  private readonly used = new Map<string, Entry>();
  /** The shards of the entries added in this run (they are rewritten). */
  private readonly addedTo = new Set<string>();
  hits = 0;

  private constructor(
    private readonly dir: string,
    private readonly key: Buffer | undefined,
    private readonly code: string,
    entries: Record<string, Entry>,
  ) {
    this.entries = entries;
  }

  /**
   * Open the cache in `dir` (created when saved). `note` hears why a pack was not used (shown
   * with --verbose). Without the user's key (no private cache folder) nothing is used or kept.
   */
  static open(dir: string, note: (text: Text) => void = () => {}, env: NodeJS.ProcessEnv = process.env): ParseCache {
    const code = codeVersion();
    const key = cacheKey(env);
    const entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
    if (!key) {
      note(
        t('没有私有的缓存密钥（无主目录或其不安全），不使用解析缓存', 'no private cache key (no home folder, or an unsafe one); the parse cache is not used'),
      );
      return new ParseCache(dir, undefined, code, entries);
    }
    for (const shard of SHARDS) {
      const file = path.join(dir, packName(code, shard));
      let bytes: Buffer | undefined;
      try {
        // Unsealed into a string at once: the buffer serves the next pack.
        bytes = readReused(file);
      } catch {
        continue; // No pack yet.
      }
      const body = unsealBytes(key, 'parse', code, bytes);
      let data: { version?: unknown; shard?: unknown; entries?: unknown } | undefined;
      try {
        data = body === undefined ? undefined : (JSON.parse(body) as typeof data);
      } catch {
        data = undefined;
      }
      if (data?.version === 6 && data.shard === shard && data.entries !== null && typeof data.entries === 'object' && !Array.isArray(data.entries)) {
        Object.assign(entries, data.entries);
      } else {
        note(
          t(
            `解析缓存 ${file} 已被改动、损坏或不是本用户写入的，已丢弃`,
            `the parse cache ${file} was edited, is damaged or was not written by this user; discarded`,
          ),
        );
      }
    }
    return new ParseCache(dir, key, code, entries);
  }

  /** The key of a file: its kind and the sha256 of its bytes. */
  static key(raw: Pick<RawFile, 'kind' | 'bytes'>): string {
    return `${raw.kind}:${createHash('sha256').update(raw.bytes).digest('hex')}`;
  }

  /** The cached result of `raw`, as `checkFile` would return it, or undefined. */
  get(raw: RawFile, key = ParseCache.key(raw)): CheckedFile | undefined {
    if (!(key in this.entries)) return undefined;
    const entry = this.entries[key]!;
    // Two files with the same bytes get two objects, as parsing them would give.
    const value = this.used.has(key) ? structuredClone(entry.value) : entry.value;
    if (typeof entry.input === 'string') rememberDigest(value, entry.input);
    this.used.set(key, entry);
    this.hits++;
    // The same bytes decoded without a finding when the entry was made: decoded again only if
    // the text is asked for (load/text-map.ts).
    const bytes = raw.bytes;
    const textOf = () => decodeUtf8(bytes, raw.file).text ?? '';
    return {
      file: raw.file,
      text: undefined,
      textOf,
      findings: [],
      value,
      ...(entry.items && { itemFindings: withFile(entry.items, raw.file) }),
      ...(entry.text && { textFindings: listWithFile(entry.text, raw.file) }),
    };
  }

  /**
   * Remember a result; only a clean, loaded file is kept, with what the item-scope rules found
   * in it when they all ran and name the file nowhere but in `file`.
   */
  set(raw: RawFile, checked: CheckedFile, key = ParseCache.key(raw)): void {
    if (checked.value === undefined || checked.findings.length > 0) return;
    if (!(key in this.entries)) this.addedTo.add(shardOf(key));
    const found = checked.itemFindings;
    const input = knownDigest(checked.value);
    const keep = found !== undefined && (found.failed ?? []).length === 0 && portable(found, raw.file);
    const text = checked.textFindings;
    const keepText = text !== undefined && portableList(text, raw.file);
    this.used.set(key, {
      value: checked.value,
      ...(keep && { items: withFile(found, '') }),
      ...(keepText && { text: listWithFile(text, '') }),
      ...(input !== undefined && { input }),
    });
  }

  /**
   * Write the packs whose entries changed in this run (an entry added, or one no file of this run
   * used), holding the entries used in this run only, and remove packs of other versions. Each
   * pack atomically: a reader sees its old or its new content.
   */
  save(): void {
    if (!this.key) return;
    const dirty = new Set(this.addedTo);
    for (const key of Object.keys(this.entries)) if (!this.used.has(key)) dirty.add(shardOf(key));
    if (dirty.size === 0) return;
    const packs = new Map<string, Record<string, Entry>>();
    for (const [key, entry] of this.used) {
      const shard = shardOf(key);
      if (!dirty.has(shard)) continue;
      let pack = packs.get(shard);
      if (!pack) packs.set(shard, (pack = {}));
      pack[key] = entry;
    }
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      for (const shard of [...dirty].sort()) {
        const file = path.join(this.dir, packName(this.code, shard));
        const entries = packs.get(shard);
        if (entries) writeSealed(file, this.key, 'parse', this.code, JSON.stringify({ version: 6, shard, entries }));
        else rmSync(file, { force: true });
      }
      const current = new Set(SHARDS.map((shard) => packName(this.code, shard)));
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith(PACK_PREFIX) && !current.has(name) && !name.endsWith('.tmp')) rmSync(path.join(this.dir, name), { force: true });
      }
    } catch {
      // Best effort: the next run parses again.
    }
  }
}

/** The shards of the parse cache: the first hex digit of an entry's sha256. */
const SHARDS = [...'0123456789abcdef'];

/** The shard of an entry's key (`<kind>:<sha256>`). */
function shardOf(key: string): string {
  return key.charAt(key.indexOf(':') + 1);
}

/** The file name of a pack. */
function packName(code: string, shard: string): string {
  return `${PACK_PREFIX}${code}-${shard}.json`;
}

/** The version of everything that shapes a checked file: licat's whole code and its dependencies. */
export function codeVersion(): string {
  return codeDigest();
}

/** Item findings with `file` as their file. */
function withFile(found: ItemFindings, file: string): ItemFindings {
  const findings: ItemFindings['findings'] = {};
  for (const [rule, list] of Object.entries(found.findings) as Array<
    [keyof ItemFindings['findings'], NonNullable<ItemFindings['findings'][keyof ItemFindings['findings']]>]
  >) {
    findings[rule] = listWithFile(list, file);
  }
  return { findings };
}

/** Findings with `file` as their file. */
function listWithFile<F extends Finding>(list: readonly F[], file: string): F[] {
  return list.map((finding) => ({ ...finding, file }));
}

/** Whether item findings name their file only in `file` (so they hold for the same bytes under another name). */
function portable(found: ItemFindings, file: string): boolean {
  return Object.values(found.findings).every((list) => portableList(list ?? [], file));
}

/** Whether findings name their file only in `file`. */
function portableList(list: readonly Finding[], file: string): boolean {
  return list.every((f) => f.file === file && !f.message.zh.includes(file) && !f.message.en.includes(file) && !f.path.includes(file));
}
