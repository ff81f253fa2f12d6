import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, openSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, writeSmallCatalog } from '../build/catalogs.js';
import { licat, ROOT, tempDir } from '../helpers.js';

const en = { env: { LICAT_LANG: 'en' } };
/** A stack trace's frame line: what no input, fault or environment may ever print. */
const TRACE = /\n\s+at .+[:(]/;

function noTrace(r: { stderr: string; stdout: string }) {
  expect(r.stderr).not.toMatch(TRACE);
  expect(r.stdout).not.toMatch(TRACE);
}

/** Every path below `dir` ending in .tmp. */
function tmpFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
}

describe('reading: every path read resolves inside the catalog, or is an error at the link', () => {
  it('a linked folder under items/, halls/ or regions/ and linked catalog.yaml or departments.yaml that lead out are refused at the link, their content never shown', () => {
    const outside = path.join(tempDir(), 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.yaml'), 'code: "SECRET-YAML-CONTENT"\nname: SECRET-NAME\n');
    writeFileSync(path.join(outside, 'secret.csv'), '440106,SECRET-REGION,county,440100\n');
    const pristine = writeSmallCatalog();
    const cases: Array<[string, (dir: string) => void]> = [
      ['items/evil', (dir) => symlinkSync(outside, path.join(dir, 'items', 'evil'))],
      ['items/deep/evil', (dir) => (mkdirSync(path.join(dir, 'items', 'deep')), symlinkSync(outside, path.join(dir, 'items', 'deep', 'evil')))],
      ['halls', (dir) => (rmSync(path.join(dir, 'halls'), { recursive: true, force: true }), symlinkSync(outside, path.join(dir, 'halls')))],
      ['regions', (dir) => (rmSync(path.join(dir, 'regions'), { recursive: true }), symlinkSync(outside, path.join(dir, 'regions')))],
      ['items', (dir) => (rmSync(path.join(dir, 'items'), { recursive: true }), symlinkSync(outside, path.join(dir, 'items')))],
      ['catalog.yaml', (dir) => (unlinkSync(path.join(dir, 'catalog.yaml')), symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'catalog.yaml')))],
      [
        'departments.yaml',
        (dir) => (unlinkSync(path.join(dir, 'departments.yaml')), symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'departments.yaml'))),
      ],
    ];
    for (const [at, plant] of cases) {
      const dir = path.join(tempDir(), 'catalog');
      cpSync(pristine, dir, { recursive: true });
      plant(dir);
      for (const format of ['json', 'stylish']) {
        const r = licat(['validate', 'catalog', '--format', format], { cwd: path.dirname(dir), env: { LICAT_LANG: 'en' } });
        expect(r.code, at).toBe(1);
        expect(r.stdout + r.stderr, at).not.toContain('SECRET');
        noTrace(r);
        if (format === 'json') {
          const problems = (JSON.parse(r.stdout) as { problems: Array<{ file: string; rule: string; message: string }> }).problems;
          expect(
            problems.filter((p) => p.rule === 'file-link').map((p) => [p.file, p.message]),
            at,
          ).toEqual([[`catalog/${at}`, 'symbolic link leads outside the catalog; not read']]);
        }
      }
    }
  });

  it('a link to a folder inside the catalog is followed, and a loop of links ends', () => {
    const dir = writeSmallCatalog();
    const plain = licat(['validate', dir, '--format', 'json'], en);
    symlinkSync(path.join(dir, 'items'), path.join(dir, 'items', 'loop'));
    const r = licat(['validate', dir, '--format', 'json'], en);
    noTrace(r);
    // Each item is read once: the same problems (none a duplicate code), the same exit code.
    expect(r.code).toBe(plain.code);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(plain.stdout));
  });
});

describe('output folder: licat deletes only what it wrote', () => {
  it("refuses a folder holding a manifest.json that is not licat's, and loses none of its files", () => {
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir(), 'web');
    mkdirSync(path.join(out, 'js'), { recursive: true });
    writeFileSync(path.join(out, 'manifest.json'), '{"name":"my web app","icons":[]}\n');
    writeFileSync(path.join(out, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(out, 'js', 'app.js'), 'alert(1)');
    const before = snapshot(out);
    const r = licat(['build', catalog, '--out', out, '--only', 'feeds', '--quiet', '--no-cache'], en);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `licat: ${out} is not a licat output (no manifest.json written by licat) and a build replaces all of its content; refusing. Choose another --out, or remove the folder yourself if it is yours to remove.\n`,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('refuses a licat output to which someone added a file or a link, naming it; builds again once it is gone', () => {
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir(), 'dist');
    expect(licat(['build', catalog, '--out', out, '--only', 'feeds', '--quiet', '--no-cache']).code).toBe(0);
    writeFileSync(path.join(out, 'feeds', 'notes.txt'), 'mine');
    writeFileSync(path.join(path.dirname(out), 'elsewhere.txt'), 'x');
    symlinkSync(path.join(path.dirname(out), 'elsewhere.txt'), path.join(out, 'etc-link'));
    const before = snapshot(out);
    const r = licat(['build', catalog, '--out', out, '--only', 'feeds', '--quiet', '--no-cache'], en);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${out} holds what licat did not write (etc-link, feeds/notes.txt)`);
    expect(snapshot(out)).toEqual(before);
    unlinkSync(path.join(out, 'feeds', 'notes.txt'));
    unlinkSync(path.join(out, 'etc-link'));
    expect(licat(['build', catalog, '--out', out, '--only', 'feeds', '--quiet', '--no-cache']).code).toBe(0);
  });

  it('leaves a neighbour named like a staging folder alone', () => {
    const catalog = writeSmallCatalog();
    const parent = tempDir();
    mkdirSync(path.join(parent, '.dist.old-notes'));
    writeFileSync(path.join(parent, '.dist.old-notes', 'keep.txt'), 'mine');
    expect(licat(['build', catalog, '--out', path.join(parent, 'dist'), '--only', 'feeds', '--quiet', '--no-cache']).code).toBe(0);
    expect(readFileSync(path.join(parent, '.dist.old-notes', 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('writing a report, a baseline or a diff: one clear line, exit 2, nothing left behind', () => {
  it('a folder given as the file to write', () => {
    const catalog = writeSmallCatalog();
    const where = tempDir();
    const target = path.join(where, 'folder');
    mkdirSync(target);
    const runs = [
      ['validate', catalog, '--format', 'json', '--output-json', target],
      ['validate', catalog, '--format', 'sarif', '--output-sarif', target],
      ['validate', catalog, '--write-baseline', target],
      ['diff', catalog, catalog, '--output', target],
      ['diff', catalog, catalog, '--output', `${target}/`],
    ];
    for (const args of runs) {
      const r = licat(args, { cwd: where, env: { LICAT_LANG: 'en' } });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toEqual([
        expect.stringMatching(/^licat: cannot write .*folder\/?: it is a folder; give a file name$/),
      ]);
      expect(tmpFiles(where), args.join(' ')).toEqual([]);
    }
  });

  it('a file in a folder that cannot be written (permission, a file in the way of a folder)', () => {
    const catalog = writeSmallCatalog();
    const where = tempDir();
    writeFileSync(path.join(where, 'plain'), 'x');
    const r = licat(['diff', catalog, catalog, '--output', path.join(where, 'plain', 'out.md')], en);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^licat: cannot write .*out\.md: (a part of the path is not a folder \(ENOTDIR|a file is in the way \(EEXIST) at [^\n]*\)\n$/);
    noTrace(r);
    expect(tmpFiles(where)).toEqual([]);
  });

  it('standard output on a full disk ends in one line, exit 2', () => {
    const catalog = writeSmallCatalog();
    for (const args of [
      ['stats', catalog, '--format', 'json'],
      ['validate', catalog, '--format', 'json'],
      ['diff', catalog, catalog],
    ]) {
      const full = openSync('/dev/full', 'w');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/licat.cjs'), ...args], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, LICAT_LANG: 'en' },
      });
      closeSync(full);
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr, args[0]).toBe('licat: cannot write the output: ENOSPC\n');
    }
  });
});
