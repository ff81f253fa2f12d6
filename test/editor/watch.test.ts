import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/pipeline/check-catalog.js';
import { CheckSession } from '../../src/pipeline/check-session.js';
import { copySample, ROOT } from '../helpers.js';

const BIN = path.join(ROOT, 'bin', 'licat.cjs');
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Start `licat validate --watch` and collect its output; `until` waits for a text to appear. */
function watch(dir: string, extra: string[] = []) {
  const child = spawn(process.execPath, [BIN, '--lang', 'en', 'validate', dir, '--watch', ...extra], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stderr += b));
  const until = async (test: () => boolean, what: string, ms = 60_000) => {
    const start = Date.now();
    while (!test()) {
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}\nstdout: ${stdout}\nstderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => stdout, err: () => stderr, until, exited };
}

/** Save a file the way many editors do: write a temporary file beside it, then rename it over. */
function save(file: string, text: string): void {
  writeFileSync(`${file}.swp`, text);
  renameSync(`${file}.swp`, file);
}

describe('licat validate --watch', () => {
  for (const mode of [[], ['--poll']]) {
    it(`re-checks a saved file and prints a compact result per change; Ctrl-C ends it cleanly${mode.length ? ' (polling)' : ''}`, async () => {
      const dir = copySample();
      const file = path.join(dir, 'items/market/food-business.yaml');
      const original = readFileSync(file, 'utf8');
      const w = watch(dir, mode);
      await w.until(() => w.err().includes('watching'), 'the watcher to start');
      expect(w.out()).toContain('no problems');
      expect(w.err()).toContain(mode.length ? '(polling)' : '(system events)');

      save(file, original.replace('    necessity: required\n', '    necessity: must\n'));
      await w.until(
        () => /\] .*food-business\.yaml {2}✖ 1 errors, 0 warnings · catalog: 1 errors, 0 warnings · \d+ ms\n/.test(w.out()),
        'the result of the broken save',
      );
      expect(w.out()).toMatch(/food-business\.yaml:\d+:\d+ {2}error {2}invalid value "must" for `necessity`.* {2}schema\n/);

      // A change whose effect lands in other files: the code the halls list disappears.
      save(file, original.replace('code: "440101001000"', 'code: "440101099000"'));
      await w.until(() => (w.out().match(/catalog: \d+ errors/g) ?? []).length >= 2, 'the result of the renumbered save');
      expect(w.out()).toMatch(/halls\/440106\.yaml:\d+:\d+ {2}error .* {2}not-in-catalog/);

      save(file, original);
      await w.until(() => /✓ · catalog clean · \d+ ms\n/.test(w.out()), 'the result of the restored save');
      expect(w.out()).toMatch(/problems elsewhere are gone/);

      w.child.kill('SIGINT');
      expect(await w.exited).toBe(0);
      expect(w.err()).toContain('stopped watching');
    });
  }

  it('a session checked again after edits gives exactly what a fresh check of the folder gives', async () => {
    const dir = copySample();
    const cwd = path.dirname(dir);
    const session = await CheckSession.open('catalog', cwd);
    const edits: Array<[string, (t: string) => string]> = [
      ['items/market/food-business.yaml', (t) => t.replace('code: "440101001000"', 'code: "440101002000"')],
      ['items/market/drug-retail.yaml', (t) => t.replace('fees: []', 'fees: 无').replace(/^name: (.*)$/m, 'name: $1\u200B')],
      ['halls/440106.yaml', (t) => `${t}  "440199999000": { window: 综合窗口 }\n`],
      ['departments.yaml', (t) => t.replace('  market: { name: 市场监督管理局', '  marketx: { name: 市场监督管理局')],
    ];
    for (const [rel, edit] of edits) {
      const abs = path.join(dir, rel);
      writeFileSync(abs, edit(readFileSync(abs, 'utf8')));
      session.update([rel]);
      const fresh = await checkCatalog('catalog', cwd);
      expect(session.result.diagnostics, rel).toEqual(fresh.diagnostics);
      expect(session.result.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
