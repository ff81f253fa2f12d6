import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySample, licat, ROOT, SAMPLE } from '../helpers.js';

function itemFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...itemFiles(abs));
    else if (name.endsWith('.yaml')) out.push(abs);
  }
  return out.sort();
}

describe('licat validate on the sample catalog', () => {
  it('passes with no problems, over 40 items, 8+ departments and the full region tree', () => {
    const r = licat(['validate', 'catalog', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { summary: { items: number; errors: number; warnings: number }; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.summary.items).toBeGreaterThanOrEqual(40);
    const departments = new Set(itemFiles(path.join(SAMPLE, 'items')).map((f) => /^department: (\S+)/m.exec(readFileSync(f, 'utf8'))?.[1]));
    expect(departments.size).toBeGreaterThanOrEqual(8);
    const regions = readFileSync(path.join(SAMPLE, 'regions/guangdong.csv'), 'utf8').trim().split('\n').slice(1);
    const tiers = new Map<string, number>();
    for (const row of regions) tiers.set(row.split(',')[2]!, (tiers.get(row.split(',')[2]!) ?? 0) + 1);
    expect(Object.fromEntries(tiers)).toMatchObject({ province: 1, city: 21, village: 26842 });
    expect(tiers.get('town')).toBeGreaterThanOrEqual(1600);
  });

  it('every item file starts with the yaml-language-server modeline', () => {
    for (const file of itemFiles(path.join(SAMPLE, 'items'))) {
      expect(readFileSync(file, 'utf8').split('\n')[0], file).toBe('# yaml-language-server: $schema=../../../schemas/item.schema.json');
    }
  });
});

describe('licat validate on a broken copy', () => {
  const broken = () => {
    const dir = copySample();
    const file = path.join(dir, 'items/market/food-business.yaml');
    const text = readFileSync(file, 'utf8').replace('    necessity: required\n', '    necessity: must\n');
    writeFileSync(file, text);
    const line = text.split('\n').indexOf('    necessity: must') + 1;
    return { dir, line, rel: path.relative(ROOT, file).split(path.sep).join('/') };
  };

  it('prints a located error with an excerpt in Chinese by default, exit 1', () => {
    const { dir, line, rel } = broken();
    const r = licat(['validate', path.relative(ROOT, dir)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(rel);
    expect(r.stdout).toContain(`${line}:16  错误  \`necessity\` 的值无效："must"，可选值：required、conditional、optional  schema`);
    expect(r.stdout).toContain(`${line} |     necessity: must`);
    expect(r.stdout).toMatch(/\|\s{16}\^/);
    expect(r.stdout).toContain('1 个问题（1 个错误，0 个警告）');
  });

  it('speaks English with --lang en and with LICAT_LANG=en', () => {
    const { dir, line } = broken();
    const viaFlag = licat(['--lang', 'en', 'validate', dir]);
    const viaEnv = licat(['validate', dir], { env: { LICAT_LANG: 'en' } });
    for (const r of [viaFlag, viaEnv]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${line}:16  error  invalid value "must" for \`necessity\`; allowed: required, conditional, optional  schema`);
    }
  });

  it('follows the JSON contract: version, summary, problems with file, line, column, path', () => {
    const { dir, line, rel } = broken();
    const r = licat(['validate', path.relative(ROOT, dir), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toMatchObject({ errors: 1, warnings: 0 });
    expect(report.summary.items).toBeGreaterThan(0);
    expect(report.problems).toEqual([
      {
        rule: 'schema',
        severity: 'error',
        file: rel,
        line,
        column: 16,
        path: '/materials/0/necessity',
        message: '`necessity` 的值无效："must"，可选值：required、conditional、optional',
      },
    ]);
  });
});

describe('licat exit codes for usage', () => {
  it('exits 2 for a folder that does not exist', () => {
    const r = licat(['validate', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('catalog folder not found: no-such-folder');
  });

  it('exits 2 for an unknown option or format', () => {
    expect(licat(['validate', '--bogus']).code).toBe(2);
    const r = licat(['validate', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format xml');
  });

  it('answers --help with every command', () => {
    const r = licat(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['validate', 'schema']) expect(r.stdout).toContain(command);
  });
});
