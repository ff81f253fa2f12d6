import { createHash } from 'node:crypto';
import { cpSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTexts, writeSmallCatalog } from '../build/catalogs.js';
import { licat, tempDir } from '../helpers.js';

const en = { env: { LICAT_LANG: 'en' } };
const TRACE = /\n\s+at .+[:(]/;

function build(catalog: string, extra: string[]): string {
  const out = path.join(tempDir('licat-shard-'), 'out');
  const r = licat(['build', catalog, '--only', 'feeds', '--out', out, '--quiet', '--no-cache', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Edit a shard's manifest: every file its root and pages list, as one list, written back into
 * the root (a manifest may list any file there). With `reseal` (a thorough forger), shard.json's
 * record of the shard's files is made to agree, and the manifest's entry for shard.json too.
 */
function editManifest(dir: string, edit: (files: ManifestFile[]) => void, reseal = true): void {
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { files: ManifestFile[]; pages: ManifestFile[]; count: number };
  const files = [...manifest.files];
  for (const page of manifest.pages) files.push(...(JSON.parse(readFileSync(path.join(dir, page.path), 'utf8')) as { files: ManifestFile[] }).files);
  edit(files);
  if (reseal) {
    const shardJson = path.join(dir, 'shard.json');
    const info = JSON.parse(readFileSync(shardJson, 'utf8')) as { files: { count: number; digest: string } };
    const others = files.filter((f) => f.path !== 'shard.json' && f.path !== 'README.md');
    const hash = createHash('sha256');
    for (const line of others.map((f) => `${f.path}\t${f.size}\t${f.sha256}\n`).sort()) hash.update(line);
    info.files = { count: others.length, digest: hash.digest('hex') };
    writeFileSync(shardJson, JSON.stringify(info, null, 2));
    const i = files.findIndex((f) => f.path === 'shard.json');
    if (i >= 0) files[i] = record(dir, 'shard.json');
  }
  writeFileSync(file, JSON.stringify({ ...manifest, files, pages: [], count: files.length }, null, 2));
}

function record(dir: string, rel: string): ManifestFile {
  const bytes = readFileSync(path.join(dir, ...rel.split('/')));
  return { path: rel, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

describe('licat merge treats shards as untrusted input', () => {
  const catalog = writeSmallCatalog();
  const one = build(catalog, ['--shard', '1/2']);
  const two = build(catalog, ['--shard', '2/2']);
  const copy = (dir: string) => {
    const to = path.join(tempDir('licat-shard-'), 'copy');
    cpSync(dir, to, { recursive: true });
    return to;
  };
  const hallOf = (dir: string) => Object.keys(Object.fromEntries(fileTexts(dir))).find((f) => f.startsWith('feeds/halls/'))!;

  function refused(shard: string, expected: RegExp) {
    const out = path.join(tempDir(), 'merged');
    const r = licat(['merge', shard, two, '--out', out, '--quiet'], en);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(TRACE);
    return out;
  }

  it('merges the untouched shards into the single build', () => {
    const single = fileTexts(build(catalog, []));
    const out = path.join(tempDir(), 'merged');
    expect(licat(['merge', one, two, '--out', out, '--quiet']).code).toBe(0);
    expect(fileTexts(out)).toEqual(single);
  });

  it('a feed replaced by a symbolic link (even to the right bytes) is refused, never written through', () => {
    const shard = copy(one);
    const rel = hallOf(shard);
    const abs = path.join(shard, ...rel.split('/'));
    const elsewhere = path.join(tempDir(), 'target.json');
    renameSync(abs, elsewhere);
    symlinkSync(elsewhere, abs);
    refused(shard, new RegExp(`${rel} is a symbolic link; refused: the shard output is incomplete or damaged`));
  });

  it('a folder of feeds reached through a link is refused', () => {
    const shard = copy(one);
    const halls = path.join(shard, 'feeds', 'halls');
    const moved = path.join(tempDir(), 'halls');
    renameSync(halls, moved);
    symlinkSync(moved, halls);
    refused(shard, /lies in a folder reached through a symbolic link; refused/);
  });

  it('a path with ../ or an absolute path in a shard manifest is refused before anything is read', () => {
    for (const bad of ['../../etc/passwd', '/etc/passwd', 'feeds/../../x.json', 'feeds\\..\\x.json']) {
      const shard = copy(one);
      editManifest(shard, (files) => files.push({ path: bad, size: 1, sha256: '0'.repeat(64) }));
      refused(shard, /manifest\.json (lists .*, which is not a plain relative path inside the output; refused|does not match its published schema)/);
    }
  });

  it('a feed changed along with its manifest entry must still match its published schema', () => {
    const shard = copy(one);
    const rel = hallOf(shard);
    const abs = path.join(shard, ...rel.split('/'));
    const feed = JSON.parse(readFileSync(abs, 'utf8'));
    feed.injected = '<script>alert(1)</script>';
    writeFileSync(abs, JSON.stringify(feed));
    // shard.json names the file but not its digest; the manifest agrees with the new bytes: the
    // feed's schema refuses it.
    editManifest(shard, (files) => {
      const i = files.findIndex((f) => f.path === rel);
      files[i] = record(shard, rel);
    });
    refused(shard, new RegExp(`${rel} does not match its published schema`));
  });

  it('a manifest that leaves out a file the shard wrote, or lists one more, is refused (shard.json recorded them)', () => {
    const fewer = copy(one);
    editManifest(
      fewer,
      (files) =>
        files.splice(
          files.findIndex((f) => f.path.startsWith('feeds/index/items/')),
          1,
        ),
      false,
    );
    refused(fewer, /manifest\.json does not list the files this shard wrote \(one is missing or extra\)/);

    const more = copy(one);
    writeFileSync(path.join(more, 'feeds', 'halls', '999999.json'), '{}');
    editManifest(more, (files) => files.push(record(more, 'feeds/halls/999999.json')), false);
    refused(more, /manifest\.json does not list the files this shard wrote/);

    // A forger who rewrites shard.json as well still cannot leave out a file the build must have.
    const forged = copy(one);
    editManifest(forged, (files) =>
      files.splice(
        files.findIndex((f) => f.path.startsWith('feeds/index/items/')),
        1,
      ),
    );
    refused(forged, /the shards lack feeds\/index\/items\/\S+\.json: a shard output is incomplete/);
  });

  it('a file that is not a feed, a file missing, a damaged manifest or shard.json: one clear line each', () => {
    const notFeed = copy(one);
    writeFileSync(path.join(notFeed, 'feeds', 'x.json'), '{"hello":1}');
    editManifest(notFeed, (files) => files.push(record(notFeed, 'feeds/x.json')));
    refused(notFeed, /feeds\/x\.json is not a licat feed \(unknown \$schema\)/);

    const missing = copy(one);
    unlinkSync(path.join(missing, ...hallOf(missing).split('/')));
    refused(missing, /is missing: the shard output is incomplete or damaged/);

    const badManifest = copy(one);
    writeFileSync(path.join(badManifest, 'manifest.json'), '{"files": 3');
    refused(badManifest, /manifest\.json is not valid JSON/);

    const badShard = copy(one);
    writeFileSync(path.join(badShard, 'shard.json'), '{"licatShard":1}');
    refused(badShard, /shard\.json is not what its manifest says \(sha256\)/);
  });
});
