import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTextFixes } from '../../src/validate/text-fixes.js';
import { copySample, licat, ROOT } from '../helpers.js';

/** The sample's food-business item with a defect of every fixable kind, as pasted or typed by an editor. */
function damage(text: string): string {
  return text
    .replace('code: "440101001000"', 'code: "４４０１０１００１０００"')
    .replace('name: 食品经营许可\n', 'name: 食品经营\u200B许可\n')
    .replace('    article: 第三十五条\n', '    article: 第三十五条   \n')
    .replace('  statutory: { value: 20, unit: working-day }', '  statutory: { value: ２０, unit: 工作日 }')
    .replace('  promised: { value: 10, unit: working-day }', '  promised: { value: 10, unit: 个工作日 }')
    .replace('fees: []', 'fees: 无')
    .replace('  - 申请人已依法取得营业执照或者其他合法主体资格证明。', '  - "申请人已依法取得营业执照或者其他合法主体资格证明。 "')
    .replace('    copies: 1\n', '    copies: １\n');
}

describe('licat validate --fix', () => {
  it('validate names each fixable problem once, with the hint, instead of a schema error', () => {
    const dir = copySample();
    const file = path.join(dir, 'items/market/food-business.yaml');
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    const r = licat(['validate', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    type Problem = { rule: string; file: string; path: string; message: string };
    const mine = (stdout: string) => (JSON.parse(stdout).problems as Problem[]).filter((p) => p.file.endsWith('food-business.yaml'));
    const problems = mine(r.stdout);
    expect(problems.map((p) => `${p.rule} ${p.path}`).sort()).toEqual(
      [
        'fees-wording /fees',
        'fullwidth-digits /code',
        'fullwidth-digits /materials/0/copies',
        'fullwidth-digits /timeLimit/statutory/value',
        'invisible-character /name',
        'time-unit-spelling /timeLimit/promised/unit',
        'time-unit-spelling /timeLimit/statutory/unit',
        'trailing-space ',
        'trailing-space /conditions/0',
      ].sort(),
    );
    for (const p of problems) expect(p.message).toContain('licat validate --fix 可修复');
    const en = mine(licat(['--lang', 'en', 'validate', dir, '--format', 'json']).stdout);
    expect(en).toHaveLength(problems.length);
    for (const p of en) expect(p.message).toContain('licat validate --fix fixes it');
    expect(en.find((p) => p.path === '/timeLimit/promised/unit')?.message).toBe(
      'the time unit is written working-day: "个工作日" (licat validate --fix fixes it)',
    );
  });

  it('applies only the safe fixes, reports each (file:line, rule, before -> after), checks again, and gives back the very file', () => {
    const dir = copySample();
    const file = path.join(dir, 'items/market/food-business.yaml');
    const original = readFileSync(file, 'utf8');
    const damaged = damage(original).replace('\nconditions:\n', '\n# 受理条件（注释应保留）\nconditions:\n');
    writeFileSync(file, damaged);

    const r = licat(['validate', dir, '--fix']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('没有发现问题');
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith(rel));
    expect(lines).toHaveLength(9);
    expect(lines).toContain(`${rel}:2:7  已修复  fullwidth-digits  "４４０１０１００１０００" -> "440101001000"`);
    expect(lines).toContain(`${rel}:3:7  已修复  invisible-character  食品经营\\u{200B}许可 -> 食品经营许可`);
    expect(lines.some((l) => /:\d+:\d+ {2}已修复 {2}fees-wording {2}无 -> \[\]$/.test(l))).toBe(true);
    expect(lines.some((l) => /trailing-space {2}\\u\{0020\}\\u\{0020\}\\u\{0020\} -> ""$/.test(l))).toBe(true);
    expect(r.stderr).toContain('已修复 9 处');
    // Every fix restores what the editor meant and nothing else changes; the comment stays. The
    // padded text keeps the quotes it was written with; fmt then gives back the very file.
    const meant = original.replace('\nconditions:\n', '\n# 受理条件（注释应保留）\nconditions:\n');
    expect(readFileSync(file, 'utf8')).toBe(
      meant.replace('  - 申请人已依法取得营业执照或者其他合法主体资格证明。', '  - "申请人已依法取得营业执照或者其他合法主体资格证明。"'),
    );
    expect(licat(['fmt', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(meant);

    const again = licat(['--lang', 'en', 'validate', dir, '--fix']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('0 fixes applied; nothing to fix');
  });

  it('leaves alone what only looks similar: a criterion range in 工作日, full-width digits in a sentence, spaces inside a | block', () => {
    const text = [
      'conditions:',
      '  - 经营面积不少于５０平方米。',
      'criteria:',
      '  - id: days',
      '    subject: 公示期',
      '    ranges:',
      '      - { min: 10, unit: 工作日, outcome: 通过 }',
      'note: |',
      '  第一行  ',
      '  第二行',
      '',
    ].join('\n');
    expect(findTextFixes(text, 'item').fixes).toEqual([]);
  });

  it('still finds the fixes of a file whose only unit: spelled otherwise is in a criterion range', () => {
    const range = ['criteria:', '  - id: days', '    subject: 公示期', '    ranges:', '      - { min: 10, unit: 工作日, outcome: 通过 }'];
    const rules = (lines: string[]) => findTextFixes([...lines, ...range, ''].join('\n'), 'item').fixes.map((f) => f.rule);
    expect(rules(['timeLimit:', '  statutory: { value: 20, unit: 工作日 }'])).toEqual(['time-unit-spelling']);
    expect(rules(['conditions:', '  - "申请人已取得营业执照。 "'])).toEqual(['trailing-space']);
    expect(rules(['code: "4401 0100 1000"'])).toEqual(['fullwidth-digits']);
    expect(rules(['conditions:', '  - 申请人已取得营业执照。'])).toEqual([]);
  });

  it('rewrites a time limit written as text into a value and a unit, and leaves an ambiguous one', () => {
    const fix = (line: string) => findTextFixes(['timeLimit:', line, '  promised: { value: 10, unit: working-day }', ''].join('\n'), 'item');
    const written = fix('  statutory: 20个工作日');
    expect(written.fixes.map((f) => `${f.rule} ${f.path} ${f.after}`)).toEqual(['time-unit-spelling /timeLimit/statutory { value: 20, unit: working-day }']);
    expect(written.text).toBe('timeLimit:\n  statutory: { value: 20, unit: working-day }\n  promised: { value: 10, unit: working-day }\n');
    expect(fix('  statutory: "30 calendar days"').fixes.map((f) => f.after)).toEqual(['{ value: 30, unit: calendar-day }']);
    expect(fix('  statutory: 即办').fixes.map((f) => f.after)).toEqual(['{ value: 0, unit: instant }']);
    // "20天" could be working or calendar days: not guessed.
    expect(fix('  statutory: 20天').fixes).toEqual([]);
    // Only where a time limit is expected: the same words in a condition stay as written.
    expect(findTextFixes('conditions:\n  - 20个工作日\n', 'item').fixes).toEqual([]);
  });

  it('writes fees: [] for a blank fees key, keeping the keys after it', () => {
    const { fixes, text } = findTextFixes('fees:\nresult: { type: certificate, name: 许可证 }\n', 'item');
    expect(fixes.map((f) => f.rule)).toEqual(['fees-wording']);
    expect(text).toBe('fees: []\nresult: { type: certificate, name: 许可证 }\n');
  });
});
