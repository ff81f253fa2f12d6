import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AheadIdentities, lookAt, type LookedFolder } from '../../src/emit/look-ahead.js';
import { StagingSink } from '../../src/emit/output-sink.js';
import { fileIdentity } from '../../src/emit/recorded-file.js';
import { tempDir } from '../helpers.js';

const FOLDERS = ['feeds/items', 'feeds/halls'];
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Let the folders' and files' times age past the settling time (recorded-file.ts, SETTLE_MS). */
const settle = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);

/**
 * A spare output with a few hall and item feeds, aged; the identity each file is recorded with,
 * as the feeds record keeps it.
 */
function spare() {
  const parent = tempDir('licat-ahead-');
  const root = path.join(parent, '.dist.spare');
  const texts = new Map<string, string>();
  for (const region of ['440103', '440104', '440105', '440106']) texts.set(`feeds/halls/${region}.json`, `{"region":"${region}","offers":[]}\n`);
  for (const code of ['440101001000', '440101002000']) texts.set(`feeds/items/${code}.json`, `{"code":"${code}"}\n`);
  for (const [rel, text] of texts) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  settle();
  const ids = new Map([...texts.keys()].map((rel) => [rel, fileIdentity(path.join(root, rel))!]));
  return { parent, root, texts, ids, staging: path.join(parent, '.dist.tmp-1-00000000') };
}

/**
 * The spare, looked at as `looked` says, becomes the staging folder; which of its files the sink
 * keeps in place as recorded, and whether the look was used for them.
 */
async function keep(s: ReturnType<typeof spare>, looked: LookedFolder[]) {
  renameSync(s.root, s.staging);
  const ahead = new AheadIdentities(s.staging, FOLDERS, Promise.resolve(looked));
  const sink = new StagingSink(s.staging, undefined, FOLDERS, {}, ahead);
  sink.recycle(new Map([...s.texts].map(([rel, text]) => [rel, sha(text)])));
  await sink.lookedAhead();
  const used = [...s.texts.keys()].filter((rel) => ahead.identity(rel) !== undefined);
  const kept = [...s.texts].filter(([rel, text]) => sink.keptInPlace(rel, { path: rel, size: Buffer.byteLength(text), sha256: sha(text) }, s.ids.get(rel)!));
  return { kept: kept.map(([rel]) => rel).sort(), used: used.sort(), sink };
}

describe('the identities of a spare output looked at ahead (look-ahead.ts)', () => {
  it('keeps every file still as recorded, from the look alone', async () => {
    const s = spare();
    const { kept, used } = await keep(s, lookAt({ root: s.root, folders: FOLDERS }));
    expect(kept).toEqual([...s.texts.keys()].sort());
    expect(used).toEqual([...s.texts.keys()].sort());
  });

  it('does not keep a file written in place before the look', async () => {
    const s = spare();
    const victim = path.join(s.root, 'feeds/halls/440104.json');
    const text = readFileSync(victim, 'utf8');
    writeFileSync(victim, text.replace('440104', '440199'));
    const { kept } = await keep(s, lookAt({ root: s.root, folders: FOLDERS }));
    expect(kept).not.toContain('feeds/halls/440104.json');
    expect(kept).toHaveLength(s.texts.size - 1);
  });

  it('does not keep a file replaced, turned into a link or deleted after the look: the folder changed, so each file is looked at again', async () => {
    for (const change of ['replaced', 'link', 'deleted', 'added'] as const) {
      const s = spare();
      const looked = lookAt({ root: s.root, folders: FOLDERS });
      const victim = path.join(s.root, 'feeds/halls/440105.json');
      if (change === 'replaced') {
        writeFileSync(`${victim}.new`, '{"region":"440105","offers":["forged"]}\n');
        renameSync(`${victim}.new`, victim);
      } else if (change === 'link') {
        writeFileSync(path.join(s.parent, 'elsewhere.json'), readFileSync(victim));
        rmSync(victim);
        symlinkSync(path.join(s.parent, 'elsewhere.json'), victim);
      } else if (change === 'deleted') rmSync(victim);
      else writeFileSync(path.join(s.root, 'feeds/halls/440199.json'), '{}\n');
      const { kept, used } = await keep(s, looked);
      // The look of the changed folder is not used; the other folder's still is.
      expect(used, change).toEqual([...s.texts.keys()].filter((rel) => rel.startsWith('feeds/items/')).sort());
      const others = [...s.texts.keys()].filter((rel) => rel !== 'feeds/halls/440105.json').sort();
      expect(kept, change).toEqual(change === 'added' ? [...s.texts.keys()].sort() : others);
    }
  });

  it('does not use the look of a folder changed just before it (its times not settled), nor of another folder', async () => {
    const s = spare();
    writeFileSync(path.join(s.root, 'feeds/halls/440199.json'), '{}\n');
    rmSync(path.join(s.root, 'feeds/halls/440199.json'));
    const looked = lookAt({ root: s.root, folders: FOLDERS });
    const { kept, used } = await keep(s, looked);
    expect(used).toEqual([...s.texts.keys()].filter((rel) => rel.startsWith('feeds/items/')).sort());
    expect(kept).toEqual([...s.texts.keys()].sort());

    // The spare replaced, between the look and the staging folder, by a copy of itself.
    const t = spare();
    const seen = lookAt({ root: t.root, folders: FOLDERS });
    const copy = path.join(t.parent, 'copy');
    renameSync(t.root, copy);
    for (const [rel, text] of t.texts) {
      mkdirSync(path.dirname(path.join(t.root, rel)), { recursive: true });
      writeFileSync(path.join(t.root, rel), text);
    }
    settle();
    const again = await keep(t, seen);
    expect(again.used).toEqual([]);
    expect(again.kept).toEqual([]);
  });

  it("takes the folder's identity again before the sink first changes anything in it, so its own writes do not void the look", async () => {
    const s = spare();
    const looked = lookAt({ root: s.root, folders: FOLDERS });
    renameSync(s.root, s.staging);
    const ahead = new AheadIdentities(s.staging, FOLDERS, Promise.resolve(looked));
    const sink = new StagingSink(s.staging, undefined, FOLDERS, {}, ahead);
    sink.recycle(new Map([...s.texts].map(([rel, text]) => [rel, sha(text)])));
    await sink.lookedAhead();
    // A hall that changed is written first (the recycled file unlinked, a new one written)...
    await sink.write('feeds/halls/440103.json', '{"region":"440103","offers":["new"]}\n');
    // ...then the others are kept from the look.
    for (const region of ['440104', '440105', '440106']) {
      const rel = `feeds/halls/${region}.json`;
      const text = s.texts.get(rel)!;
      expect(ahead.identity(rel), rel).toBe(s.ids.get(rel));
      expect(sink.keptInPlace(rel, { path: rel, size: Buffer.byteLength(text), sha256: sha(text) }, s.ids.get(rel)!), rel).toBe(true);
    }
  });
});

describe('the look-ahead thread of the built code', () => {
  // The thread's module exists in lib/ only (npm run build), as licat runs.
  const built = async () => (await import(path.join(process.cwd(), 'lib/emit/look-ahead.js'))) as typeof import('../../src/emit/look-ahead.js');

  it('sees what looking on the main thread sees', async () => {
    const { LookAhead } = await built();
    const s = spare();
    const ahead = LookAhead.start(s.root, FOLDERS, {})!;
    expect(ahead).toBeDefined();
    const looked = await ahead.result;
    const here = lookAt({ root: s.root, folders: FOLDERS });
    expect(looked!.map(({ before: _, ...f }) => f)).toEqual(here.map(({ before: _, ...f }) => f));
    expect(LookAhead.start(s.root, FOLDERS, { LICAT_WORKERS: '0' })).toBeUndefined();
  });

  it('answers with nothing for a spare that is not there', async () => {
    const { LookAhead } = await built();
    const ahead = LookAhead.start(path.join(tempDir(), '.dist.spare'), FOLDERS, {})!;
    expect(await ahead.result).toEqual([]);
  });
});

describe('the staging sink and a recycled output that is not as described', () => {
  it('makes way for a file whose recycled one is gone or a folder, and clears what was never claimed, whatever it is', async () => {
    const s = spare();
    renameSync(s.root, s.staging);
    const sink = new StagingSink(s.staging, undefined, FOLDERS, {});
    sink.recycle(new Map([...s.texts].map(([rel, text]) => [rel, sha(text)])));
    rmSync(path.join(s.staging, 'feeds/halls/440103.json'));
    rmSync(path.join(s.staging, 'feeds/halls/440104.json'));
    mkdirSync(path.join(s.staging, 'feeds/halls/440104.json/x'), { recursive: true });
    rmSync(path.join(s.staging, 'feeds/halls/440105.json'));
    await sink.write('feeds/halls/440103.json', '{"region":"440103"}\n');
    await sink.write('feeds/halls/440104.json', '{"region":"440104"}\n');
    sink.finishLeftovers();
    expect(readFileSync(path.join(s.staging, 'feeds/halls/440103.json'), 'utf8')).toBe('{"region":"440103"}\n');
    expect(readFileSync(path.join(s.staging, 'feeds/halls/440104.json'), 'utf8')).toBe('{"region":"440104"}\n');
    expect(readdirSync(path.join(s.staging, 'feeds/halls')).sort()).toEqual(['440103.json', '440104.json']);
  });
});
