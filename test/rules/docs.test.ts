import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULE_TABLE } from '../../src/diagnostics/rule-ids.js';
import { rulesIndexMarkdown } from '../../src/cli/rules.js';
import { RULES } from '../../src/validate/registry.js';
import { ROOT } from '../helpers.js';

const DOC = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');

/** The section of docs/rules.md under `### id`, up to the next heading. */
function section(id: string): string | undefined {
  const start = DOC.indexOf(`\n### ${id}\n`);
  if (start < 0) return undefined;
  const rest = DOC.slice(start + 1);
  const end = rest.slice(4).search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end + 4);
}

describe('docs/rules.md', () => {
  it('documents every registered rule with its severity, both descriptions, whether it is fixable, why it exists and a bad and a good example', () => {
    for (const rule of RULES) {
      const text = section(rule.id);
      expect(text, `docs/rules.md has no section for ${rule.id}`).toBeDefined();
      expect(text).toContain(`- Severity / 级别: **${rule.severity}**`);
      expect(text).toContain(`- 中文：${rule.description.zh}`);
      expect(text).toContain(`- English: ${rule.description.en}`);
      expect(text).toContain(`- Fixable / 可自动修复: **${rule.fixable ? 'yes' : 'no'}**`);
      expect(text).toMatch(/\n- 为何：[^\n]*[\u4e00-\u9fff][^\n]*\n- Why: [A-Za-z"`][^\n]+\n/);
      expect(text).toMatch(/Bad \/ 错误示例:\n\n```[a-z]+\n[^`]+```/);
      expect(text).toMatch(/Good \/ 正确示例:\n\n```[a-z]+\n[^`]+```/);
    }
  });

  it('has the index the rule registry makes (npm run docs writes it)', () => {
    expect(DOC).toContain(`## Index\n\n${rulesIndexMarkdown()}\n`);
  });

  it('lists every rule in the index and documents no rule that does not exist', () => {
    const documented = [...DOC.matchAll(/^### ([a-z-]+)$/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const rule of RULES) expect(DOC).toContain(`| [\`${rule.id}\`](#${rule.id}) | ${rule.severity} |`);
  });

  it('names every structural rule (and only those) where it says which rules cannot be turned off', () => {
    const start = DOC.indexOf('The structural rules cannot be turned off');
    expect(start).toBeGreaterThan(0);
    const paragraph = DOC.slice(start, DOC.indexOf('\n\n', start));
    const named = [...paragraph.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).filter((id) => (RULE_IDS as readonly string[]).includes(id!));
    expect(new Set(named)).toEqual(new Set(RULE_IDS.filter((id) => RULE_TABLE[id].structural)));
  });

  it('states the working-day conversion the time rules use', () => {
    expect(section('time-limit-order')).toContain('W + 2·⌈W/5⌉');
    expect(section('time-limit-order')).toContain('W + 2·⌊(W−1)/5⌋');
  });
});
