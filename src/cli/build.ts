import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveLang, t, type Text } from '../i18n/lang.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { REPORTERS } from '../report/registry.js';
import { countSeverities } from '../report/reporter.js';
import { displayText } from '../report/safe-text.js';
import { checkCatalog } from '../pipeline/check-catalog.js';
import { emitOutput } from '../emit/build.js';
import { LookAhead } from '../emit/look-ahead.js';
import { outputPlaces, RECYCLED_FOLDERS } from '../emit/swap.js';
import { InvalidFeedError } from '../emit/feeds/feed-validator.js';
import { OutputError } from '../emit/output-error.js';
import { EMITTERS } from '../emit/registry.js';
import { parseShard, type Shard } from '../emit/feeds/shard.js';
import type { Emitter } from '../emit/emitter.js';
import { awaitBuild } from './await-build.js';
import { resolveCacheDir } from './cache-folder.js';
import { progressReporter } from './progress.js';

export interface BuildOptions {
  out?: string;
  only?: string;
  buildTime?: string;
  cacheDir?: string;
  cache?: boolean;
  quiet?: boolean;
  color?: boolean;
  lang?: string;
  [key: string]: unknown;
}

/**
 * `licat build [dir]`: validate, refuse on errors (exit 1, output untouched), then emit the
 * selected artifacts into a staging folder and swap it in. Exit 2 when the output cannot be
 * written (disk full, read-only, held by another build) or on an internal failure.
 */
export async function runBuild(dir: string, options: BuildOptions): Promise<number> {
  const lang = resolveLang(options.lang);
  const emitters = selectEmitters(options.only);
  const shard = shardOption(options.shard, emitters);
  const buildTime = options.buildTime === undefined ? undefined : canonicalTime(options.buildTime);
  const out = options.out ?? 'dist';
  const quiet = options.quiet === true;
  const reporter = progressReporter(process.stderr, { quiet });

  const baseUrl = baseUrlOption(options.baseUrl);
  const since = sinceOption(options.since);
  const cacheDir = resolveCacheDir(options, true, lang, (line) => process.stderr.write(line));
  const note = options.verbose === true ? (text: Text) => process.stderr.write(`licat: ${text[lang]}\n`) : undefined;
  // A build with the cache brings the spare output up to date (emit/swap.ts): its feeds are looked
  // at on another thread while the catalog is validated (emit/look-ahead.ts).
  const lookAhead =
    cacheDir !== undefined && !shard && emitters.some((e) => e.id === 'feeds') ? LookAhead.start(outputPlaces(out).spare, RECYCLED_FOLDERS) : undefined;
  const check = await checkCatalog(dir, process.cwd(), { cacheDir, note });
  const { errors, warnings } = countSeverities(check.diagnostics);
  if (errors > 0 || (warnings > 0 && !quiet)) {
    process.stderr.write(
      REPORTERS.stylish(check.diagnostics, {
        lang,
        texts: check.texts,
        summary: { files: check.files, items: check.catalog.items.length },
        color: options.color !== false && process.stderr.isTTY === true && !process.env.NO_COLOR,
      }),
    );
  }
  if (check.diagnostics.some((d) => d.rule === 'internal') || errors > 0) lookAhead?.stop();
  if (check.diagnostics.some((d) => d.rule === 'internal')) return 2;
  if (errors > 0) {
    process.stderr.write(t(`目录有错误，未生成输出，${out} 未改变。\n`, `The catalog has errors; nothing was emitted and ${out} is unchanged.\n`)[lang]);
    return 1;
  }

  const handle = emitOutput(check.catalog, {
    out,
    emitters,
    lang,
    ...(buildTime !== undefined && { buildTime }),
    options: { ...emitterOptions(options), ...(baseUrl !== undefined && { baseUrl }), ...(since !== undefined && { since }), ...(shard && { shard }) },
    cacheDir,
    ...(note && { note: (message: string) => note(t(message, message)) }),
    log: reporter.log,
    warn: reporter.warn,
    progress: reporter.progress,
    ...(lookAhead && { lookAhead }),
  });
  try {
    const summary = await awaitBuild(handle, reporter, out, lang);
    if (!quiet) {
      const mb = (summary.bytes / 1024 / 1024).toFixed(1);
      const files = (summary.files.length + 1).toLocaleString('en-US'); // + manifest.json
      process.stdout.write(t(`✓ 已生成 ${out}：${files} 个文件，${mb} MB\n`, `✓ built ${out}: ${files} files, ${mb} MB\n`)[lang]);
    }
    return 0;
  } catch (error) {
    reporter.finish();
    if (error instanceof OutputError) {
      process.stderr.write(`licat: ${displayText(error.text[lang])}\n`);
      return 2;
    }
    if (error instanceof InvalidFeedError) {
      process.stderr.write(
        `licat: ${t(`内部错误：生成的 ${error.file} 不符合已发布的 Schema，未写入，${out} 未改变`, `internal error: the generated ${error.file} does not match its published schema; not written, ${out} is unchanged`)[lang]}\n  ${error.errors.join('\n  ')}\n`,
      );
      return 2;
    }
    throw error;
  }
}

/** `--base-url`: an http(s) URL, without a trailing slash. */
function baseUrlOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : '';
  let ok: boolean;
  try {
    const url = new URL(text);
    ok = (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash;
  } catch {
    ok = false;
  }
  if (!ok)
    throw new UsageError(
      `--base-url 应为 http(s) 地址，如 https://data.example.gov.cn/licat：${text} / --base-url takes an http(s) URL, e.g. https://data.example.gov.cn/licat: ${text}`,
    );
  return text.replace(/\/+$/, '');
}

/** `--since`: an existing folder holding an earlier output, as an absolute path. */
function sinceOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const given = typeof value === 'string' ? value : '';
  const dir = path.resolve(given);
  if (given === '' || !existsSync(path.join(dir, 'manifest.json'))) {
    throw new UsageError(
      `--since 应指向 licat build 的输出文件夹（含 manifest.json）：${given} / --since takes an output folder of licat build (with a manifest.json): ${given}`,
    );
  }
  return dir;
}

/**
 * `--shard i/n`: a part of the feeds, for a build split across machines and joined by
 * `licat merge`. Only the feeds are split, so it goes with `--only feeds`.
 */
function shardOption(value: unknown, emitters: readonly Emitter[]): Shard | undefined {
  if (value === undefined) return undefined;
  const shard = typeof value === 'string' ? parseShard(value) : undefined;
  if (!shard) {
    const given = typeof value === 'string' ? value : JSON.stringify(value);
    throw new UsageError(`--shard 应为 i/n，1 ≤ i ≤ n，如 --shard 2/4：${given} / --shard takes i/n with 1 <= i <= n, e.g. --shard 2/4: ${given}`);
  }
  if (emitters.length !== 1 || emitters[0]!.id !== 'feeds') {
    throw new UsageError('--shard 只拆分门户数据，请同时指定 --only feeds / --shard splits the feeds only; use it with --only feeds');
  }
  return shard;
}

/** The emitters named by `--only`, in registry order; all of them without it. */
export function selectEmitters(only: string | undefined, registry: readonly Emitter[] = EMITTERS): Emitter[] {
  if (only === undefined) return [...registry];
  const wanted = only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const known: string[] = registry.map((e) => e.id);
  const unknown = wanted.filter((id) => !known.includes(id));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new UsageError(
      `未知的产物：${unknown.join(', ') || '(空)'}；可用：${known.join(', ')} / unknown artifact: ${unknown.join(', ') || '(none)'}; available: ${known.join(', ')}`,
    );
  }
  return registry.filter((e) => wanted.includes(e.id));
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * `--build-time` as a canonical UTC ISO string. A time needs an explicit zone, else the same
 * command would give different bytes on machines in different zones.
 * @example canonicalTime('2026-11-01T08:00:00+08:00') // '2026-11-01T00:00:00.000Z'
 */
export function canonicalTime(value: string): string {
  const ms = ISO.test(value) && isRealTime(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--build-time 应为带时区的 ISO 8601 时间，如 2026-11-01T08:00:00+08:00：${value} / --build-time takes an ISO 8601 time with a zone, e.g. 2026-11-01T08:00:00Z: ${value}`,
    );
  }
  return new Date(ms).toISOString();
}

/**
 * Whether the date and time written exist: `Date.parse` rolls 2026-02-30 over to March 2 and
 * accepts 24:00, so the fields are checked by a round trip through a UTC date.
 */
function isRealTime(value: string): boolean {
  const [date = '', time = ''] = value.split('T');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh = 0, mm = 0, ss = 0] = (time.match(/^(\d{2}):(\d{2})(?::(\d{2}))?/)?.slice(1) ?? []).map((n) => Number(n ?? 0));
  const at = new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
  const sameFields =
    at.getUTCFullYear() === y &&
    at.getUTCMonth() === m - 1 &&
    at.getUTCDate() === d &&
    at.getUTCHours() === hh &&
    at.getUTCMinutes() === mm &&
    at.getUTCSeconds() === ss;
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(time);
  return sameFields && (!zone || (Number(zone[2]) <= 14 && Number(zone[3]) <= 59));
}

/** Options of the command line meant for the emitters (e.g. excelHalls): all but the build's own. */
function emitterOptions(options: BuildOptions): Record<string, unknown> {
  const own = new Set(['out', 'only', 'buildTime', 'cacheDir', 'cache', 'quiet', 'verbose', 'color', 'lang', 'shard', 'baseUrl', 'since']);
  return Object.fromEntries(Object.entries(options).filter(([key, value]) => !own.has(key) && value !== undefined));
}
