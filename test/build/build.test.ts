import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { licat, tempDir } from '../helpers.js';
import { leftovers, snapshot, verifyAgainstManifest, writeSmallCatalog } from './catalogs.js';

const build = (catalog: string, out: string, ...args: string[]) => licat(['build', catalog, '--out', out, '--only', 'feeds', ...args]);

describe('licat build', () => {
  it('writes feeds and a manifest that lists every file with its size and sha256', () => {
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir(), 'dist');
    const r = build(catalog, out, '--lang', 'en');
    expect(r.stderr).toContain('body-missing'); // the fixture's town without a town-gov body
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ built .*dist: \d+ files/);
    expect(verifyAgainstManifest(out)).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: 2, catalog: { id: 'test', version: '1' }, artifacts: ['feeds'] });
    expect(manifest).not.toHaveProperty('buildTime');
    expect(leftovers(out)).toEqual([]);
  });

  it('gives byte-identical output for the same input', () => {
    const catalog = writeSmallCatalog();
    const parent = tempDir();
    expect(build(catalog, path.join(parent, 'a'), '--quiet').code).toBe(0);
    expect(build(catalog, path.join(parent, 'b'), '--quiet').code).toBe(0);
    const a = snapshot(path.join(parent, 'a'));
    expect(a.size).toBeGreaterThan(30);
    expect(snapshot(path.join(parent, 'b'))).toEqual(a);
    // Rebuilding in place changes nothing but the change records (now against the first build,
    // and empty) and the manifest that lists them.
    expect(build(catalog, path.join(parent, 'a'), '--quiet').code).toBe(0);
    const again = snapshot(path.join(parent, 'a'));
    expect([...again.keys()]).toEqual([...a.keys()]);
    expect([...a.keys()].filter((p) => a.get(p) !== again.get(p))).toEqual(['changes.json', 'manifest.json']);
    expect(JSON.parse(readFileSync(path.join(parent, 'a', 'changes.json'), 'utf8'))).toMatchObject({ from: '1', to: '1', records: [] });
  });

  it('keeps an unchanged manifest page as the very file, and writes again one edited to the same meaning', () => {
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir(), 'dist');
    expect(build(catalog, out, '--quiet').code).toBe(0);
    const before = snapshot(out);
    const root = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { pages: Array<{ path: string; size: number; sha256: string }> };
    expect(root.pages.length).toBeGreaterThan(1);
    const inode = (rel: string) => statSync(path.join(out, rel)).ino;
    const inodes = new Map(root.pages.map((p) => [p.path, inode(p.path)]));
    // One page rewritten compactly (the same files, sizes and digests), and the root manifest's
    // record of it made to match: only its bytes differ from what a build writes. The output is
    // still recognised as licat's (that page's paths are read from it as JSON, not scanned).
    const edited = root.pages[0]!;
    const compact = `${JSON.stringify(JSON.parse(readFileSync(path.join(out, edited.path), 'utf8')))}\n`;
    writeFileSync(path.join(out, edited.path), compact);
    Object.assign(edited, { size: Buffer.byteLength(compact), sha256: createHash('sha256').update(compact).digest('hex') });
    writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(root, null, 2)}\n`);

    expect(build(catalog, out, '--quiet').code).toBe(0);
    const after = snapshot(out);
    for (const page of root.pages) expect(after.get(page.path)).toBe(before.get(page.path));
    expect(verifyAgainstManifest(out)).toEqual([]);
    expect(inode(edited.path)).not.toBe(inodes.get(edited.path));
    for (const page of root.pages.slice(1)) expect(inode(page.path)).toBe(inodes.get(page.path));
  });

  it('makes no change records from a previous build whose hall feed is not as recorded: exit 2, one line, nothing written', () => {
    const catalog = writeSmallCatalog();
    const parent = tempDir();
    const prev = path.join(parent, 'prev');
    expect(build(catalog, prev, '--quiet').code).toBe(0);
    const rel = `feeds/halls/${readdirSync(path.join(prev, 'feeds', 'halls')).sort()[0]!}`;
    const pageFile = readdirSync(path.join(prev, 'manifest'))
      .map((name) => path.join(prev, 'manifest', name))
      .find((file) => readFileSync(file, 'utf8').includes(`"${rel}"`))!;
    /** Make the manifest page record `text` as the feed's bytes (or anything else, with `sha256`). */
    const record = (text: string, sha256 = createHash('sha256').update(text).digest('hex')) => {
      const page = JSON.parse(readFileSync(pageFile, 'utf8')) as { files: Array<{ path: string; size: number; sha256: string }> };
      Object.assign(
        page.files.find((f) => f.path === rel)!,
        { size: Buffer.byteLength(text), sha256 },
      );
      writeFileSync(pageFile, `${JSON.stringify(page, null, 2)}\n`);
    };
    const original = readFileSync(path.join(prev, rel), 'utf8');
    const next = path.join(parent, 'next');
    const refused = () => {
      const r = build(catalog, next, '--since', prev, '--lang', 'en', '--quiet');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${rel} of the previous build compared with, ${prev}, is not as its record says or is not a hall feed`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(next)).toBe(false);
    };
    // The record says other bytes than the file holds.
    record(original, '0'.repeat(64));
    refused();
    // File and record agree, but it is no hall feed (no offers).
    const forged = JSON.stringify({ ...(JSON.parse(original) as object), offers: undefined });
    writeFileSync(path.join(prev, rel), forged);
    record(forged);
    refused();
    // Made whole again, the same build compares with it.
    writeFileSync(path.join(prev, rel), original);
    record(original);
    expect(build(catalog, next, '--since', prev, '--quiet').code).toBe(0);
  });

  it('records --build-time, in UTC, only in the manifest and the index', () => {
    const catalog = writeSmallCatalog();
    const parent = tempDir();
    expect(build(catalog, path.join(parent, 'plain'), '--quiet').code).toBe(0);
    expect(build(catalog, path.join(parent, 'timed'), '--quiet', '--build-time', '2026-11-01T08:00:00+08:00').code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(parent, 'timed/manifest.json'), 'utf8'));
    expect(manifest.buildTime).toBe('2026-11-01T00:00:00.000Z');
    const index = JSON.parse(readFileSync(path.join(parent, 'timed/feeds/index.json'), 'utf8'));
    expect(index.buildTime).toBe('2026-11-01T00:00:00.000Z');
    const plain = snapshot(path.join(parent, 'plain'));
    const timed = snapshot(path.join(parent, 'timed'));
    const differing = [...plain.keys()].filter((p) => plain.get(p) !== timed.get(p));
    expect(differing.sort()).toEqual(['feeds/index.json', 'manifest.json', 'manifest/feeds.json']);
  });

  it('refuses a build time without a time zone (exit 2)', () => {
    const r = build(writeSmallCatalog(), path.join(tempDir(), 'dist'), '--build-time', '2026-11-01T08:00', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--build-time takes an ISO 8601 time with a zone');
  });

  it('refuses a catalog with errors: exit 1, the diagnostics, and the previous output unchanged', () => {
    const good = writeSmallCatalog();
    const out = path.join(tempDir(), 'dist');
    expect(build(good, out, '--quiet').code).toBe(0);
    const before = snapshot(out);
    const bad = writeSmallCatalog({ 'items/broken.yaml': 'code: "440101099000"\nname: 不完整的事项\n' });
    const r = build(bad, out, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('catalog/items/broken.yaml');
    expect(r.stderr).toMatch(/missing required key/);
    expect(r.stderr).toContain('nothing was emitted');
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('keeps dist/README.md in the new output and lists it in the manifest', () => {
    const out = path.join(tempDir(), 'dist');
    mkdirSync(out);
    writeFileSync(path.join(out, 'README.md'), '# 门户数据说明\n');
    const catalog = writeSmallCatalog();
    expect(build(catalog, out, '--quiet').code).toBe(0);
    expect(build(catalog, out, '--quiet').code).toBe(0);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('# 门户数据说明\n');
    expect(verifyAgainstManifest(out)).toEqual([]);
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toContain('"path": "README.md"');
  });

  it('refuses to replace a folder that is not a licat output (exit 2)', () => {
    const out = path.join(tempDir(), 'src');
    mkdirSync(out);
    writeFileSync(path.join(out, 'main.ts'), 'export {};\n');
    const r = build(writeSmallCatalog(), out, '--quiet', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a licat output');
    expect(readFileSync(path.join(out, 'main.ts'), 'utf8')).toBe('export {};\n');
    expect(leftovers(out)).toEqual([]);
  });

  it('names the unknown artifact of --only (exit 2)', () => {
    const r = build(writeSmallCatalog(), path.join(tempDir(), 'dist'), '--only', 'feeds,posters', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown artifact: posters');
  });

  it('prints nothing with --quiet, plain progress lines when not on a terminal', () => {
    const catalog = writeSmallCatalog();
    const quiet = build(catalog, path.join(tempDir(), 'dist'), '--quiet');
    expect(quiet.stdout + quiet.stderr).toBe('');
    const loud = build(catalog, path.join(tempDir(), 'dist'), '--lang', 'en');
    expect(loud.stderr).toContain('writing hall feeds: 10/10 (100%)');
    expect(loud.stderr).not.toContain('\r');
  });
});

describe('the output lock', () => {
  it('stops a second build on the same output with a clear message, leaving the output alone', () => {
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir(), 'dist');
    expect(build(catalog, out, '--quiet').code).toBe(0);
    const before = snapshot(out);
    const lock = path.join(path.dirname(out), '.dist.lock');
    // This test process is alive: its lock is held.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), token: 't', started: '2026-11-01T00:00:00.000Z' }));
    const r = build(catalog, out, '--quiet', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`another build (pid ${process.pid}`);
    expect(r.stderr).toContain(lock);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(lock)).toBe(true);
  });

  it('takes over the lock of a build that died', () => {
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir(), 'dist');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const lock = path.join(path.dirname(out), '.dist.lock');
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), token: 't', started: '2026-11-01T00:00:00.000Z' }));
    expect(build(catalog, out, '--quiet').code).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(verifyAgainstManifest(out)).toEqual([]);
  });
});
