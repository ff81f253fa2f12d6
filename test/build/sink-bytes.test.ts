import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
