import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
