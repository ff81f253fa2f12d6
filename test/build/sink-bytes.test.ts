import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagingSink } from '../../src/emit/output-sink.js';
import { tempDir } from '../helpers.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the staging sink writes texts as UTF-8, byte for byte', () => {
  it('each file holds exactly its own text, whatever was written before it', async () => {
    const root = path.join(tempDir(), 'stage');
    const sink = new StagingSink(root);
    // A long text, then shorter ones: a buffer reused between writes must not leak its tail.
    const texts: [string, string][] = [
      ['feeds/halls/440100.json', `{"name":"广州市${'政务服务中心'.repeat(200_000)}"}\n`],
      ['feeds/halls/440106.json', '{"name":"天河区"}\n'],
      // Outside the basic plane (a surrogate pair), and a lone surrogate (written as U+FFFD, as Buffer.from does).
      ['feeds/items/a.json', '{"name":"𠀀𪚥 \ud800 end"}\n'],
      ['feeds/items/b.json', ''],
      ['feeds/items/c.json', 'ascii only\n'],
    ];
    for (const [rel, text] of texts) {
      const record = await sink.writeHashed(rel, text);
      const expected = Buffer.from(text, 'utf8');
      const written = readFileSync(path.join(root, rel));
      expect(written.equals(expected), rel).toBe(true);
      expect(record).toEqual({ path: rel, size: expected.byteLength, sha256: sha(expected) });
    }
  });
});

describe('the staging sink writes a file given in parts', () => {
  it('holds the parts joined, byte for byte, with its record, across several writes', async () => {
    const root = path.join(tempDir(), 'stage');
    const sink = new StagingSink(root);
    // More than a write's worth of characters (about a million), some outside ASCII and the basic plane.
    const parts = ['{"records":['];
    for (let i = 0; i < 60_000; i++) parts.push(`${i === 0 ? '' : ','}{"key":"440100/${String(i).padStart(12, '0')}","name":"天河区𠀀"}`);
    parts.push(']}\n');
    const staged = sink.stageParts('changes.json', parts);
    await staged.done;
    const expected = Buffer.from(parts.join(''), 'utf8');
    expect(expected.byteLength).toBeGreaterThan(3 << 20);
    expect(readFileSync(path.join(root, 'changes.json')).equals(expected)).toBe(true);
    expect(staged.record).toEqual({ path: 'changes.json', size: expected.byteLength, sha256: sha(expected) });
    expect(sink.files()).toEqual([staged.record]);
  });

  it('writes an empty file for no parts', async () => {
    const root = path.join(tempDir(), 'stage');
    const sink = new StagingSink(root);
    const staged = sink.stageParts('feeds/empty.json', []);
    await staged.done;
    expect(readFileSync(path.join(root, 'feeds/empty.json')).byteLength).toBe(0);
    expect(staged.record).toEqual({ path: 'feeds/empty.json', size: 0, sha256: sha(Buffer.alloc(0)) });
  });
});

describe('the staging sink of the built code writes on a thread of its own once there are many files', () => {
  // The thread's module exists in lib/ only (npm run build), as licat runs.
  const built = async () => (await import(path.join(process.cwd(), 'lib/emit/output-sink.js'))) as typeof import('../../src/emit/output-sink.js');

  it('writes every file with its record, whatever the order of the batches', async () => {
    const { StagingSink: Sink } = await built();
    const root = path.join(tempDir(), 'stage');
    const sink = new Sink(root, undefined, [], {});
    const staged = [];
    for (let i = 0; i < 1000; i++) {
      // A few files larger than a batch's buffer among small ones.
      const text = i % 250 === 7 ? `{"big":"${'广'.repeat(500_000)}${i}"}\n` : `{"hall":"${String(i).padStart(6, '0')}","name":"天河区"}\n`;
      staged.push({ rel: `feeds/halls/${String(i).padStart(6, '0')}.json`, text, file: sink.stage(`feeds/halls/${String(i).padStart(6, '0')}.json`, text) });
    }
    await Promise.all(staged.map((s) => s.file.done));
    await sink.settle();
    for (const { rel, text, file } of staged) {
      const expected = Buffer.from(text, 'utf8');
      expect(readFileSync(path.join(root, rel)).equals(expected), rel).toBe(true);
      expect(file.record).toEqual({ path: rel, size: expected.byteLength, sha256: sha(expected) });
    }
    expect(sink.files()).toHaveLength(1000);
  });

  it('passes on a write that failed there as the file-system error, and settles', async () => {
    const { StagingSink: Sink } = await built();
    const root = path.join(tempDir(), 'stage');
    const sink = new Sink(root, undefined, [], {});
    // A folder where file 300 goes: the write fails (EISDIR) on the thread.
    mkdirSync(path.join(root, 'feeds/halls/000300.json'), { recursive: true });
    const done = [];
    for (let i = 0; i < 400; i++) done.push(sink.stage(`feeds/halls/${String(i).padStart(6, '0')}.json`, `{"i":${i}}\n`).done);
    const results = await Promise.allSettled(done);
    const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason as NodeJS.ErrnoException);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.code).toBe('EISDIR');
    expect(failed[0]!.path).toBe(path.join(root, 'feeds/halls/000300.json'));
    await expect(sink.settle()).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
