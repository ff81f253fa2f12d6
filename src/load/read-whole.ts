import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * The `size` bytes of the open file `fd` from where it stands, or fewer when it shrank while
 * being read: what is there. For the readers that open a file themselves (no link followed) and
 * check what `fstat` says first.
 * `allocate` gives the buffer to read into (a new one by default; see `slabAllocator`).
 * @example const bytes = readWhole(fd, fstatSync(fd).size);
 */
export function readWhole(fd: number, size: number, allocate: (size: number) => Buffer = (n) => Buffer.allocUnsafe(n)): Buffer {
  const bytes = allocate(size);
  let got = 0;
  while (got < bytes.length) {
    const n = readSync(fd, bytes, got, bytes.length - got, null);
    if (n === 0) break;
    got += n;
  }
  return got === bytes.length ? bytes : bytes.subarray(0, got);
}

/**
 * An allocator that carves buffers out of larger blocks: reading a thousand small files then
 * makes a few blocks instead of a thousand buffers, each of which the garbage collector would
 * count and track. The buffers are never written once read, so sharing a block is safe.
 * Where `shared()` says so, the blocks (and larger buffers) are SharedArrayBuffers, which worker
 * threads can read without a copy (load/parse-parallel.ts).
 */
export function slabAllocator(blockSize = 1 << 20, shared: () => boolean = () => false): (size: number) => Buffer {
  const fresh = (size: number): Buffer => (shared() ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafe(size));
  let block: Buffer = Buffer.allocUnsafe(0);
  let used = 0;
  return (size) => {
    if (size > block.length - used || shared() !== block.buffer instanceof SharedArrayBuffer) {
      if (size > blockSize / 4) return fresh(size);
      block = fresh(blockSize);
      used = 0;
    }
    const out = block.subarray(used, used + size);
    used += size;
    return out;
  };
}

let reused: Buffer | undefined;

/**
 * `size` bytes of memory shared by every caller: valid only until the next call, for bytes that
 * are decoded or copied at once. Memory touched for the first time costs more to the process than
 * filling it again (a millisecond or more a megabyte on some machines): one buffer, of the
 * largest size asked for, serves them all.
 */
export function reusedBytes(size: number): Buffer {
  if (!reused || reused.length < size) reused = Buffer.allocUnsafeSlow(size);
  return reused.subarray(0, size);
}

/**
 * The bytes of `file` (as `readFileSync` reads it) in the shared buffer of `reusedBytes`: valid
 * only until the next call, for a caller that decodes or copies them at once (a cache file, a
 * manifest page). Throws as `readFileSync` does.
 * @example const text = readReused('cache/parsed-0.json').toString('utf8');
 */
export function readReused(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    return readWhole(fd, fstatSync(fd).size, reusedBytes);
  } finally {
    closeSync(fd);
  }
}
