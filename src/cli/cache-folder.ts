import path from 'node:path';
import { t, type Lang } from '../i18n/lang.js';
import { defaultCacheDir, unfitCacheDir } from '../load/cache-seal.js';

/**
 * The cache folder of a run: `--cache-dir DIR`, else (when `byDefault`) the user's private
 * cache folder (`$XDG_CACHE_HOME/licat` or `~/.cache/licat`); none with `--no-cache`. A folder
 * owned by someone else or writable by others is not used: one warning line, and the run goes
 * on without a cache (the same result, only slower).
 * @example resolveCacheDir({ cacheDir: '.cache' }, true, 'en', warn) // '/work/repo/.cache'
 */
export function resolveCacheDir(
  options: { cacheDir?: unknown; cache?: unknown },
  byDefault: boolean,
  lang: Lang,
  warn: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (options.cache === false) return undefined;
  const dir = typeof options.cacheDir === 'string' ? path.resolve(options.cacheDir) : byDefault ? defaultCacheDir(env) : undefined;
  if (dir === undefined) return undefined;
  const problem = unfitCacheDir(dir);
  if (!problem) return dir;
  warn(`licat: ${t(`${problem.zh}，本次不使用缓存`, `${problem.en}; no cache is used`)[lang]}\n`);
  return undefined;
}
