import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { licat, ROOT, SAMPLE, tempDir } from '../helpers.js';

/** A copy of the built licat (bin, lib, package.json, schemas, data, templates) to damage. */
function copyInstall(): string {
  const dir = tempDir();
  for (const part of ['bin', 'lib', 'package.json', 'schemas', 'data', 'templates']) cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function run(install: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(install, 'bin', 'licat.cjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', LICAT_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Whether V8 took the bundle's code cache when `install`'s bin/load-bundle.cjs compiled it. */
function cacheTaken(install: string): boolean {
  const loader = JSON.stringify(path.join(install, 'bin', 'load-bundle.cjs'));
  const r = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${loader}).loadBundle({ compile: true }).cached))`], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout === 'true';
}

describe('licat --help and --version', () => {
  it('answer as the command line does, without loading it', () => {
    // Two arguments: no quick answer, commander writes the help itself.
    const full = licat(['--lang', 'zh', '--help']);
    expect(full.code).toBe(0);
    expect(full.stdout).toContain('Usage: licat [options] [command]');
    for (const option of ['--help', '-h']) {
      const quick = licat([option]);
      expect(quick).toEqual({ code: 0, stdout: full.stdout, stderr: '' });
    }
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(licat(['--lang', 'zh', '--version']).stdout).toBe(`${version}\n`);
    for (const option of ['--version', '-V']) expect(licat([option])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('are the same from bin/licat.js, the file earlier versions were called by', () => {
    const old = (args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin', 'licat.js'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', LICAT_LANG: 'en' },
      });
    expect(old(['--help']).stdout).toBe(licat(['--help']).stdout);
    const check = old(['validate', SAMPLE, '--format', 'json']);
    expect(check.status).toBe(0);
    expect(check.stdout).toBe(licat(['validate', SAMPLE, '--format', 'json'], { env: { LICAT_LANG: 'en' } }).stdout);
  });

  it('are answered by the command line where the kept help is missing or damaged', () => {
    const install = copyInstall();
    const expected = run(install, ['--lang', 'en', '--help']).stdout;
    writeFileSync(path.join(install, 'lib', 'bundle', 'help.json'), '{"text": 12');
    expect(run(install, ['--help'])).toEqual({ code: 0, stdout: expected, stderr: '' });
  });
});

// Node >= 22.1 keeps its own compile cache; the build makes none there.
describe.skipIf(typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function')("the bundle's code cache", () => {
  it('is taken as the build made it, and a damaged or foreign one is refused, the command line still right', () => {
    const install = copyInstall();
    const expected = licat(['validate', SAMPLE, '--format', 'json']).stdout;
    expect(expected).toContain('"problems"');
    const check = () => {
      const r = run(install, ['validate', SAMPLE, '--format', 'json']);
      expect(r).toEqual({ code: 0, stdout: expected, stderr: '' });
    };
    expect(cacheTaken(install)).toBe(true);
    check();

    // Damaged (a few bytes of V8's code changed): not given to V8.
    const cacheFile = path.join(install, 'lib', 'bundle', 'main.cjs.code-cache');
    const cache = readFileSync(cacheFile);
    const damaged = Buffer.from(cache);
    for (let i = cache.length >> 1; i < (cache.length >> 1) + 16; i++) damaged[i] = damaged[i]! ^ 0x5a;
    writeFileSync(cacheFile, damaged);
    expect(cacheTaken(install)).toBe(false);
    check();

    // The cache whole again, but the bundle not the one it was made from: not given to V8.
    writeFileSync(cacheFile, cache);
    appendFileSync(path.join(install, 'lib', 'bundle', 'main.cjs'), '\n// changed after the build\n');
    expect(cacheTaken(install)).toBe(false);
    check();
  });
});
