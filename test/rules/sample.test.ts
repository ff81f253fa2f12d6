import { describe, expect, it } from 'vitest';
import { licat } from '../helpers.js';

describe('the sample catalog', () => {
  it('passes every rule: no errors and no warnings', () => {
    const r = licat(['validate', 'catalog', '--format', 'json', '--lang', 'en']);
    const report = JSON.parse(r.stdout) as {
      summary: { errors: number; warnings: number };
      problems: Array<{ rule: string; file: string; line: number; message: string }>;
    };
    const shown = report.problems.map((p) => `${p.file}:${p.line} ${p.rule} ${p.message}`).join('\n');
    expect(report.problems, shown).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(r.code).toBe(0);
  });
});
