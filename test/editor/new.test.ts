import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySample, licat, SAMPLE } from '../helpers.js';

const PLACEHOLDER = '【待填写】';

/** What an editor would write in place of each placeholder of a new market item. */
function fillIn(text: string): string {
  const values: Array<[RegExp, string]> = [
    [/^name: 【待填写】.*$/m, 'name: 食品摊贩登记'],
    [/^levels: \[【待填写】\]$/m, 'levels: [county]'],
    [/^serviceObjects: \[【待填写】\]$/m, 'serviceObjects: ["1"]'],
    [/^( {2}- title: )【待填写】.*$/m, '$1《广东省食品生产加工小作坊和食品摊贩管理条例》'],
    [/^( {4}article: )【待填写】.*$/m, '$1第二十二条'],
    [/^( {2}- )【待填写】一条.*$/m, '$1申请人具有固定的经营场所。'],
    [/^( {4}name: )【待填写】申请书名称$/m, '$1食品摊贩登记申请表'],
    [/^( {2}statutory: \{ value: )【待填写】/m, '$120'],
    [/^( {2}promised: \{ value: )【待填写】/m, '$110'],
    [/^( {2}type: )【待填写】.*$/m, '$1certificate'],
    [/^( {2}name: )【待填写】结果名称.*$/m, '$1食品摊贩登记卡'],
    [/^( {2}visits: )【待填写】$/m, '$10'],
    [/^( {2}onlineDepth: )【待填写】$/m, '$14'],
  ];
  let out = text;
  for (const [pattern, value] of values) out = out.replace(pattern, value);
  // Step limits: accept 1, review 5, decide 2, issue 1, refuse 1 (9 working days on the longest path).
  const limits = ['1', '5', '2', '1', '1'];
  out = out.replace(/limit: \{ value: 【待填写】/g, () => `limit: { value: ${limits.shift()}`);
  return out;
}

describe('licat new', () => {
  it('scaffolds an item with the next free code of the department, the modeline and a comment on every unified element', () => {
    const dir = copySample();
    const r = licat(['new', 'market', 'food-stall', '--catalog', dir]);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(dir, 'items/market/food-stall.yaml');
    expect(path.resolve(r.stdout.trim())).toBe(file);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../../../schemas/item.schema.json');
    // market's items are 440101001000-440101005000; 006-022 belong to other departments.
    expect(text).toMatch(/^code: "440101023000"$/m);
    expect(text).toMatch(/^type: "01"$/m);
    expect(text).toMatch(/^department: market$/m);
    const unified = ['code', 'name', 'type', 'legalBasis', 'conditions', 'materials', 'process', 'timeLimit', 'fees', 'result'];
    for (const key of [...unified, 'department', 'levels', 'serviceObjects', 'handling']) {
      const at = lines.findIndex((l) => l.startsWith(`${key}:`));
      expect(at, key).toBeGreaterThan(0);
      // The comment right above the key names it, in Chinese.
      let c = at - 1;
      while (lines[c]!.startsWith('# licat new')) c--;
      expect(lines[c], key).toMatch(new RegExp(`^# [\\u4e00-\\u9fff].*（${key}）：.*[\\u4e00-\\u9fff]`));
    }
    expect(r.stderr).toContain('440101023000');
    expect(r.stderr).toMatch(/填写其中 \d+ 处“【待填写】”/);
  });

  it('leaves placeholders that validate reports one by one, and passes validate once they are filled', () => {
    const dir = copySample();
    expect(licat(['new', 'market', 'food-stall', '--catalog', dir]).code).toBe(0);
    const file = path.join(dir, 'items/market/food-stall.yaml');
    const text = readFileSync(file, 'utf8');
    const count =
      text
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n')
        .split(PLACEHOLDER).length - 1;
    expect(count).toBeGreaterThan(10);

    const before = licat(['validate', dir, '--format', 'json']);
    expect(before.code).toBe(1);
    const problems = JSON.parse(before.stdout).problems as Array<{ rule: string; file: string; line: number; message: { zh: string } }>;
    const placeholders = problems.filter((p) => p.rule === 'placeholder');
    expect(placeholders).toHaveLength(count);
    // One problem per unfilled value: no schema error repeats a placeholder.
    expect(problems.filter((p) => p.rule !== 'placeholder')).toEqual([]);
    for (const p of placeholders) expect(text.split('\n')[p.line - 1]).toContain(PLACEHOLDER);

    writeFileSync(file, fillIn(text));
    expect(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('#') && l.includes(PLACEHOLDER)),
    ).toEqual([]);
    const after = licat(['validate', dir]);
    expect(after.stdout).toContain('没有发现问题');
    expect(after.code).toBe(0);
    // And it is already in canonical form.
    expect(licat(['fmt', '--check', file]).code).toBe(0);
  });

  it('names the file after the code when given the item name, and takes the next code again', () => {
    const dir = copySample();
    expect(licat(['new', 'market', 'food-stall', '--catalog', dir]).code).toBe(0);
    const r = licat(['new', 'market', '食品摊贩备案', '--catalog', dir]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(path.join(dir, 'items/market/item-440101024000.yaml'), 'utf8');
    expect(text).toMatch(/^name: 食品摊贩备案$/m);
    // A department with no item of its own in a type starts after the highest code of that type.
    const health = licat(['new', 'health', '--catalog', dir]);
    expect(health.code).toBe(0);
    expect(existsSync(path.join(dir, 'items/health/item-440101025000.yaml'))).toBe(true);
  });

  it('never overwrites a file', () => {
    const dir = copySample();
    const existing = path.join(dir, 'items/market/food-business.yaml');
    const before = readFileSync(existing);
    const r = licat(['new', 'market', 'food-business', '--catalog', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('已存在，不会覆盖');
    expect(readFileSync(existing).equals(before)).toBe(true);
    expect(readdirSync(path.join(dir, 'items/market')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('lists the department kinds when the kind is unknown, in both languages', () => {
    const dir = copySample();
    const zh = licat(['new', 'markt', '--catalog', dir]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('未知的部门类别 markt');
    const kinds = Object.keys(
      (readFileSync(path.join(SAMPLE, 'departments.yaml'), 'utf8').match(/^ {2}([a-z-]+): \{ name:/gm) ?? []).reduce(
        (o, k) => ({ ...o, [k.trim().split(':')[0]!]: 1 }),
        {},
      ),
    );
    expect(kinds.length).toBeGreaterThanOrEqual(8);
    for (const kind of kinds) expect(zh.stderr).toContain(kind);
    const en = licat(['--lang', 'en', 'new', 'markt', '--catalog', dir]);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('unknown department kind markt; the kinds in departments.yaml are: market, health');
    expect(en.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
