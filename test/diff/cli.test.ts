import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult } from '../../src/diff/diff-result.js';
import { licat, tempDir } from '../helpers.js';
import { BASE, sampleItem } from '../inline.js';

function writeCatalog(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

describe('licat diff on the command line', () => {
  let root: string;

  beforeAll(() => {
    root = tempDir('licat-diff-cli-');
    const other = sampleItem().replace('code: "440101001000"', 'code: "440101002000"');
    writeCatalog(path.join(root, 'v1'), { ...BASE, 'items/food.yaml': sampleItem(), 'items/other.yaml': other });
    // v2 breaks the food item's YAML: it must not be reported as removed.
    writeCatalog(path.join(root, 'v2'), {
      ...BASE,
      'items/food.yaml': sampleItem().replace('name: 食品经营许可\n', 'name: [食品经营许可\n'),
      'items/other.yaml': other,
    });
  });

  it('reports a file that does not load where it is, keeps its item out of the removals, exits 1', () => {
    const r = licat(['diff', 'v1', 'v2', '--format', 'json', '--lang', 'en'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^licat: HEAD \(v2\): 1 file\(s\) did not load; their items were not compared:\n {2}v2\/items\/food\.yaml:\d+:\d+ {2}yaml-syntax {2}/,
    );
    const result = JSON.parse(r.stdout) as DiffResult;
    expect(result.items).toMatchObject([{ code: '440101001000', status: 'unreadable', unreadableIn: 'head' }]);
    expect(result.summary).toMatchObject({ removed: 0, unreadable: 1, unchanged: 1 });
  });

  it('shows problems of the base side but does not fail on them', () => {
    const r = licat(['diff', 'v2', 'v1', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('licat: BASE（v2）有 1 个文件无法读取');
    expect((JSON.parse(r.stdout) as DiffResult).items).toMatchObject([{ code: '440101001000', status: 'unreadable', unreadableIn: 'base' }]);
  });

  it('writes to --output and leaves stdout empty', () => {
    const r = licat(['diff', 'v1', 'v1', '--format', 'markdown', '--output', 'out/diff.md'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(root, 'out/diff.md'), 'utf8')).toContain('| 0 | 0 | 0 | 0 | 0 | 2 |');
  });

  it('refuses unknown formats and --fail-on kinds with exit 2', () => {
    const format = licat(['diff', 'v1', 'v1', '--format', 'html'], { cwd: root });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown format html');
    const failOn = licat(['diff', 'v1', 'v1', '--fail-on', 'removed,deleted'], { cwd: root });
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toContain('unknown --fail-on deleted; use added, removed, renamed, changed, unified, catch-all, vague');
  });
});
