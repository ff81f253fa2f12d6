import { readSync } from 'node:fs';

/**
 * The `size` bytes of the open file `fd` from where it stands, or fewer when it shrank while
 * being read: what is there. For the readers that open a file themselves (no link followed) and
 * check what `fstat` says first.
 * @example const bytes = readWhole(fd, fstatSync(fd).size);
 */
export function readWhole(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let got = 0;
  while (got < bytes.length) {
    const n = readSync(fd, bytes, got, bytes.length - got, null);
    if (n === 0) break;
    got += n;
  }
  return got === bytes.length ? bytes : bytes.subarray(0, got);
}
