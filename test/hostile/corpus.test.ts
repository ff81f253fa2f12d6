import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES_BY_ID } from '../../src/validate/registry.js';
import { copySample, licat, ROOT } from '../helpers.js';
import { checkInline } from '../inline.js';

const DIR = path.join(ROOT, 'test/fixtures/hostile');
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, { rule: string; threat: string }>;

describe('hostile corpus: every file gets its located diagnostic, never a crash', () => {
  it('lists every fixture file in expected.json', () => {
    const files = readdirSync(DIR)
      .filter((f) => f !== 'expected.json')
      .sort();
    expect(files).toEqual(Object.keys(expected).sort());
  });

  for (const [name, { rule, threat }] of Object.entries(expected)) {
    it(`${threat} (${name}) -> ${rule}`, () => {
      const bytes = readFileSync(path.join(DIR, name));
      const r = checkInline({ [`items/${name}`]: new Uint8Array(bytes) });
      const mine = r.diagnostics.filter((d) => d.file === `catalog/items/${name}`);
      expect(mine.map((d) => d.rule)).toContain(rule);
      for (const d of mine) {
        expect(RULES_BY_ID.has(d.rule), d.rule).toBe(true);
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.message.zh.length).toBeGreaterThan(0);
        expect(d.message.en.length).toBeGreaterThan(0);
      }
      expect(r.catalog.items).toHaveLength(0);
    });
  }

  it('locates the error exactly in a file with a BOM and CRLF line ends', () => {
    const text = readFileSync(path.join(DIR, 'bom-crlf.yaml'), 'utf8');
    const line = text.split('\r\n').indexOf('    necessity: must') + 1;
    const r = checkInline({ 'items/x.yaml': text });
    expect(r.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['schema', line, 16]]);
  });

  it('does not let __proto__ in a file pollute objects', () => {
    checkInline({ 'items/p.yaml': readFileSync(path.join(DIR, 'proto-pollution.yaml'), 'utf8') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the CLI exits 1 (not 2) on the whole corpus, with every file reported', () => {
    const dir = copySample();
    for (const name of Object.keys(expected)) copyFileSync(path.join(DIR, name), path.join(dir, 'items', name));
    const r = licat(['validate', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { problems: Array<{ file: string; rule: string }> };
    for (const [name, { rule }] of Object.entries(expected)) {
      expect(
        report.problems.filter((p) => p.file.endsWith(`/items/${name}`)).map((p) => p.rule),
        name,
      ).toContain(rule);
    }
  });
});

describe('hostile file-system entries', () => {
  it('reports a directory named *.yaml, a link outside the catalog and an oversized file', () => {
    const dir = copySample();
    mkdirSync(path.join(dir, 'items', 'folder.yaml'));
    symlinkSync('/etc/passwd', path.join(dir, 'items', 'outside.yaml'));
    symlinkSync(path.join(dir, 'items', 'market', 'food-business.yaml'), path.join(dir, 'items', 'inside-link.yml'));
    writeFileSync(path.join(dir, 'items', 'huge.yaml'), `name: "${'x'.repeat(1024 * 1024 + 10)}"\n`);
    const r = licat(['--lang', 'en', 'validate', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout) as { problems: Array<{ file: string; rule: string; message: string }> }).problems;
    const byFile = (suffix: string) => problems.filter((p) => p.file.endsWith(suffix));
    expect(byFile('items/folder.yaml').map((p) => p.rule)).toEqual(['file-type']);
    expect(byFile('items/outside.yaml').map((p) => p.rule)).toEqual(['file-link']);
    expect(byFile('items/huge.yaml')).toEqual([expect.objectContaining({ rule: 'file-size', message: expect.stringContaining('the limit is 1048576 bytes') })]);
    // A link that stays inside the catalog is read like any file: here it duplicates an item's code.
    expect(byFile('items/inside-link.yml').every((p) => p.rule !== 'file-link')).toBe(true);
    expect(r.stdout).not.toContain('root:x:0:0');
  });
});
