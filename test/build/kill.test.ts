import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { licat, ROOT, tempDir } from '../helpers.js';
import { leftovers, snapshot, verifyAgainstManifest, writeRegionCatalog } from './catalogs.js';

const BIN = path.join(ROOT, 'bin', 'licat.cjs');
let catalog: string;
let out: string;
let before: Map<string, string>;

beforeAll(() => {
  catalog = writeRegionCatalog();
  out = path.join(tempDir('licat-kill-'), 'dist');
  const first = licat(['build', catalog, '--out', out, '--only', 'feeds', '--quiet', '--build-time', '2026-01-01T00:00:00Z']);
  expect(first.code, first.stderr).toBe(0);
  before = snapshot(out);
  expect(before.size).toBeGreaterThan(28_743);
}, 300_000);

/**
 * Start a build of the same catalog with another build time (so its output differs), and
 * SIGKILL it once `when` matches what it has printed so far (its progress lines).
 */
function killWhen(
  when: (stderr: string, elapsedMs: number) => boolean,
  signal: NodeJS.Signals = 'SIGKILL',
  { cache = false } = {},
): Promise<{ killed: boolean; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    // --no-cache: a full build, not an incremental one that links the unchanged feeds in a moment.
    const args = [
      BIN,
      'build',
      catalog,
      '--out',
      out,
      '--only',
      'feeds',
      '--lang',
      'en',
      '--build-time',
      '2026-06-01T00:00:00Z',
      ...(cache ? [] : ['--no-cache']),
    ];
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LICAT_LANG: '' },
    });
    const started = Date.now();
    let stderr = '';
    let killed = false;
    const check = () => {
      if (!killed && when(stderr, Date.now() - started)) {
        killed = child.kill(signal);
      }
    };
    const timer = setInterval(check, 5);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      check();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ killed, stderr, code });
    });
  });
}

/** After a kill the output is the previous one, byte for byte (or, killed after the swap, the whole new one). */
function expectWholeOutput(): void {
  const now = snapshot(out);
  const manifest = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  if (manifest.includes('2026-06-01')) {
    expect(verifyAgainstManifest(out)).toEqual([]);
  } else {
    expect(now).toEqual(before);
  }
}

describe('a build killed with SIGKILL', () => {
  const points: Array<[string, (stderr: string, ms: number) => boolean]> = [
    ['while validating', (_s, ms) => ms >= 150],
    ['with the first hall feeds written', (s) => s.includes('writing hall feeds: ')],
    ['a tenth into writing hall feeds', (s) => s.includes('writing hall feeds: ') && /\((10|20)%\)/.test(s.slice(s.indexOf('writing hall feeds')))],
    ['halfway through the hall feeds', (s) => /writing hall feeds: [\d,]+\/[\d,]+ \(50%\)/.test(s)],
    ['with every hall feed written', (s) => /writing hall feeds: [\d,]+\/[\d,]+ \(100%\)/.test(s)],
  ];
  for (const [name, when] of points) {
    it(`${name} leaves the previous output whole`, async () => {
      const { killed } = await killWhen(when);
      expect(killed).toBe(true);
      expectWholeOutput();
    }, 300_000);
  }

  it('with SIGTERM instead removes its staging folder and lock at once (exit 143)', async () => {
    const { killed, stderr, code } = await killWhen((s) => /writing hall feeds: [\d,]+\/[\d,]+ \(30%\)/.test(s), 'SIGTERM');
    expect(killed).toBe(true);
    expect(code).toBe(143);
    expect(stderr).toContain('Interrupted;');
    // It cleaned what the killed builds before it left, then its own staging folder and lock.
    expect(leftovers(out)).toEqual([]);
    expect(snapshot(out)).toEqual(before);
  }, 300_000);

  it('is cleaned up by the next build, which takes over its lock', () => {
    const r = licat(['build', catalog, '--out', out, '--only', 'feeds', '--quiet', '--build-time', '2026-01-01T00:00:00Z']);
    expect(r.code, r.stderr).toBe(0);
    // Only the output it replaced is left beside it: the spare a build with a cache keeps.
    expect(leftovers(out)).toEqual(['.dist.spare']);
    // The same output but for the change records (now against the previous build) and the
    // manifest listing them; from here on it is the output later kills must leave whole.
    const now = snapshot(out);
    const differing = [...now.keys()].filter((p) => now.get(p) !== before.get(p));
    expect(differing).toEqual(['changes.json', 'manifest.json']);
    expect([...now.keys()]).toEqual([...before.keys()]);
    before = now;
  }, 300_000);

  it('while bringing the spare output up to date leaves the previous output whole', async () => {
    // Most feeds of the output are hard links shared with the spare that this build recycles;
    // renaming the item makes it rewrite the item's feed and the tier bundles holding it: a write
    // through a shared file would change the live output.
    const file = path.join(catalog, 'items/market/food-business.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('name: 食品经营许可', 'name: 食品经营许可（改）'));
    try {
      const { killed } = await killWhen((s) => /writing hall feeds: [\d,]+\/[\d,]+ \((30|40|50)%\)/.test(s), 'SIGKILL', { cache: true });
      expect(killed).toBe(true);
    } finally {
      writeFileSync(file, original);
    }
    expectWholeOutput();
    const r = licat(['build', catalog, '--out', out, '--only', 'feeds', '--quiet', '--build-time', '2026-07-01T00:00:00Z']);
    expect(r.code, r.stderr).toBe(0);
    expect(verifyAgainstManifest(out)).toEqual([]);
    expect(readFileSync(path.join(out, 'feeds', 'index.json'), 'utf8')).toContain('2026-07-01');
  }, 300_000);
});
