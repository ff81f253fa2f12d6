import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/load/read-catalog.js';
import { slabAllocator } from '../../src/load/read-whole.js';
import { SAMPLE } from '../helpers.js';

describe('reading a catalog into shared memory for the parse workers', () => {
  it('reads the same bytes, every YAML file into shared blocks, when the caller asks for it', async () => {
    const plain = await readCatalog(SAMPLE);
    let listed = 0;
    const shared = await readCatalog(SAMPLE, process.cwd(), {
      onListed: (count) => {
        listed = count;
        return true;
      },
    });
    expect(listed).toBeGreaterThan(0);
    expect(shared.files.map((f) => f.file)).toEqual(plain.files.map((f) => f.file));
    shared.files.forEach((f, i) => {
      expect(f.bytes.buffer, f.file).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.compare(f.bytes, plain.files[i]!.bytes), f.file).toBe(0);
    });
    for (const f of plain.files) expect(f.bytes.buffer, f.file).not.toBeInstanceOf(SharedArrayBuffer);
  });

  it('never hands out overlapping buffers, shared or not, small or large', () => {
    let sharing = false;
    const allocate = slabAllocator(64, () => sharing);
    const sizes = [10, 20, 30, 5, 17, 40, 1, 16, 16];
    const got = sizes.map((size, i) => {
      if (i === 4) sharing = true;
      const buffer = allocate(size);
      buffer.fill(i + 1);
      return buffer;
    });
    got.forEach((buffer, i) => {
      expect(buffer.length).toBe(sizes[i]);
      // Filled in turn: a later buffer over an earlier one would have changed it.
      expect(
        [...buffer].every((b) => b === i + 1),
        `buffer ${i}`,
      ).toBe(true);
      expect(buffer.buffer instanceof SharedArrayBuffer).toBe(i >= 4);
    });
  });
});
