import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * The bytes of `file` if it is a regular file (not a link) with the recorded size and sha256:
 * what is reused from the previous output is checked, never taken on trust.
 */
export function readAsRecorded(file: string, cached: { size: number; sha256: string }): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size !== cached.size) return undefined;
    const bytes = Buffer.allocUnsafe(info.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, null);
      if (n === 0) break;
      got += n;
    }
    if (got !== bytes.length) return undefined;
    return createHash('sha256').update(bytes).digest('hex') === cached.sha256 ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
