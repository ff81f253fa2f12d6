import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeDigest } from '../../src/load/code-digest.js';
import { editSealed } from '../sealed-cache.js';
import { fileTexts as tree, writeSmallCatalog } from '../build/catalogs.js';
import { licat, ROOT, tempDir } from '../helpers.js';

type Run = (args: string[]) => { code: number | null; stdout: string; stderr: string };

/**
 * Build `catalog` into `out` with the cache `cache`, and afresh without any cache into a new
 * folder; the two outputs must be the same, byte for byte. Returns the cached build's log.
 */
function buildBoth(run: Run, catalog: string, out: string, cache: string, label: string): string {
  const cached = run(['build', catalog, '--only', 'feeds', '--out', out, '--cache-dir', cache, '--lang', 'en']);
  expect(cached.code, `${label}: ${cached.stderr}`).toBe(0);
  const fresh = path.join(tempDir('licat-fresh-'), 'dist');
  const plain = run(['build', catalog, '--only', 'feeds', '--out', fresh, '--no-cache', '--quiet']);
  expect(plain.code, `${label}: ${plain.stderr}`).toBe(0);
  const a = tree(out);
  const b = tree(fresh);
  expect([...a.keys()], label).toEqual([...b.keys()]);
  // The change records (and so the manifest listing them) compare with the previous output, which
  // the fresh build does not have; every other file must be the same.
  const compared = (file: string) => file !== 'changes.json' && file !== 'manifest.json' && !file.startsWith('manifest/');
  for (const [file, text] of b) if (compared(file)) expect(a.get(file), `${label}: ${file}`).toBe(text);
  return cached.stderr;
}

const rebuilt = (log: string) => /rebuilt (\d+) items and (\d+) halls/.exec(log)?.slice(1).map(Number);

describe('incremental feeds (the build cache)', () => {
  it('rebuilds exactly what changed and is never stale: edits, a move, a deletion, hall files, departments, regions, the catalog', () => {
    const run: Run = (args) => licat(args);
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir('licat-inc-'), 'dist');
    const cache = path.join(path.dirname(out), 'cache');
    const edit = (rel: string, change: (text: string) => string) => {
      const file = path.join(catalog, rel);
      const before = readFileSync(file, 'utf8');
      const after = change(before);
      expect(after, rel).not.toBe(before);
      writeFileSync(file, after);
    };

    buildBoth(run, catalog, out, cache, 'cold');
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'nothing changed'))).toEqual([0, 0]);

    // The food licence's feed changes, and no hall feed: they name the item by its code only.
    // Once the hall feeds have settled (their identities recorded), the record's hall table is
    // not written again for an edit that changes no hall.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    buildBoth(run, catalog, out, cache, 'settled');
    const table = path.join(
      cache,
      readdirSync(cache).find((f) => f.startsWith('feeds-') && f.endsWith('-halls.json'))!,
    );
    const tableBefore = statSync(table);
    edit('items/food-business.yaml', (t) => t.replace('name: 食品经营许可', 'name: 食品经营许可（新）'));
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'item renamed'))).toEqual([1, 0]);
    expect(statSync(table).ino).toBe(tableBefore.ino);
    expect(statSync(table).mtimeMs).toBe(tableBefore.mtimeMs);
    edit('items/food-business.yaml', (t) => t.replace(/^conditions:\n/m, 'conditions:\n  - 申请人具有完全民事行为能力。\n'));
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'condition added'))).toEqual([1, 0]);
    expect(JSON.parse(readFileSync(path.join(out, 'changes.json'), 'utf8')).records).toEqual([{ kind: 'item', key: '440101001000', operation: 'update' }]);
    edit('items/province.yaml', (t) => t.replace(/^fees: \[\]/m, 'fees: []\n'));
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'whitespace only'))).toEqual([0, 0]);

    mkdirSync(path.join(catalog, 'items/moved'));
    renameSync(path.join(catalog, 'items/province.yaml'), path.join(catalog, 'items/moved/province.yaml'));
    buildBoth(run, catalog, out, cache, 'item file moved');
    rmSync(path.join(catalog, 'items/moved/province.yaml'));
    buildBoth(run, catalog, out, cache, 'item file deleted');

    edit('halls/440106.yaml', (t) => t.replace('市场监管专窗', '市场监管专窗（二楼）'));
    buildBoth(run, catalog, out, cache, 'hall file edited');
    edit('departments.yaml', (t) => t.replace('东莞市市场监督管理局', '东莞市市场监管局'));
    buildBoth(run, catalog, out, cache, 'body renamed');
    edit('regions/test.csv', (t) => t.replace('岳洲社区居委会', '岳洲社区'));
    buildBoth(run, catalog, out, cache, 'region renamed');
    edit('catalog.yaml', (t) => t.replace('version: "1"', 'version: "2"'));
    buildBoth(run, catalog, out, cache, 'catalog version');
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'nothing changed again'))).toEqual([0, 0]);
  }, 300_000);

  it('makes a tier bundle after an edit of the previous one’s bytes, only while that file is as recorded', () => {
    const run: Run = (args) => licat(args);
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir('licat-inc-'), 'dist');
    const cache = path.join(path.dirname(out), 'cache');
    const itemFile = path.join(catalog, 'items/food-business.yaml');
    const rename = (name: string) => writeFileSync(itemFile, readFileSync(itemFile, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
    const bundle = path.join(out, 'feeds/tiers/city.json');
    // Another item of the city bundle, its name changed in place to one of the same length.
    const other = '"name":"特种设备安装改造修理许可"';
    const forged = '"name":"特种设备安装改造维修许可"';
    const tamper = () => {
      const text = readFileSync(bundle, 'utf8');
      expect(text).toContain(other);
      writeFileSync(bundle, text.replace(other, forged));
    };
    buildBoth(run, catalog, out, cache, 'cold');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    buildBoth(run, catalog, out, cache, 'settled');
    rename('食品经营许可（一）');
    buildBoth(run, catalog, out, cache, 'renamed once');
    expect(readFileSync(bundle, 'utf8')).toContain('食品经营许可（一）');

    // The bundle changed in place: no longer as recorded, so none of its bytes are taken.
    tamper();
    rename('食品经营许可（二）');
    buildBoth(run, catalog, out, cache, 'bundle touched');
    expect(readFileSync(bundle, 'utf8')).not.toContain(forged);

    // The control: a record (sealed as this user could) that vouches for the touched bundle is
    // believed, and the next bundle is made of its bytes, the other item's included: the items
    // an edit leaves alone are copied from the previous bundle, not encoded again.
    tamper();
    const record = path.join(
      cache,
      readdirSync(cache).find((f) => f.startsWith('feeds-') && !f.endsWith('-halls.json'))!,
    );
    editSealed(record, 'feeds', [codeDigest(ROOT)], (data: { files: Record<string, { sha256: string; id?: string; parts?: { lengths: number[] } }> }) => {
      const entry = data.files['feeds/tiers/city.json']!;
      expect(entry.parts!.lengths.length).toBe((JSON.parse(readFileSync(bundle, 'utf8')) as { items: unknown[] }).items.length);
      entry.sha256 = createHash('sha256').update(readFileSync(bundle)).digest('hex');
      delete entry.id;
    });
    rename('食品经营许可（三）');
    expect(run(['build', catalog, '--only', 'feeds', '--out', out, '--cache-dir', cache, '--quiet']).code).toBe(0);
    const made = readFileSync(bundle, 'utf8');
    expect(made).toContain('食品经营许可（三）');
    expect(made).toContain(forged);
  }, 300_000);

  it('builds afresh when the previous output is not the one it recorded', async () => {
    const run: Run = (args) => licat(args);
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir('licat-inc-'), 'dist');
    const cache = path.join(path.dirname(out), 'cache');
    buildBoth(run, catalog, out, cache, 'cold');

    // A feed deleted from the output.
    rmSync(path.join(out, 'feeds/halls/440106.json'));
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'feed deleted'))).toBeUndefined();
    // Another build, without the cache, replaced the output in between.
    writeFileSync(
      path.join(catalog, 'items/food-business.yaml'),
      readFileSync(path.join(catalog, 'items/food-business.yaml'), 'utf8').replace('name: 食品经营许可', 'name: 食品经营许可（新）'),
    );
    expect(licat(['build', catalog, '--only', 'feeds', '--out', out, '--no-cache', '--quiet']).code).toBe(0);
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'output replaced by another build'))).toBeUndefined();
    // A build killed after writing its feeds and the cache record, before its swap: the record
    // describes folders that never became the output.
    writeFileSync(
      path.join(catalog, 'items/food-business.yaml'),
      readFileSync(path.join(catalog, 'items/food-business.yaml'), 'utf8').replace('（新）', '（又新）'),
    );
    const killed = await new Promise<boolean>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'bin/licat.cjs'), 'build', catalog, '--only', 'feeds,excel', '--out', out, '--cache-dir', cache, '--lang', 'en'],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      let sent = false;
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (!sent && /^feeds: /m.test(stderr)) sent = child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('exit', () => resolve(sent));
    });
    expect(killed).toBe(true);
    expect(readFileSync(path.join(out, 'feeds/items/440101001000.json'), 'utf8')).not.toContain('又新');
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'after a build killed before its swap'))).toBeUndefined();
  }, 300_000);

  it('brings the output before last up to date only while it is as recorded, even against a falsified record', () => {
    const run: Run = (args) => licat(args);
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir('licat-inc-'), 'dist');
    const cache = path.join(path.dirname(out), 'cache');
    const spare = path.join(path.dirname(out), '.dist.spare');
    const itemFile = path.join(catalog, 'items/food-business.yaml');
    const rename = (name: string) => writeFileSync(itemFile, readFileSync(itemFile, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
    const itemFeed = () => readFileSync(path.join(out, 'feeds/items/440101001000.json'), 'utf8');
    /** Make the record claim that the spare's feeds are all the current output's. */
    const poison = () => {
      const file = path.join(
        cache,
        readdirSync(cache).find((f) => f.startsWith('feeds-') && !f.endsWith('-halls.json'))!,
      );
      editSealed(file, 'feeds', [codeDigest(ROOT)], (record: { spare?: { diff: Record<string, string | null> } }) => {
        // The item feed and the tier bundles holding the item differ.
        expect(Object.keys(record.spare!.diff).length).toBeGreaterThan(0);
        record.spare!.diff = {};
      });
    };
    const cachedBuild = () => {
      const r = run(['build', catalog, '--only', 'feeds', '--out', out, '--cache-dir', cache, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    };

    expect(run(['build', catalog, '--only', 'feeds', '--out', out, '--no-cache', '--quiet']).code).toBe(0);
    // A build with nothing to describe the output it replaced keeps no spare (no second copy on disk).
    buildBoth(run, catalog, out, cache, 'cold, over an output');
    expect(() => statSync(spare)).toThrow();
    buildBoth(run, catalog, out, cache, 'warm');
    expect(statSync(spare).isDirectory()).toBe(true);
    rename('食品经营许可（一）');
    buildBoth(run, catalog, out, cache, 'renamed once');
    expect(statSync(spare).isDirectory()).toBe(true);
    // The spare still holds the feeds of the first name; a record, even sealed, that says
    // otherwise is not believed: every feed kept from the spare is read and checked.
    poison();
    cachedBuild();
    expect(itemFeed()).toContain('（一）');

    // Start over: a build without the cache drops the spare, the next one with it starts cold.
    expect(run(['build', catalog, '--only', 'feeds', '--out', out, '--no-cache', '--quiet']).code).toBe(0);
    expect(() => statSync(spare)).toThrow();
    buildBoth(run, catalog, out, cache, 'cold again');
    rename('食品经营许可（二）');
    buildBoth(run, catalog, out, cache, 'renamed twice');
    expect(itemFeed()).toContain('（二）');
    // A file added to the spare's hall feeds: its folders are no longer as recorded, so the
    // spare is not used, poisoned record or not.
    writeFileSync(path.join(spare, 'feeds/halls/440106999.json'), '{}');
    poison();
    expect(rebuilt(buildBoth(run, catalog, out, cache, 'spare touched'))).toEqual([0, 0]);
    expect(itemFeed()).toContain('（二）');
    expect(() => statSync(path.join(out, 'feeds/halls/440106999.json'))).toThrow();
  }, 300_000);

  it('is not used by another version of licat or its feed code, and the poisoned control shows it would be seen', () => {
    // A copy of the installed licat to change.
    const copy = path.join(tempDir('licat-install-'), 'licat');
    mkdirSync(copy);
    for (const name of ['bin', 'lib', 'data', 'schemas', 'templates', 'package.json'])
      cpSync(path.join(ROOT, name), path.join(copy, name), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    const run: Run = (args) => {
      const r = spawnSync(process.execPath, [path.join(copy, 'bin/licat.cjs'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', LICAT_LANG: '' },
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const catalog = writeSmallCatalog();
    const out = path.join(tempDir('licat-inc-'), 'dist');
    const cache = path.join(path.dirname(out), 'cache');
    buildBoth(run, catalog, out, cache, 'cold');
    /** The code digests of the copy so far: a record is sealed for the one that wrote it. */
    const codes = [codeDigest(copy)];

    /**
     * Falsify every hall count the cache recorded, and forget what the index pages were made
     * from (so they are built from the record, not linked): an index built from it shows it.
     */
    const poison = () => {
      const file = path.join(
        cache,
        readdirSync(cache).find((f) => f.startsWith('feeds-') && !f.endsWith('-halls.json'))!,
      );
      // The hall table is a file of its own beside the record.
      // Each hall's record is `sha256 size items[ identity]`.
      editSealed(file.replace(/\.json$/, '-halls.json'), 'feeds-halls', codes, (table: { entries: string[] }) => {
        table.entries = table.entries.map((entry) => {
          const parts = entry.split(' ');
          parts[2] = String(Number(parts[2]) + 1000);
          return parts.join(' ');
        });
      });
      editSealed(file, 'feeds', codes, (record: { files: Record<string, { input?: string }> }) => {
        for (const entry of Object.values(record.files)) delete entry.input;
      });
    };
    const build = () => {
      const r = run(['build', catalog, '--only', 'feeds', '--out', out, '--cache-dir', cache, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(path.join(out, 'feeds/index/halls/440100.json'), 'utf8');
    };
    poison();
    expect(build()).toMatch(/"items":100\d/);

    const pkgFile = path.join(copy, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
    writeFileSync(pkgFile, JSON.stringify({ ...pkg, version: `${pkg.version}-next` }));
    poison();
    expect(build()).not.toMatch(/"items":100\d/);
    buildBoth(run, catalog, out, cache, 'new version');
    codes.push(codeDigest(copy));

    poison();
    const hallFeed = path.join(copy, 'lib/emit/feeds/hall-feed.js');
    writeFileSync(hallFeed, `${readFileSync(hallFeed, 'utf8')}\n// changed\n`);
    expect(build()).not.toMatch(/"items":100\d/);
    buildBoth(run, catalog, out, cache, 'changed feed code');
  }, 300_000);
});
