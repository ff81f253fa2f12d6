import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitOutput } from '../../src/emit/build.js';
import { feedsEmitter } from '../../src/emit/feeds/feeds-emitter.js';
import { OutputError } from '../../src/emit/output-error.js';
import type { SinkFs } from '../../src/emit/output-sink.js';
import { outputPlaces, recoverLeftovers } from '../../src/emit/swap.js';
import { checkInline } from '../inline.js';
import { FIXTURE } from '../feeds/fixture.js';
import { licat, tempDir } from '../helpers.js';
import { leftovers, snapshot, verifyAgainstManifest, writeSmallCatalog } from './catalogs.js';

const catalog = () => checkInline(FIXTURE).catalog;

/** A file system that fails with `code` once `after` files have been written. */
function failingFs(code: string, after: number): SinkFs {
  let written = 0;
  return {
    mkdirSync: (dir, options) => mkdirSync(dir, options),
    writeFileSync(file, data) {
      if (written++ >= after) throw Object.assign(new Error(`${code}: simulated, write '${file}'`), { code, path: file });
      writeFileSync(file, data);
    },
  };
}

async function previousOutput(): Promise<{ out: string; before: Map<string, string> }> {
  const out = path.join(tempDir(), 'dist');
  await emitOutput(catalog(), { out, emitters: [feedsEmitter], lang: 'en' }).done;
  return { out, before: snapshot(out) };
}

describe('a build that cannot write its output', () => {
  it('on a full disk fails with a clear error and leaves the previous output as it was', async () => {
    const { out, before } = await previousOutput();
    const error = await emitOutput(catalog(), { out, emitters: [feedsEmitter], lang: 'en', fs: failingFs('ENOSPC', 5) }).done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).text.en).toMatch(/^cannot write the output .*dist: the disk is full \(ENOSPC at .*\)\. The previous .*dist is unchanged\.$/);
    expect((error as OutputError).text.zh).toContain('磁盘空间已满');
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('on a read-only file system says so', async () => {
    const { out, before } = await previousOutput();
    const error = await emitOutput(catalog(), { out, emitters: [feedsEmitter], lang: 'en', fs: failingFs('EROFS', 0) }).done.catch((e: unknown) => e);
    expect((error as OutputError).text.en).toContain('the file system is read-only (EROFS');
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  // As root the test needs `nobody` to be able to run licat from this checkout.
  const nobodyCanRun = process.getuid?.() !== 0 || licat(['--version'], { uid: 65534, gid: 65534 }).code === 0;
  it.skipIf(!nobodyCanRun)('in a folder without write permission exits 2 with the reason', () => {
    const parent = tempDir();
    const out = path.join(parent, 'dist');
    const catalogDir = writeSmallCatalog();
    expect(licat(['build', catalogDir, '--out', out, '--only', 'feeds', '--quiet']).code).toBe(0);
    const before = snapshot(out);
    // Root may write anywhere: as root (CI), the second build runs as `nobody`, which may read
    // the catalog but not write beside the output.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (asNobody.uid !== undefined) {
      for (const dir of [path.dirname(catalogDir), parent]) chmodSync(dir, 0o755);
      execFileSync('chmod', ['-R', 'a+rX', catalogDir, out]);
    }
    chmodSync(parent, 0o555);
    try {
      const r = licat(['build', catalogDir, '--out', out, '--only', 'feeds', '--quiet', '--lang', 'en'], asNobody);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('permission denied (EACCES');
      expect(snapshot(out)).toEqual(before);
    } finally {
      chmodSync(parent, 0o755);
    }
  });
});

describe('recovery of what a killed build left', () => {
  it('puts the previous output back when the build died between the two renames of the swap', async () => {
    const { out, before } = await previousOutput();
    const places = outputPlaces(out);
    // The state right after `rename(dist, .dist.old-*)`: no dist, the old one aside, a staging folder.
    renameSync(out, path.join(places.parent, '.dist.old-999-abcd0123'));
    mkdirSync(path.join(places.parent, '.dist.tmp-999-abcd0123'));
    writeFileSync(path.join(places.parent, '.dist.tmp-999-abcd0123', 'half.json'), '{');
    const notes = await recoverLeftovers(places);
    expect(notes[0]?.en).toContain('restored');
    expect(notes[0]?.zh).toContain('恢复');
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('lets the next build go ahead after such a crash', async () => {
    const { out } = await previousOutput();
    const places = outputPlaces(out);
    renameSync(out, path.join(places.parent, '.dist.old-999-abcd0123'));
    await emitOutput(catalog(), { out, emitters: [feedsEmitter], lang: 'en' }).done;
    expect(verifyAgainstManifest(out)).toEqual([]);
    expect(readdirSync(places.parent).sort()).toEqual(['dist']);
  });
});
