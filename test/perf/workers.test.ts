import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerCount } from '../../src/load/parse-parallel.js';
import { copySample, licat, ROOT } from '../helpers.js';

const HOSTILE = path.join(ROOT, 'test/fixtures/hostile');

/** The sample with the hostile corpus added: every kind of load problem, located. */
function troubledCatalog(): string {
  const dir = copySample();
  for (const name of readdirSync(HOSTILE)) if (name !== 'expected.json') copyFileSync(path.join(HOSTILE, name), path.join(dir, 'items', name));
  return dir;
}

describe('parsing on worker threads', () => {
  it('gives the same report, byte for byte, as parsing on the main thread', () => {
    const dir = troubledCatalog();
    for (const format of ['json', 'stylish', 'junit']) {
      const one = licat(['validate', dir, '--format', format], { env: { LICAT_WORKERS: '0' } });
      expect(one.code).toBe(1);
      for (const workers of ['1', '2']) {
        const many = licat(['validate', dir, '--format', format], { env: { LICAT_WORKERS: workers } });
        expect(many.stderr).toBe(one.stderr);
        expect(many.code).toBe(1);
        expect(many.stdout, `${format} with ${workers} workers`).toBe(one.stdout);
      }
    }
  });
});

describe('the number of worker threads', () => {
  it('is none on two cores or for a small catalog, one per idle core beyond two, at most three; LICAT_WORKERS decides when set', () => {
    // Two cores: the main thread and V8's collector threads keep both busy (a worker measured slower).
    expect(workerCount(1200, {}, 0, 2)).toBe(0);
    expect(workerCount(10000, {}, 0, 2)).toBe(0);
    // More cores: the idle ones beyond two.
    expect(workerCount(1200, {}, 0.2, 4)).toBe(2);
    expect(workerCount(1200, {}, 1.5, 4)).toBe(1);
    expect(workerCount(1200, {}, 3.5, 4)).toBe(0);
    expect(workerCount(1200, {}, 0, 32)).toBe(3);
    expect(workerCount(100, {}, 0, 32)).toBe(0);
    expect(workerCount(1200, { LICAT_WORKERS: '2' }, 0, 2)).toBe(2);
    expect(workerCount(1200, { LICAT_WORKERS: '0' }, 0, 32)).toBe(0);
  });
});
