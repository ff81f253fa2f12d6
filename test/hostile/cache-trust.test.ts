import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTexts, writeSmallCatalog } from '../build/catalogs.js';
import { licat, tempDir } from '../helpers.js';
import { parsePacks, readSealedText, writeSealedText } from '../sealed-cache.js';
import { codeDigest, writeCodeDigest } from '../../src/load/code-digest.js';

/** A private cache home for one test: licat's key and default cache live below it. */
function cacheHome() {
  const home = path.join(tempDir(), 'xdg');
  return { home, env: { XDG_CACHE_HOME: home, LICAT_LANG: 'en' } };
}

function build(catalog: string, out: string, env: Record<string, string>, extra: string[] = []) {
  const r = licat(['build', catalog, '--out', out, '--only', 'feeds', '--quiet', ...extra], { env });
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('caches can only make a run faster, never different', () => {
  it('the default cache is private to the user: ~/.cache/licat (XDG_CACHE_HOME) mode 0700, its key 0600, nothing beside the output', () => {
    const { home, env } = cacheHome();
    const parent = tempDir();
    build(writeSmallCatalog(), path.join(parent, 'dist'), env);
    const dir = path.join(home, 'licat');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'key')).mode & 0o777).toBe(0o600);
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).mode & 0o077, name).toBe(0);
    expect(readdirSync(dir).some((n) => n.startsWith('parsed-'))).toBe(true);
    expect(readdirSync(parent).filter((n) => n.includes('cache'))).toEqual([]);
  });

  it('an edited parse cache entry changes nothing published: discarded with a note under --verbose', () => {
    const { home, env } = cacheHome();
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir(), 'dist');
    // Built twice, so that changes.json (against the previous build) is what every later build of the same catalog writes.
    build(catalog, out, env);
    build(catalog, out, env);
    const clean = fileTexts(out);
    // A pack (the cache is sharded) holding an item's name.
    const file = parsePacks(path.join(home, 'licat')).find((pack) => readSealedText(pack).includes('"name":"'))!;
    const text = readSealedText(file);
    const name = /"name":"([^"]+)"/.exec(text)![1]!;
    writeSealedText(file, text.split(`"name":"${name}"`).join('"name":"TAMPERED"'));
    const r = build(catalog, out, env, ['--verbose']);
    expect(r.stderr).toContain(`licat: the parse cache ${file} was edited, is damaged or was not written by this user; discarded`);
    expect(fileTexts(out)).toEqual(clean);
    expect([...fileTexts(out).values()].some((t) => t.includes('TAMPERED'))).toBe(false);
  });

  it("a cache folder from elsewhere (committed to the repository, say) is not trusted: its packs are not sealed by this user's key", () => {
    const a = cacheHome();
    const b = cacheHome();
    const catalog = writeSmallCatalog();
    const shared = path.join(tempDir(), 'repo-cache');
    const out = path.join(tempDir(), 'dist');
    build(catalog, out, a.env, ['--cache-dir', shared]);
    build(catalog, out, a.env, ['--cache-dir', shared]);
    const clean = fileTexts(out);
    const pack = parsePacks(shared).find((file) => readSealedText(file).includes('"name":"'))!;
    const text = readSealedText(pack);
    const name = /"name":"([^"]+)"/.exec(text)![1]!;
    // The pack was sealed with another user's key, and is edited on top of it.
    writeSealedText(pack, text.split(`"name":"${name}"`).join('"name":"TAMPERED"'));
    const r = build(catalog, out, b.env, ['--cache-dir', shared, '--verbose']);
    expect(r.stderr).toContain('discarded');
    expect(fileTexts(out)).toEqual(clean);
  });

  it('an edited feeds record, or a feed of the previous output edited in place, is never reused', () => {
    const { home, env } = cacheHome();
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir(), 'dist');
    build(catalog, out, env);
    build(catalog, out, env);
    // A third build, a moment later: the feeds have settled, and the record holds their identity
    // (device, inode, size, times), by which the next build knows them without reading them.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    build(catalog, out, env);
    const clean = fileTexts(out);
    const feeds = path.join(out, 'feeds', 'halls');
    const victim = path.join(feeds, readdirSync(feeds).sort()[0]!);
    const region = path.basename(victim, '.json');
    const recordFile = () =>
      path.join(
        home,
        'licat',
        readdirSync(path.join(home, 'licat')).find((n) => n.startsWith('feeds-') && n.endsWith('-halls.json'))!,
      );
    const sealed = readFileSync(recordFile(), 'utf8');
    // The hall table: the regions in the build's order, and each hall's entry `sha256 size items identity`.
    const table = JSON.parse(sealed.slice(sealed.indexOf('\n') + 1)) as { regions: string; entries: string[] };
    expect(table.entries[table.regions.split(',').indexOf(region)]!.split(' ')[3]).toMatch(/^\d+:\d+:\d+:/);
    // In place, keeping size and modification time: only the change time (and the content) tells.
    const before = statSync(victim);
    const stamp = path.join(tempDir(), 'stamp');
    expect(spawnSync('cp', ['--preserve=timestamps', victim, stamp]).status).toBe(0);
    const original = readFileSync(victim, 'utf8');
    const edited = original.replace(/"name": ?"([^"]+)"/, (m, n: string) => m.replace(n, 'X'.repeat(Buffer.byteLength(n))));
    expect(edited).not.toBe(original);
    expect(Buffer.byteLength(edited)).toBe(before.size);
    chmodSync(victim, 0o644);
    writeFileSync(victim, edited);
    // Its times set back to the nanosecond (from a copy that kept them), as touch -r does.
    expect(spawnSync('touch', ['-r', stamp, victim]).status).toBe(0);
    expect(statSync(victim, { bigint: true }).mtimeNs).toBe(statSync(stamp, { bigint: true }).mtimeNs);
    const r = build(catalog, out, env, ['--verbose']);
    expect(r.stderr).toContain('feeds of the last output were not as the cache recorded them; built again');
    expect(fileTexts(out)).toEqual(clean);

    const record = recordFile();
    const tampered = readFileSync(record, 'utf8').replace(/"[0-9a-f]{64} /, `"${'0'.repeat(64)} `);
    expect(tampered).not.toBe(readFileSync(record, 'utf8'));
    writeFileSync(record, tampered);
    const r2 = build(catalog, out, env, ['--verbose']);
    expect(r2.stderr).toContain('the feeds cache');
    expect(r2.stderr).toContain('discarded');
    expect(fileTexts(out)).toEqual(clean);
  });

  it("a feed of the spare output replaced, made a link or deleted, its folder's times set back, is never kept: the build is the same", () => {
    const { env } = cacheHome();
    const catalog = writeSmallCatalog();
    const parent = tempDir();
    const out = path.join(parent, 'dist');
    const folder = path.join(parent, '.dist.spare', 'feeds', 'halls');
    const stamp = path.join(parent, 'stamp');
    build(catalog, out, env);
    build(catalog, out, env);
    const clean = fileTexts(out);
    const halls = readdirSync(path.join(out, 'feeds', 'halls')).sort();
    const forged = (name: string) => readFileSync(path.join(out, 'feeds', 'halls', name), 'utf8').replace(/"name": ?"[^"]+"/, '"name":"FORGED"');
    const changes: Array<(file: string, name: string) => void> = [
      // A new file under the old name.
      (file, name) => {
        rmSync(file);
        writeFileSync(file, forged(name));
      },
      // A link to a forged file elsewhere.
      (file, name) => {
        const elsewhere = path.join(parent, `forged-${name}`);
        writeFileSync(elsewhere, forged(name));
        rmSync(file);
        symlinkSync(elsewhere, file);
      },
      (file) => rmSync(file),
    ];
    for (const [i, change] of changes.entries()) {
      // Settled, so that the record holds each feed's identity; the next build recycles the spare
      // and looks at its feeds on another thread while it validates the catalog.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      build(catalog, out, env);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      const name = halls[i]!;
      expect(spawnSync('touch', ['-r', folder, stamp]).status).toBe(0);
      change(path.join(folder, name), name);
      // The folder's modification time set back, as touch -r does: its change time still tells.
      expect(spawnSync('touch', ['-r', stamp, folder]).status).toBe(0);
      build(catalog, out, env);
      expect(fileTexts(out), name).toEqual(clean);
      expect(lstatSync(path.join(out, 'feeds', 'halls', name)).isFile(), name).toBe(true);
    }
  });

  it('a cache folder writable by others, or owned by another user, is not used: one warning, the same output', () => {
    const { env } = cacheHome();
    const catalog = writeSmallCatalog();
    const open = path.join(tempDir(), 'open-cache');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const out = path.join(tempDir(), 'dist');
    const r = build(catalog, out, env, ['--cache-dir', open]);
    expect(r.stderr).toBe(`licat: the cache folder ${open} can be written by other users; no cache is used\n`);
    expect(readdirSync(open)).toEqual([]);
    if (process.getuid?.() === 0) {
      const theirs = path.join(tempDir(), 'their-cache');
      mkdirSync(theirs, { mode: 0o700 });
      chmodSync(path.dirname(theirs), 0o755);
      // nobody's folder, used by root: refused as well.
      chownSync(theirs, 65534, 65534);
      const r2 = build(catalog, out, env, ['--cache-dir', theirs]);
      expect(r2.stderr).toBe(`licat: the cache folder ${theirs} belongs to another user; no cache is used\n`);
    }
  });
});

describe('the code digest keys caches by what the code depends on', () => {
  function fakePackage() {
    const root = path.join(tempDir(), 'pkg');
    mkdirSync(path.join(root, 'lib', 'load'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'licat', version: '1.0.0', dependencies: { zod: '^4' } }));
    writeFileSync(path.join(root, 'lib', 'load', 'a.js'), 'export const a = 1;\n');
    writeFileSync(
      path.join(root, 'package-lock.json'),
      JSON.stringify({
        packages: { '': {}, 'node_modules/zod': { version: '4.0.0', integrity: 'sha512-a' }, 'node_modules/vitest': { version: '1.0.0', dev: true } },
      }),
    );
    return root;
  }

  it('changes when any module changes or is added (not only chosen folders), and when a runtime dependency is added or bumped', () => {
    const root = fakePackage();
    const first = codeDigest(root);
    expect(codeDigest(root)).toBe(first);
    writeFileSync(path.join(root, 'lib', 'load', 'a.js'), 'export const a = 2;\n');
    const edited = codeDigest(root);
    expect(edited).not.toBe(first);
    mkdirSync(path.join(root, 'lib', 'report'));
    writeFileSync(path.join(root, 'lib', 'report', 'new.js'), 'export {};\n');
    const added = codeDigest(root);
    expect(added).not.toBe(edited);
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    lock.packages['node_modules/yaml'] = { version: '2.0.0', integrity: 'sha512-b' };
    writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
    const dependency = codeDigest(root);
    expect(dependency).not.toBe(added);
    lock.packages['node_modules/zod'].version = '4.0.1';
    writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
    expect(codeDigest(root)).not.toBe(dependency);
    // A dev dependency does not shape results.
    const now = codeDigest(root);
    lock.packages['node_modules/vitest'].version = '2.0.0';
    writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
    expect(codeDigest(root)).toBe(now);
  });

  it('the record npm run build writes is used only while every file is as recorded', () => {
    const root = fakePackage();
    const recorded = writeCodeDigest(root);
    expect(codeDigest(root)).toBe(recorded);
    // A module compiled again without the record rewritten: computed afresh, not the stale record.
    writeFileSync(path.join(root, 'lib', 'load', 'a.js'), 'export const a = 3;\n');
    expect(codeDigest(root)).not.toBe(recorded);
  });
});
