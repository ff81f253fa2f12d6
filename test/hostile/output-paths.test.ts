import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputPathError, StagingSink } from '../../src/emit/output-sink.js';
import { tempDir } from '../helpers.js';
import { checkInline, sampleItem } from '../inline.js';

describe('nothing from a catalog file reaches an output path unchecked', () => {
  it('the output sink refuses paths that could leave the output folder', async () => {
    const root = path.join(tempDir(), 'stage');
    const sink = new StagingSink(root);
    for (const rel of ['../escape.json', 'feeds/../../escape.json', '/etc/escape.json', 'feeds\\..\\escape.json', 'feeds//x.json', '']) {
      await expect(sink.write(rel, '{}'), rel).rejects.toThrow(OutputPathError);
    }
    expect(existsSync(path.join(root, '..', 'escape.json'))).toBe(false);
    await sink.write('feeds/items/440101001000.json', '{}');
    expect(readdirSync(path.join(root, 'feeds/items'))).toEqual(['440101001000.json']);
  });

  it('a code or region code with path characters fails its format check before any output', () => {
    const item = checkInline({ 'items/x.yaml': sampleItem().replace('code: "440101001000"', 'code: "../../../etc/x"') });
    expect(item.catalog.items).toHaveLength(0);
    expect(item.diagnostics.map((d) => [d.rule, d.path])).toContainEqual(['schema', '/code']);

    const hall = checkInline({ 'halls/440106.yaml': 'region: "../../440106"\nname: 天河区政务服务中心\n' });
    expect(hall.catalog.halls).toHaveLength(0);
    expect(hall.diagnostics.map((d) => [d.rule, d.path])).toContainEqual(['schema', '/region']);
  });

  it('a hall file must be named for its region, so its feed path is the checked region code', () => {
    const r = checkInline({ 'halls/440106.yaml': 'region: "440106001"\nname: 五山街道政务服务中心\n' });
    expect(r.diagnostics.map((d) => d.rule)).toContain('region-unknown');
  });
});
