import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, type Stats } from 'node:fs';
import { readWhole } from '../load/read-whole.js';

/**
 * The bytes of `file` if it is a regular file (not a link) with the recorded size and sha256:
 * what is reused from the previous output is checked, never taken on trust. Where the record
 * has the file's identity (`id`, see fileIdentity) and the open file has it before and after it
 * is read, the bytes are the ones recorded without hashing them (writing to a file sets its
 * change time). `allocate` gives the buffer to read into (a new one by default).
 */
export function readAsRecorded(file: string, cached: { size: number; sha256: string; id?: string }, allocate?: (size: number) => Buffer): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size !== cached.size) return undefined;
    const bytes = readWhole(fd, info.size, allocate);
    if (bytes.length !== info.size) return undefined;
    if (cached.id !== undefined && identityOf(info) === cached.id && identityOf(fstatSync(fd)) === cached.id) return bytes;
    return createHash('sha256').update(bytes).digest('hex') === cached.sha256 ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * How long before a file's identity is taken its change time must be for the identity to be
 * trusted: the kernel stamps files from a coarse clock (one tick, 1 to 10 ms behind the time), so
 * a change right after the look could get the very times seen (git's "racily clean" entries).
 * Ten ticks of the coarsest clock.
 */
export const SETTLE_MS = 100;

/**
 * A regular file's identity: `dev:ino:size:mtimeMs:ctimeMs`, or undefined for anything else (a
 * link, a folder, nothing) and, with `settledBefore` (ms since the epoch), for a file whose change
 * time is not before it. Two equal identities are one file, unchanged in between: writing,
 * truncating, replacing, touching or linking a file all set its change time to the present.
 * @example fileIdentity('dist/feeds/halls/440000.json') // '2049:1234:5120:1765000000000.123:1765000000000.123'
 */
export function fileIdentity(file: string, settledBefore?: number): string | undefined {
  // Times in milliseconds with their fraction (a double keeps them to a fraction of a microsecond).
  const info = lstatSync(file, { throwIfNoEntry: false });
  if (!info?.isFile()) return undefined;
  if (settledBefore !== undefined && info.ctimeMs >= settledBefore) return undefined;
  return identityOf(info);
}

function identityOf(info: Stats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}
