import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Text } from '../i18n/lang.js';
import { t } from '../i18n/lang.js';
import { cacheKey, sealBytes, unsealBytes } from './cache-seal.js';
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
}

/**
 * A cache of checked YAML files across runs, kept in one file (`parsed-<code>.json` in the cache
 * folder). An entry is keyed by the sha256 of the file's kind and bytes, so an edited file
 * misses and a renamed or moved file hits under its new name. The pack is sealed with an
 * HMAC under the user's private key (load/cache-seal.ts) over the code digest (every file of
 * licat's code and its dependencies' versions, load/code-digest.ts) and its content: a pack
 * edited by hand, damaged, written by other code or brought from elsewhere is discarded whole
 * (with a note), so the cache can make a run faster, never different. Only files that loaded
 * without any finding are stored: their result is the schema's output alone, which does not
 * depend on the file's name or any option. Writing is best effort.
 */
export class ParseCache {
  private readonly entries: Record<string, Entry>;
  private readonly used = new Map<string, Entry>();
  private added = 0;
  private dropped = 0;
  hits = 0;

  private constructor(
    private readonly dir: string,
    private readonly pack: string,
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
    const pack = `${PACK_PREFIX}${code}.json`;
    const key = cacheKey(env);
    let entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
    if (!key) {
      note(
        t('没有私有的缓存密钥（无主目录或其不安全），不使用解析缓存', 'no private cache key (no home folder, or an unsafe one); the parse cache is not used'),
      );
      return new ParseCache(dir, pack, undefined, code, entries);
    }
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(path.join(dir, pack));
    } catch {
      // No cache yet.
    }
    if (bytes !== undefined) {
      const body = unsealBytes(key, 'parse', code, bytes);
      let data: { version?: unknown; entries?: unknown } | undefined;
      try {
        data = body === undefined ? undefined : (JSON.parse(body) as { version?: unknown; entries?: unknown });
      } catch {
        data = undefined;
      }
      if (data?.version === 4 && data.entries !== null && typeof data.entries === 'object' && !Array.isArray(data.entries)) {
        entries = Object.assign(Object.create(null) as Record<string, Entry>, data.entries);
      } else {
        note(
          t(
            `解析缓存 ${path.join(dir, pack)} 已被改动、损坏或不是本用户写入的，已丢弃`,
            `the parse cache ${path.join(dir, pack)} was edited, is damaged or was not written by this user; discarded`,
          ),
        );
      }
    }
    return new ParseCache(dir, pack, key, code, entries);
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
      ...(entry.text && { textFindings: entry.text.map((finding) => ({ ...finding, file: raw.file })) }),
    };
  }

  /**
   * Remember a result; only a clean, loaded file is kept, with what the item-scope rules found
   * in it when they all ran and name the file nowhere but in `file`.
   */
  set(raw: RawFile, checked: CheckedFile, key = ParseCache.key(raw)): void {
    if (checked.value === undefined || checked.findings.length > 0) return;
    if (!(key in this.entries)) this.added++;
    const found = checked.itemFindings;
    const keep = found !== undefined && (found.failed ?? []).length === 0 && portable(found, raw.file);
    const text = checked.textFindings;
    const keepText = text !== undefined && portableList(text, raw.file);
    this.used.set(key, {
      value: checked.value,
      ...(keep && { items: withFile(found, '') }),
      ...(keepText && { text: text.map((finding) => ({ ...finding, file: '' })) }),
    });
  }

  /**
   * Write the entries used in this run (so the pack holds the current files only) when anything
   * changed, and remove packs of other versions. Atomic: a reader sees the old or the new pack.
   */
  save(): void {
    for (const key of Object.keys(this.entries)) if (!this.used.has(key)) this.dropped++;
    if (!this.key || (this.added === 0 && this.dropped === 0)) return;
    const file = path.join(this.dir, this.pack);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeFileSync(tmp, sealBytes(this.key, 'parse', this.code, JSON.stringify({ version: 4, entries: Object.fromEntries(this.used) })), {
        mode: 0o600,
        flag: 'wx',
      });
      renameSync(tmp, file);
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith(PACK_PREFIX) && name !== this.pack && !name.endsWith('.tmp')) rmSync(path.join(this.dir, name), { force: true });
      }
    } catch {
      // Best effort: the next run parses again.
      rmSync(tmp, { force: true });
    }
  }
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
    findings[rule] = list.map((finding) => ({ ...finding, file }));
  }
  return { findings };
}

/** Whether item findings name their file only in `file` (so they hold for the same bytes under another name). */
function portable(found: ItemFindings, file: string): boolean {
  return Object.values(found.findings).every((list) => portableList(list ?? [], file));
}

/** Whether findings name their file only in `file`. */
function portableList(list: readonly Finding[], file: string): boolean {
  return list.every((f) => f.file === file && !f.message.zh.includes(file) && !f.message.en.includes(file) && !f.path.includes(file));
}
