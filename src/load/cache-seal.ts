import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { t, type Text } from '../i18n/lang.js';

/**
 * The default cache folder, private to the user: `$XDG_CACHE_HOME/licat`, else
 * `~/.cache/licat`; undefined without a home folder.
 * @example defaultCacheDir({ XDG_CACHE_HOME: '/home/ann/.cache' }) // '/home/ann/.cache/licat'
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'licat');
  let home: string;
  try {
    home = env.HOME || homedir();
  } catch {
    return undefined;
  }
  return home ? path.join(home, '.cache', 'licat') : undefined;
}

/**
 * Make `dir` (mode 0700 when made) and check that it is fit to hold a cache: a real folder (not a
 * link), owned by this user, writable by no one else. Returns why not, or undefined when it is.
 * A cache folder others can write is one they can fill with results licat would publish.
 */
export function unfitCacheDir(dir: string): Text | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return t(
      `无法创建缓存文件夹 ${dir}（${(error as NodeJS.ErrnoException).code ?? ''}）`,
      `cannot create the cache folder ${dir} (${(error as NodeJS.ErrnoException).code ?? ''})`,
    );
  }
  let info;
  try {
    info = lstatSync(dir);
  } catch {
    info = undefined;
  }
  if (!info?.isDirectory()) return t(`缓存位置 ${dir} 不是文件夹（或是符号链接）`, `the cache location ${dir} is not a folder (or is a symbolic link)`);
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid !== undefined && info.uid !== uid) return t(`缓存文件夹 ${dir} 属于其他用户`, `the cache folder ${dir} belongs to another user`);
  if (uid !== undefined && (info.mode & 0o022) !== 0) return t(`缓存文件夹 ${dir} 可被其他用户写入`, `the cache folder ${dir} can be written by other users`);
  return undefined;
}

const KEY_BYTES = 32;
const keys = new Map<string, Buffer | undefined>();

/**
 * The user's cache key: 32 random bytes in `key` of the default cache folder (mode 0600), made on
 * first use. It always lives there, whatever `--cache-dir` says, so a cache folder that comes
 * from elsewhere (committed to a repository, restored from another machine) cannot carry a
 * key that makes its entries look sealed. Undefined when no private key can be had: then no
 * cache is used.
 */
export function cacheKey(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const dir = defaultCacheDir(env);
  if (!dir) return undefined;
  const file = path.join(dir, 'key');
  if (keys.has(file)) return keys.get(file);
  const key = unfitCacheDir(dir) ? undefined : (readKey(file) ?? makeKey(file));
  keys.set(file, key);
  return key;
}

function readKey(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!info.isFile() || info.size !== KEY_BYTES || (uid !== undefined && (info.uid !== uid || (info.mode & 0o077) !== 0))) return undefined;
    const key = Buffer.alloc(KEY_BYTES);
    return readSync(fd, key, 0, KEY_BYTES, 0) === KEY_BYTES ? key : undefined;
  } finally {
    closeSync(fd);
  }
}

function makeKey(file: string): Buffer | undefined {
  const key = randomBytes(KEY_BYTES);
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  } catch {
    // Another run made it meanwhile (or a file we refused is in the way): use what is there.
    return readKey(file);
  }
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  return key;
}

/**
 * Seal a cache file's body: a first line naming its purpose and the HMAC-SHA256 (under the user's
 * key) of the purpose, the code digest and the body, then the body.
 * @example sealText(key, 'parse', codeDigest(), JSON.stringify(entries))
 */
export function sealText(key: Buffer, purpose: string, code: string, body: string): string {
  return `licat-cache ${purpose} ${mac(key, purpose, code, body)}\n${body}`;
}

/**
 * The body of a sealed cache file, or undefined when it is not sealed by this key for this
 * purpose and code: edited, damaged, of another version, or written by someone else.
 */
export function unsealText(key: Buffer, purpose: string, code: string, text: string): string | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const m = /^licat-cache ([a-z-]+) ([0-9a-f]{64})$/.exec(text.slice(0, newline));
  if (!m || m[1] !== purpose) return undefined;
  const body = text.slice(newline + 1);
  const expected = Buffer.from(mac(key, purpose, code, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex')) ? body : undefined;
}

/**
 * Write `sealText(key, purpose, code, body)` to `file`, atomically (a
 * temporary file beside it, renamed over it) and readable by the user alone. The body is encoded
 * once and the seal computed over those bytes; header and body are written one after the other,
 * never copied into one buffer. Throws when it cannot (no temporary file is left).
 */
export function writeSealed(file: string, key: Buffer, purpose: string, code: string, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  const head = Buffer.from(`licat-cache ${purpose} ${mac(key, purpose, code, bytes)}\n`, 'latin1');
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      for (const part of [head, bytes]) for (let done = 0; done < part.length;) done += writeSync(fd, part, done);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * `unsealText` of a file's bytes as read: the seal is checked over the
 * body's bytes, and only a body whose seal holds is decoded. The same verdict as decoding first
 * for every file `writeSealed` or `sealText` wrote (both seal the encoded bytes of the body); a
 * body changed in any byte is refused, whatever it would decode to.
 */
export function unsealBytes(key: Buffer, purpose: string, code: string, bytes: Buffer): string | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || newline > 200) return undefined;
  const m = /^licat-cache ([a-z-]+) ([0-9a-f]{64})$/.exec(bytes.toString('latin1', 0, newline));
  if (!m || m[1] !== purpose) return undefined;
  const body = bytes.subarray(newline + 1);
  const expected = Buffer.from(mac(key, purpose, code, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'))) return undefined;
  // ASCII reads the same as Latin-1, which is a copy (UTF-8 validates: 15 ms for a 5 MB record).
  return isAscii(body) ? body.toString('latin1') : body.toString('utf8');
}

function mac(key: Buffer, purpose: string, code: string, body: string | Uint8Array): string {
  return createHmac('sha256', key).update(`${purpose}\0${code}\0`).update(body).digest('hex');
}
