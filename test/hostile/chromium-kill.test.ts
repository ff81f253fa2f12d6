import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepStaleProfiles } from '../../src/emit/flowcharts/chromium-profile.js';
import { copySample, licat, ROOT, tempDir } from '../helpers.js';

const BIN = path.join(ROOT, 'bin', 'licat.cjs');

/** Processes whose command line holds `text` (read from /proc: every browser child names its profile). */
function processesWith(text: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) out.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return out;
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

describe('a build killed with SIGKILL while drawing flowcharts', () => {
  it('leaves no Chromium running, and the next build removes the profile folder it left', async () => {
    const catalog = copySample();
    const tmp = tempDir('licat-tmp-');
    const out = path.join(tempDir(), 'dist');
    const env = { ...process.env, TMPDIR: tmp, LICAT_LANG: 'en', NO_COLOR: '1' };
    const child = spawn(process.execPath, [BIN, 'build', catalog, '--out', out, '--only', 'flowcharts', '--no-cache'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    const profileOf = `licat-chromium-${child.pid}-`;
    let stderr = '';
    let browsers: number[] = [];
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        // Mid-render: some flowcharts drawn, not all.
        if (/flowcharts: \d+\/\d+ \([1-8]0%\)/.test(stderr) && child.exitCode === null && browsers.length === 0) {
          browsers = processesWith(profileOf);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    await exited;
    expect(child.signalCode, stderr).toBe('SIGKILL');
    // The browser and its helpers were running when licat was killed…
    expect(browsers.length).toBeGreaterThan(1);
    // …and all of them end with it.
    expect(await waitFor(() => processesWith(profileOf).length === 0, 15_000), `left running: ${processesWith(profileOf).join(' ')}`).toBe(true);
    // The killed licat could not remove its profile folder; the next build that draws does.
    expect(readdirSync(tmp).filter((n) => n.startsWith(profileOf))).toHaveLength(1);
    const again = licat(['build', catalog, '--out', out, '--only', 'flowcharts', '--no-cache', '--quiet'], { env: { TMPDIR: tmp } });
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(tmp).filter((n) => n.startsWith('licat-chromium-'))).toEqual([]);
  }, 180_000);

  it('the sweep keeps the folders of running processes and of other names', () => {
    const tmp = tempDir('licat-tmp-');
    const mine = path.join(tmp, `licat-chromium-${process.pid}-abc`);
    const dead = path.join(tmp, 'licat-chromium-999999999-abc');
    const other = path.join(tmp, 'licat-other-1-abc');
    for (const dir of [mine, dead, other]) mkdirSync(dir);
    expect(sweepStaleProfiles(tmp)).toEqual([dead]);
    expect(readdirSync(tmp).sort()).toEqual([path.basename(mine), path.basename(other)].sort());
  });
});
