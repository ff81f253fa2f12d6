import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/validate/registry.js';
import { ruleDoc } from '../../src/validate/rule-docs.js';
import { licat, ROOT } from '../helpers.js';

const DOC = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');

describe('licat rules', () => {
  it('lists every rule with its severity, whether --fix fixes it and its line, in Chinese and English', () => {
    const zh = licat(['rules']);
    expect(zh.code).toBe(0);
    const en = licat(['--lang', 'en', 'rules']);
    for (const rule of RULES) {
      const zhLine = zh.stdout.split('\n').find((l) => l.startsWith(`${rule.id} `));
      expect(zhLine, rule.id).toBeDefined();
      expect(zhLine).toContain(rule.severity === 'error' ? '错误' : '警告');
      expect(zhLine).toContain(rule.fixable ? '可修复' : ' - ');
      expect(zhLine!.endsWith(rule.description.zh)).toBe(true);
      const enLine = en.stdout.split('\n').find((l) => l.startsWith(`${rule.id} `))!;
      expect(enLine).toContain(rule.severity);
      expect(enLine.endsWith(rule.description.en)).toBe(true);
    }
    expect(zh.stdout).toContain(`共 ${RULES.length} 条规则`);
  });

  it('gives the table as JSON, fixable included, the same as the registry', () => {
    const r = licat(['rules', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual(
      RULES.map((rule) => ({ id: rule.id, severity: rule.severity, fixable: rule.fixable === true, description: rule.description })),
    );
    const fixable = RULES.filter((rule) => rule.fixable).map((rule) => rule.id);
    expect(fixable.sort()).toEqual(['fees-wording', 'fullwidth-digits', 'invisible-character', 'time-unit-spelling', 'trailing-space']);
  });
});

describe('licat explain', () => {
  it('prints why every rule exists and a bad and a good example, from docs/rules.md, in both languages', () => {
    for (const rule of RULES) {
      const doc = ruleDoc(DOC, rule.id);
      expect(doc, rule.id).toBeDefined();
    }
    for (const id of ['vague-clause', 'fees-wording', 'time-limit-order']) {
      const doc = ruleDoc(DOC, id)!;
      const zh = licat(['explain', id]);
      expect(zh.code).toBe(0);
      expect(zh.stdout).toContain(`为何：${doc.why.zh}`);
      expect(zh.stdout).toContain('错误示例：');
      expect(zh.stdout).toContain(doc.bad.code.trim().split('\n')[0]!);
      expect(zh.stdout).toContain(doc.good.code.trim().split('\n')[0]!);
      const en = licat(['explain', id], { env: { LICAT_LANG: 'en' } });
      expect(en.stdout).toContain(`Why: ${doc.why.en}`);
      expect(en.stdout).toContain('Bad:');
      expect(en.stdout).toContain('Good:');
    }
    // Which are errors and which warnings is stated, with the reason for a warning.
    expect(licat(['--lang', 'en', 'explain', 'vague-clause']).stdout).toMatch(/^vague-clause {2}warning {2}not fixed automatically\n/);
    expect(licat(['explain', 'vague-clause']).stdout).toContain('这是警告而非错误');
    expect(licat(['explain', 'fees-wording']).stdout).toMatch(/^fees-wording {2}错误 {2}可用 licat validate --fix 自动修复\n/);
  });

  it('says "did you mean" for an unknown rule and exits 2', () => {
    const zh = licat(['explain', 'vage-clause']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe('licat: 未知的规则 vage-clause；是否想找 vague-clause？（licat rules 列出全部规则）\n');
    const en = licat(['--lang', 'en', 'explain', 'material-unsued']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('unknown rule material-unsued; did you mean material-unused?');
    expect(licat(['explain', 'zzzz']).stderr).toBe('licat: 未知的规则 zzzz（licat rules 列出全部规则）\n');
  });
});
