import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult } from '../../src/diff/diff-result.js';
import { licat, tempDir } from '../helpers.js';
import { BASE, sampleItem } from '../inline.js';

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync(
    'git',
    ['-c', 'user.name=licat test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args],
    {
      cwd,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function writeCatalog(dir: string, files: Record<string, string | null>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (text === null) rmSync(file, { force: true });
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
}

/** The answer of a diff without where each side came from (source, commit, file paths). */
function answer(stdout: string): unknown {
  const result = JSON.parse(stdout) as DiffResult;
  return {
    summary: result.summary,
    figures: result.figures,
    catalog: result.catalog,
    feeds: result.feeds,
    items: result.items.map(({ file: _file, ...rest }) => rest),
  };
}

const FOOD = sampleItem();
const OTHER = FOOD.replace('code: "440101001000"', 'code: "440101002000"').replace('name: 食品经营许可\n', 'name: 小餐饮经营许可\n');
const THIRD = FOOD.replace('code: "440101001000"', 'code: "440101003000"').replace('name: 食品经营许可\n', 'name: 食品摊贩登记\n');

describe('licat diff on git revisions', () => {
  let repo: string;
  let baseCopy: string;

  beforeAll(() => {
    repo = tempDir('licat-diff-git-');
    writeCatalog(path.join(repo, 'catalog'), { ...BASE, 'items/market/food.yaml': FOOD, 'items/market/other.yaml': OTHER });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    baseCopy = path.join(tempDir('licat-diff-copy-'), 'catalog');
    cpSync(path.join(repo, 'catalog'), baseCopy, { recursive: true });
    // The change: promised limit 10 -> 5 working days, one item removed, one added, a hall file.
    writeCatalog(path.join(repo, 'catalog'), {
      'items/market/food.yaml': FOOD.replace('  promised: { value: 10, unit: working-day }', '  promised: { value: 5, unit: working-day }'),
      'items/market/other.yaml': null,
      'items/market/third.yaml': THIRD,
      'halls/440106.yaml': 'region: "440106"\nname: 天河区政务服务中心\nitems:\n  "440101001000": { window: 市场监管综合窗口 }\n',
    });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'second');
  });

  it('gives the same answer by revision as by folder', () => {
    const byRevision = licat(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: repo });
    expect(byRevision.code).toBe(0);
    const byFolder = licat(['diff', baseCopy, 'catalog', '--format', 'json'], { cwd: repo });
    expect(byFolder.code).toBe(0);
    expect(answer(byRevision.stdout)).toEqual(answer(byFolder.stdout));

    const result = JSON.parse(byRevision.stdout) as DiffResult;
    expect(result.base).toMatchObject({ source: 'HEAD~1', kind: 'revision', items: 2 });
    expect(result.base.commit).toBe(git(repo, 'rev-parse', 'HEAD~1').trim());
    expect(result.items.map((i) => [i.code, i.status])).toEqual([
      ['440101001000', 'changed'],
      ['440101002000', 'removed'],
      ['440101003000', 'added'],
    ]);
    expect(result.items[0]!.file).toEqual({ base: 'catalog/items/market/food.yaml', head: 'catalog/items/market/food.yaml' });
    expect(result.items[0]!.elements).toEqual(['timeLimit', 'halls']);
    expect(result.figures.promised.cutDays).toBe(5);
  });

  it('compares with the working tree when HEAD is left out, and finds the folder with --dir from a subfolder', () => {
    const full = licat(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: repo });
    const worktree = licat(['diff', 'HEAD~1', '--format', 'json'], { cwd: repo });
    expect(worktree.code).toBe(0);
    expect(answer(worktree.stdout)).toEqual(answer(full.stdout));
    mkdirSync(path.join(repo, 'docs'), { recursive: true });
    const sub = licat(['diff', 'HEAD~1', 'HEAD', '--dir', '../catalog', '--format', 'json'], { cwd: path.join(repo, 'docs') });
    expect(sub.code).toBe(0);
    expect(answer(sub.stdout)).toEqual(answer(full.stdout));
    expect((JSON.parse(sub.stdout) as DiffResult).items[0]!.file.head).toBe('../catalog/items/market/food.yaml');
  });

  it('exits 1 under --fail-on removed, naming the item', () => {
    const r = licat(['diff', 'HEAD~1', 'HEAD', '--fail-on', 'removed,unified', '--lang', 'en'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('licat: --fail-on: 1 item(s) removed: 440101002000');
    expect(r.stderr).toContain('licat: --fail-on: unified elements of 1 item(s) changed: 440101001000');
    expect(r.stdout).toContain('440101002000  removed');
  });

  it('says what is wrong with a revision that does not exist', () => {
    const r = licat(['diff', 'no-such-branch', '--lang', 'en'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('licat: no-such-branch is neither a catalog folder nor a git revision of this repository\n');
  });

  it('tells a shallow clone what to fetch when the base is missing', () => {
    const clone = path.join(tempDir('licat-diff-shallow-'), 'clone');
    git(path.dirname(clone), 'clone', '-q', '--depth', '1', `file://${repo}`, clone);
    const r = licat(['diff', 'HEAD~1', '--lang', 'en'], { cwd: clone });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('revision HEAD~1 is not in this clone: it is shallow');
    expect(r.stderr).toContain('git fetch --deepen=1');
    expect(r.stderr).toContain('fetch-depth: 0');
    const zh = licat(['diff', 'main~1'], { cwd: clone });
    expect(zh.stderr).toContain('这是浅克隆');
    // After fetching what the message says, the same command works.
    git(clone, 'fetch', '-q', '--deepen=1');
    expect(licat(['diff', 'HEAD~1'], { cwd: clone }).code).toBe(0);
  });
});
