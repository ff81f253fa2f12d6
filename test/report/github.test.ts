import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { ANNOTATIONS_PER_LEVEL, github, githubSummary } from '../../src/report/github.js';
import { copySample, licat, tempDir } from '../helpers.js';
import { sampleProblems } from './context.js';

describe('github', () => {
  it('writes one annotation per problem with GitHub escaping (a line break shown as \\n, never one), then a markdown summary', () => {
    const { diagnostics, context } = sampleProblems();
    const out = github(diagnostics, context);
    const lines = out.split('\n');
    const annotations = lines.filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(diagnostics.length);
    const limit = diagnostics.find((d) => d.rule === 'time-limit-order')!;
    expect(annotations).toContain(
      `::error file=catalog/items/market/food.yaml,line=${limit.line},col=${limit.column},title=time-limit-order::${limit.message.en}`,
    );
    expect(annotations).toContain(
      '::error file=catalog/items/market/food.yaml,line=3,col=7,title=schema::name has <b>, & and "quotes", a line\\nbreak, 100%25, a:b',
    );
    expect(annotations.some((a) => a.startsWith('::warning file=catalog/items/market/food.yaml,') && a.includes('title=material-unused::'))).toBe(true);
    expect(annotations.some((a) => a.startsWith('::error file=catalog/halls/天河 大厅.yaml,line='))).toBe(true);
    expect(out).toContain('## licat validate');
    expect(out).toContain('| Level | File | Line | Rule | Message |');
    expect(out).toContain('| ❌ error | catalog/items/market/food.yaml | 3:7 | schema | name has &lt;b&gt;, &amp; and "quotes", a line\\\\nbreak, 100%, a:b |');
  });

  it('escapes commas and colons in properties', () => {
    const d: Diagnostic = { rule: 'schema', severity: 'warning', file: 'a,b:c%.yaml', path: '', line: 1, column: 1, message: { zh: 'x', en: 'x' } };
    expect(github([d], { ...sampleProblems().context, githubStepSummary: true })).toBe('::warning file=a%2Cb%3Ac%25.yaml,line=1,col=1,title=schema::x\n');
  });

  it('caps annotations per level and says how many were left out', () => {
    const base = sampleProblems().diagnostics[0]!;
    const many: Diagnostic[] = Array.from({ length: 25 }, (_, i) => ({ ...base, severity: i < 15 ? 'error' : 'warning', line: i + 1 }));
    const out = github(many, { ...sampleProblems().context, githubStepSummary: true });
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(lines.at(-1)).toBe(
      '::notice title=licat::5 more problems are not annotated (GitHub shows at most 10 error and 10 warning annotations per step); see the job summary for all',
    );
    expect(out).not.toContain('## licat');
  });

  it('summarises per rule', () => {
    const { diagnostics, context } = sampleProblems();
    const md = githubSummary(diagnostics, { ...context, lang: 'zh' });
    expect(md).toContain('## licat 目录检查');
    expect(md).toContain('| material-unused | 0 | 1 |');
    expect(md).toContain('| time-limit-order | 1 | 0 |');
    expect(githubSummary([], context)).toBe('## licat validate\n\n✅ 5 files, 1 item checked: no problems.\n');
  });

  it('appends the summary to $GITHUB_STEP_SUMMARY and keeps stdout to annotations', () => {
    const dir = copySample();
    const file = path.join(dir, 'items/market/food-business.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    name: 食品安全管理制度文本', '    name: 食品安全管理制度文本及其他材料'));
    const summary = path.join(tempDir(), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = licat(['validate', dir, '--format', 'github', '--lang', 'en'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=.*food-business\.yaml,line=\d+,col=\d+,title=catch-all-clause::catch-all clause “其他材料”/m);
    expect(r.stdout).not.toContain('## licat');
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## licat validate\n')).toBe(true);
    expect(md).toContain('| catch-all-clause | 1 | 0 |');
  });
});

describe('github without problems', () => {
  it('prints only the summary, or nothing when the summary goes to the step summary file', () => {
    const { context } = sampleProblems();
    expect(github([], context)).toBe('## licat validate\n\n✅ 5 files, 1 item checked: no problems.\n');
    expect(github([], { ...context, githubStepSummary: true })).toBe('');
  });
});
