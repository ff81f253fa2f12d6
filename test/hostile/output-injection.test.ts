import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { REPORTERS } from '../../src/report/registry.js';
import { displayText, jsonSafe, safeOutput } from '../../src/report/safe-text.js';
import { MAX_SHOWN_PER_FILE } from '../../src/report/stylish.js';
import { licat, tempDir } from '../helpers.js';
import { writeSmallCatalog } from '../build/catalogs.js';
import { sampleItem } from '../inline.js';

/** What must never reach a terminal or CI log raw: controls but tab and line feed, C1, separators, bidi controls. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A file name that tries everything: a workflow command after a LF and after a lone CR, a terminal escape, bidi, separators. */
const NAME = 'evil\n::error file=a::pwned-lf\r::error::pwned-cr\u001b]0;title\u0007\u001b[2J\u202egnp.\u2028\u0085::warning::x.yaml';
/** A YAML value quoted in a message: a bidi override and C1 controls. */
const VALUE = '\u202e01\u0085\u009b2J';

describe('no output format lets catalog text reach the terminal raw', () => {
  const dir = writeSmallCatalog();
  writeFileSync(path.join(dir, 'items', NAME), 'code: [\n');
  writeFileSync(path.join(dir, 'items', 'value.yaml'), sampleItem().replace('type: "01"', `type: "${VALUE}"`).replace('440101001000', '440101001099'));

  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github']) {
    it(`validate --format ${format}`, () => {
      const r = licat(['validate', dir, '--format', format, '--lang', 'en'], { env: { GITHUB_STEP_SUMMARY: '' } });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).not.toMatch(RAW);
      expect(r.stdout).toContain('pwned-cr');
      const commands = r.stdout.split('\n').filter((line) => line.startsWith('::'));
      if (format === 'github') {
        for (const line of commands) expect(line).toMatch(/^::(error|warning) file=[^:,]*,line=\d+,col=\d+,title=[a-z-]+::|^::notice title=licat::/);
        expect(r.stdout).not.toMatch(/^::error(::| file=a)/m);
      } else expect(commands).toEqual([]);
      if (format === 'json') {
        // Machine-readable output stays exact: the name and the value as they are.
        const report = JSON.parse(r.stdout) as { problems: Array<{ file: string; message: string }> };
        expect(report.problems.some((p) => p.file.endsWith(`/items/${NAME}`))).toBe(true);
        expect(report.problems.some((p) => p.message.includes(VALUE))).toBe(true);
      }
    });
  }

  it('stats and diff, every format', () => {
    const base = writeSmallCatalog();
    const head = path.join(tempDir(), 'head');
    cpSync(base, head, { recursive: true });
    const food = path.join(head, 'items', 'food-business.yaml');
    writeFileSync(food, sampleItem().replace(/^name: .*$/m, `name: "食品\\n::error::pwned\\e[2J\\u202e\\u0085"`));
    for (const format of ['table', 'markdown', 'json']) {
      const stats = licat(['stats', head, '--format', format]);
      expect(stats.code, stats.stderr).toBe(0);
      expect(stats.stdout, format).not.toMatch(RAW);
      expect(stats.stdout).not.toMatch(/^::/m);
      const diff = licat(['diff', base, head, '--format', format]);
      expect(diff.stdout, format).toContain('食品');
      expect(diff.stdout, format).not.toMatch(RAW);
      expect(diff.stdout).not.toMatch(/^::/m);
    }
  }, 60_000);
});

describe('safe text', () => {
  it('escapes visibly, keeps ordinary text as is', () => {
    expect(displayText('食品 a\tb')).toBe('食品 a\tb');
    expect(displayText('a\nb\rc\u001b[31m\u0085\u2028\u202e\ud800')).toBe('a\\nb\\rc\\x1B[31m\\x85\\u2028\\u202E\\uD800');
    expect(safeOutput('a\n::error::x\r\n\u001b')).toBe('a\n ::error::x\\r\n\\x1B');
    const json = JSON.stringify({ m: 'a\u2028\u0085\u202eb' });
    expect(jsonSafe(json)).not.toMatch(RAW);
    expect(JSON.parse(jsonSafe(json))).toEqual({ m: 'a\u2028\u0085\u202eb' });
  });
});

describe('output stays linear in the number of problems', () => {
  const N = 40_000;
  const text = Array.from({ length: 2000 }, (_, i) => `key${i}: value ${i}`).join('\n');
  const texts = new Map([
    ['catalog/items/generated.yaml', text],
    ['catalog/items/other.yaml', 'a: 1\n'],
  ]);
  const diagnostics: Diagnostic[] = Array.from({ length: N }, (_, i) => ({
    rule: 'schema',
    severity: 'error',
    message: { zh: `第 ${i} 个问题`, en: `problem ${i}` },
    file: 'catalog/items/generated.yaml',
    path: `/key${i}`,
    line: (i % 2000) + 1,
    column: 1,
  }));
  diagnostics.push({
    rule: 'schema',
    severity: 'warning',
    message: { zh: '另一个', en: 'other' },
    file: 'catalog/items/other.yaml',
    path: '',
    line: 1,
    column: 1,
  });
  const context = { lang: 'en' as const, texts, summary: { files: 2, items: 0 }, color: false };

  for (const [name, reporter] of Object.entries(REPORTERS)) {
    it(`${name}: ${N.toLocaleString('en-US')} problems in a few seconds`, () => {
      const started = performance.now();
      const out = reporter(diagnostics, context);
      expect(performance.now() - started).toBeLessThan(8000);
      if (name === 'json') expect((JSON.parse(out) as { problems: unknown[] }).problems).toHaveLength(N + 1);
      if (name === 'sarif') expect((JSON.parse(out) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results).toHaveLength(N + 1);
    });
  }

  it(`stylish shows ${MAX_SHOWN_PER_FILE} problems per file and counts the rest`, () => {
    const out = REPORTERS.stylish(diagnostics, context);
    expect(out.match(/ {2}\d+:\d+ {2}error/g)).toHaveLength(MAX_SHOWN_PER_FILE);
    expect(out).toContain(`  … and ${N - MAX_SHOWN_PER_FILE} more problems in this file (--format json lists all)`);
    expect(out).toContain('other.yaml\n  1:1  warning  other');
    expect(out).toContain(`✖ ${N + 1} problems (${N} errors, 1 warning)`);
  });
});
