import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySample, licat, ROOT } from '../helpers.js';

/**
 * A copy of the sample cut down to its canonical food item and no halls (so that work on the other
 * items and halls does not move these counts), with one warning (an unreferenced material) and, on request, one error.
 */
function brokenCopy(withError = false) {
  const dir = copySample();
  rmSync(path.join(dir, 'halls'), { recursive: true, force: true });
  for (const entry of readdirSync(path.join(dir, 'items'))) {
    if (entry !== 'market') rmSync(path.join(dir, 'items', entry), { recursive: true });
  }
  for (const entry of readdirSync(path.join(dir, 'items/market'))) {
    if (entry !== 'food-business.yaml') rmSync(path.join(dir, 'items/market', entry));
  }
  const file = path.join(dir, 'items/market/food-business.yaml');
  let text = readFileSync(file, 'utf8').replace(', power-of-attorney]', ']');
  if (withError) text = text.replace('  promised: { value: 10, unit: working-day }', '  promised: { value: 25, unit: working-day }');
  writeFileSync(file, text);
  return { dir, file, rel: path.relative(ROOT, dir) };
}

const json = (stdout: string) =>
  JSON.parse(stdout) as { summary: { errors: number; warnings: number }; problems: Array<{ rule: string; severity: string; file: string; line: number }> };

describe('licat validate --max-warnings', () => {
  it('passes while warnings stay within the limit and fails above it', () => {
    const { rel } = brokenCopy();
    const base = json(licat(['validate', rel, '--format', 'json']).stdout);
    const warnings = base.summary.warnings;
    expect(base.summary.errors).toBe(0);
    expect(base.problems.some((p) => p.rule === 'material-unused')).toBe(true);
    expect(licat(['validate', rel, '--format', 'json']).code).toBe(0);
    expect(licat(['validate', rel, '--format', 'json', '--max-warnings', String(warnings)]).code).toBe(0);
    const over = licat(['validate', rel, '--format', 'json', '--max-warnings', String(warnings - 1), '--lang', 'en']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain(`${warnings} warnings exceed --max-warnings ${warnings - 1}`);
    expect(licat(['validate', rel, '--max-warnings', '-1']).code).toBe(2);
  });
});

describe('licat validate --format a,b', () => {
  it('writes several formats, each to stdout or to its own file', () => {
    const { rel } = brokenCopy(true);
    const out = path.join(path.dirname(path.resolve(ROOT, rel)), 'report.xml');
    const r = licat(['validate', rel, '--format', 'json,junit', '--output-junit', out]);
    expect(r.code).toBe(1);
    expect(json(r.stdout).problems.map((p) => p.rule)).toContain('time-limit-order');
    expect(readFileSync(out, 'utf8')).toContain('<failure type="time-limit-order"');
  });
});

describe('licat validate --write-baseline / --baseline', () => {
  it('accepts the problems written to a baseline, even after lines shift, and reports stale entries', () => {
    const { dir, file, rel } = brokenCopy(true);
    const baseline = path.join(dir, 'licat-baseline.json');
    const written = licat(['validate', rel, '--format', 'json', '--write-baseline', baseline, '--lang', 'en']);
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/wrote \d+ problems? to the baseline file/);
    const entries = (JSON.parse(readFileSync(baseline, 'utf8')) as { problems: Array<{ file: string; rule: string; at: string }> }).problems;
    expect(entries).toContainEqual({ file: 'items/market/food-business.yaml', rule: 'time-limit-order', at: '/timeLimit/promised' });

    // Lines shift: the known problems are still accepted.
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 食品经营许可\n', 'name: 食品经营许可\n# 新增注释\n# 再一行\n'));
    const accepted = licat(['validate', rel, '--format', 'json', '--baseline', baseline, '--max-warnings', '0', '--lang', 'en']);
    expect(json(accepted.stdout).problems).toEqual([]);
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toContain(`${entries.length} known problems accepted by the baseline`);

    // A new problem is still reported.
    writeFileSync(file, readFileSync(file, 'utf8').replace('  visits: 0\n', '  visits: 1\n'));
    const fresh = json(licat(['validate', rel, '--format', 'json', '--baseline', baseline]).stdout);
    expect(fresh.problems.map((p) => p.rule)).toEqual(['online-visits', 'visits-reason']);

    // The fixed problem leaves a stale entry, reported as a warning at its line in the baseline.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('  visits: 1\n', '  visits: 0\n').replace('{ value: 25, unit: working-day }', '{ value: 10, unit: working-day }'),
    );
    const stale = licat(['validate', rel, '--format', 'json', '--baseline', baseline, '--max-warnings', '0']);
    const report = json(stale.stdout);
    expect(report.problems.map((p) => [p.rule, p.severity])).toEqual([['baseline-stale', 'warning']]);
    const line =
      readFileSync(baseline, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('"time-limit-order"')) + 1;
    expect(report.problems[0]).toMatchObject({ file: `${rel}/licat-baseline.json`, line });
    expect(stale.code).toBe(1);
  });

  it('says what --write-baseline wrote instead of "no problems", and counts in English with plurals', () => {
    const { dir, rel } = brokenCopy();
    const baseline = path.join(dir, 'licat-baseline.json');
    const written = licat(['validate', rel, '--write-baseline', baseline, '--lang', 'en', '--no-color']);
    expect(written.code).toBe(0);
    expect(written.stdout).not.toContain('no problems');
    expect(written.stdout).toMatch(/^wrote 1 problem to the baseline file .*licat-baseline\.json \(\d+ files, 1 item checked\)$/m);
    const zh = licat(['validate', rel, '--write-baseline', baseline, '--lang', 'zh', '--no-color']);
    expect(zh.stdout).not.toContain('没有发现问题');
    expect(zh.stdout).toContain('已把 1 个问题写入基线文件');
    const plain = licat(['validate', rel, '--lang', 'en', '--no-color']);
    expect(plain.stdout).toMatch(/✖ 1 problem \(0 errors, 1 warning\) in \d+ files, 1 item$/m);
  });

  it('refuses a missing or malformed baseline with exit 2', () => {
    const { dir, rel } = brokenCopy();
    expect(licat(['validate', rel, '--baseline', path.join(dir, 'none.json')]).code).toBe(2);
    writeFileSync(path.join(dir, 'bad.json'), '{"problems": 1}');
    const r = licat(['validate', rel, '--baseline', path.join(dir, 'bad.json'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a baseline file is { "version": 2, "problems": [...] }; regenerate it with --write-baseline');
  });
});

describe('paths in sarif and github', () => {
  it('are relative to the repository root even when licat runs in a subfolder', () => {
    // A work tree: repo/.git and the broken catalog in repo/catalog; licat runs in repo/catalog.
    const { dir } = brokenCopy(true);
    const repo = path.dirname(dir);
    mkdirSync(path.join(repo, '.git'));
    const sarif = licat(['validate', '.', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(sarif.stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    const uris = log.runs[0]!.results.map((r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`);
    expect(uris).toContain('time-limit-order catalog/items/market/food-business.yaml');
    const github = licat(['validate', '.', '--format', 'github'], { cwd: dir });
    expect(github.stdout).toMatch(/^::error file=catalog\/items\/market\/food-business\.yaml,line=\d+,col=\d+,title=time-limit-order::/m);
    // The other formats keep paths relative to the working directory.
    const plain = json(licat(['validate', '.', '--format', 'json'], { cwd: dir }).stdout);
    expect(plain.problems.map((p) => p.file)).toContain('items/market/food-business.yaml');
  });
});
