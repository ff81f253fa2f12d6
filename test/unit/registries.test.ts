import { describe, expect, it } from 'vitest';
import { DIFF_FORMAT_NAMES } from '../../src/diff/format/formatter.js';
import { DIFF_FORMATS } from '../../src/diff/formats.js';
import { EMITTER_IDS } from '../../src/emit/emitter-ids.js';
import { EMITTERS } from '../../src/emit/registry.js';
import { REPORTER_NAMES } from '../../src/report/reporter-names.js';
import { REPORTERS } from '../../src/report/registry.js';
import { STATS_FORMAT_NAMES } from '../../src/stats/format-names.js';
import { STATS_FORMATS } from '../../src/stats/formats.js';
import { licat } from '../helpers.js';

describe('closed registries', () => {
  it('hold exactly one entry per name of their table, in the table order', () => {
    expect(Object.keys(REPORTERS)).toEqual([...REPORTER_NAMES]);
    expect(EMITTERS.map((e) => e.id)).toEqual([...EMITTER_IDS]);
    expect(Object.keys(DIFF_FORMATS)).toEqual([...DIFF_FORMAT_NAMES]);
    expect(Object.keys(STATS_FORMATS)).toEqual([...STATS_FORMAT_NAMES]);
  });

  it('give the help texts their names', () => {
    // Commander wraps help lines: compare with the white space collapsed.
    const help = (command: string) => licat([command, '--help']).stdout.replace(/\s+/g, ' ');
    const validate = help('validate');
    expect(validate).toContain(`comma-separated: ${REPORTER_NAMES.join(',')}`);
    for (const name of REPORTER_NAMES) expect(validate).toContain(`--output-${name} <file>`);
    expect(help('build')).toContain(`comma-separated: ${EMITTER_IDS.join(',')}`);
    expect(help('diff')).toContain(`output format: ${DIFF_FORMAT_NAMES.join(', ')}`);
    expect(help('stats')).toContain(`output format: ${STATS_FORMAT_NAMES.join(', ')}`);
  });

  it('refuse a name outside the table, even one every object has, listing the valid ones (exit 2)', () => {
    const cases = [
      { args: ['validate', 'catalog', '--format', 'constructor'], valid: REPORTER_NAMES },
      { args: ['build', 'catalog', '--only', 'toString', '--out', '/nonexistent/never-written'], valid: EMITTER_IDS },
      { args: ['stats', 'catalog', '--format', '__proto__'], valid: STATS_FORMAT_NAMES },
      { args: ['diff', 'catalog', 'catalog', '--format', 'constructor'], valid: DIFF_FORMAT_NAMES },
    ];
    for (const { args, valid } of cases) {
      const r = licat([...args, '--lang', 'en']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^licat: /);
      expect(r.stderr).toContain(valid.join(', '));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
