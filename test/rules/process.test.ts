import { describe, expect, it } from 'vitest';
import { longestPath, processGraph } from '../../src/model/process-graph.js';
import { checkInline, sampleItem } from '../inline.js';
import { at, edit, hits, messages } from './at.js';

const item = sampleItem();
const F = 'items/food.yaml';
const FILE = 'catalog/items/food.yaml';
const BRANCHES = '      branches:\n        准予许可: issue\n        不予许可: refuse\n';

describe('process graph model', () => {
  it('finds the ends and the longest path of the sample', () => {
    const parsed = checkInline({ [F]: item }).catalog.items[0]!.item;
    const graph = processGraph(parsed);
    expect(graph.ends.map((i) => parsed.process.steps[i]!.id)).toEqual(['issue', 'refuse']);
    const { total, path } = longestPath(graph, (s) => s.limit?.value ?? 0);
    expect(total).toBe(9);
    expect(path.map((i) => parsed.process.steps[i]!.id)).toEqual(['apply', 'accept', 'review', 'decide', 'issue']);
  });
});

describe('process-graph', () => {
  it('accepts the sample flowchart', () => {
    expect(hits({ [F]: item }, 'process-graph')).toEqual([]);
  });

  it('reports a reference to an unknown step at that reference', () => {
    const text = edit(item, '      next: [decide]', '      next: [decision]');
    const d = hits({ [F]: text }, 'process-graph');
    // One root cause, one problem: decide, now unreachable from the start, is not reported too.
    expect(d).toEqual([{ file: FILE, ...at(text, 'decision]'), path: '/process/steps/2/next/0' }]);
    expect(messages({ [F]: text }, 'process-graph')).toEqual(['step review leads to decision, which is not a step']);
  });

  it('reports a decision with a single branch at branches', () => {
    const text = edit(item, BRANCHES, '      branches:\n        准予许可: issue\n');
    expect(hits({ [F]: text }, 'process-graph')).toContainEqual({
      file: FILE,
      ...at(text, 'branches:\n        准予许可: issue\n    - id: issue'),
      path: '/process/steps/3/branches',
    });
  });

  it('reports a duplicate step id at the second one', () => {
    const text = edit(item, '    - id: refuse\n', '    - id: issue\n');
    const d = hits({ [F]: text }, 'process-graph');
    expect(d).toContainEqual({ file: FILE, line: at(text, '      name: 书面告知不予许可理由').line - 1, column: 11, path: '/process/steps/5/id' });
  });

  it('reports a loop that never reaches an end', () => {
    // issue and refuse lead back to review: no step ends the process.
    const loop = edit(
      edit(item, '      name: 制证送达\n', '      name: 制证送达\n      next: [review]\n'),
      '      name: 书面告知不予许可理由\n',
      '      name: 书面告知不予许可理由\n      next: [review]\n',
    );
    expect(hits({ [F]: loop }, 'process-graph')).toEqual([{ file: FILE, ...at(loop, 'steps:\n'), path: '/process/steps' }]);
    expect(messages({ [F]: loop }, 'process-graph')[0]).toContain('the process has no end');
    // With an end elsewhere, the steps caught in the loop are reported.
    const trap = edit(item, '      name: 制证送达\n', '      name: 制证送达\n      next: [issue]\n');
    expect(hits({ [F]: trap }, 'process-graph')).toEqual([{ file: FILE, ...at(trap, 'id: issue'), path: '/process/steps/4' }]);
  });

  it('reports a licensing process of fewer than five steps', () => {
    const short = edit(
      edit(edit(item, '    step: review\n', ''), '      next: [review]\n', '      next: [decide]\n'),
      '    - id: review\n      name: 审查（含现场核查）\n      role: 审查人员\n      office: 食品经营许可科\n      limit: { value: 5, unit: working-day }\n      next: [decide]\n',
      '',
    );
    const r = checkInline({ [F]: short }).catalog.items[0]!.item;
    expect(r.process.steps).toHaveLength(5);
    expect(hits({ [F]: short }, 'process-graph')).toEqual([]);
    const four = edit(short, '      next: [accept]\n', '      next: [decide]\n').replace(/ {4}- id: accept\n(?: {6}.*\n)+?(?= {4}- id: decide)/, '');
    expect(hits({ [F]: four }, 'process-graph')).toEqual([{ file: FILE, ...at(four, 'steps:\n'), path: '/process/steps' }]);
  });

  it('reports a criterion that applies to an unknown step', () => {
    const text = edit(item, '    step: review\n', '    step: inspect\n');
    expect(hits({ [F]: text }, 'process-graph')).toEqual([{ file: FILE, ...at(text, 'step: inspect', 6), path: '/criteria/0/step' }]);
  });
});

describe('material-unknown', () => {
  it('accepts references to existing materials', () => {
    expect(hits({ [F]: item }, 'material-unknown')).toEqual([]);
  });

  it('reports a step that refers to a missing material, at that reference', () => {
    const text = edit(item, 'safety-rules, power-of-attorney]', 'safety-rule, power-of-attorney]');
    expect(hits({ [F]: text }, 'material-unknown')).toEqual([{ file: FILE, ...at(text, 'safety-rule,'), path: '/process/steps/1/materials/3' }]);
  });

  it('reports two materials with one id', () => {
    const text = edit(item, '  - id: site-layout\n', '  - id: business-licence\n');
    expect(hits({ [F]: text }, 'material-unknown')).toContainEqual({
      file: FILE,
      line: at(text, '    name: 经营场所平面布局图').line - 1,
      column: 9,
      path: '/materials/2/id',
    });
  });
});

describe('material-unused', () => {
  it('accepts materials that every step refers to', () => {
    expect(hits({ [F]: item }, 'material-unused')).toEqual([]);
  });

  it('warns about a material no step refers to, at that material', () => {
    const text = edit(item, ', power-of-attorney]', ']');
    const r = checkInline({ [F]: text }).diagnostics.filter((d) => d.rule === 'material-unused');
    expect(r.map((d) => ({ line: d.line, column: d.column, path: d.path, severity: d.severity }))).toEqual([
      { ...at(text, 'id: power-of-attorney'), path: '/materials/4', severity: 'warning' },
    ]);
  });
});
