import type { RuleId } from '../diagnostics/rule-ids.js';
import { readFile } from 'node:fs/promises';
import { resolveLang, type Lang } from '../i18n/lang.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { nearestRules } from '../validate/nearest-rule.js';
import { RULES, RULES_BY_ID } from '../validate/registry.js';
import { ruleDoc } from '../validate/rule-docs.js';

const SEVERITY: Record<Lang, Record<string, string>> = { zh: { error: '错误', warning: '警告' }, en: { error: 'error', warning: 'warning' } };

/** `licat rules`: every rule with its severity, whether --fix fixes it, and its one line. */
export async function runRules(options: { lang?: string; format?: string }): Promise<number> {
  const lang = resolveLang(options.lang);
  const format = options.format ?? 'table';
  if (format === 'json') {
    const rows = RULES.map((r) => ({ id: r.id, severity: r.severity, fixable: r.fixable === true, description: r.description }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (format === 'markdown') {
    process.stdout.write(rulesIndexMarkdown());
    return 0;
  }
  if (format !== 'table') throw new UsageError(`未知格式 ${format}；可用：table, json, markdown / unknown format ${format}; use table, json or markdown`);
  const fix = (fixable: boolean | undefined) => (fixable ? (lang === 'zh' ? '可修复' : 'fixable') : '-');
  const idWidth = Math.max(...RULES.map((r) => r.id.length));
  const header = lang === 'zh' ? ['规则', '级别', '--fix', '说明'] : ['rule', 'severity', '--fix', 'description'];
  const lines = [`${header[0]!.padEnd(idWidth)}  ${pad(header[1]!, 8)}  ${pad(header[2]!, 7)}  ${header[3]}`];
  for (const r of RULES) lines.push(`${r.id.padEnd(idWidth)}  ${pad(SEVERITY[lang][r.severity]!, 8)}  ${pad(fix(r.fixable), 7)}  ${r.description[lang]}`);
  lines.push(
    '',
    lang === 'zh'
      ? `共 ${RULES.length} 条规则；licat explain <规则> 说明规则的由来并给出示例`
      : `${RULES.length} rules; licat explain <rule> tells why a rule exists, with examples`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * The index of docs/rules.md, made from the rule registry: one row per rule with its severity and
 * both descriptions. `npm run docs` writes it into docs/rules.md; a test holds the file to it.
 */
export function rulesIndexMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| rule | severity | 说明 | description |', '| --- | --- | --- | --- |'];
  for (const r of RULES) lines.push(`| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${cell(r.description.zh)} | ${cell(r.description.en)} |`);
  return `${lines.join('\n')}\n`;
}

/** `licat explain <rule>`: why the rule exists, and a bad and a good example, from docs/rules.md. */
export async function runExplain(id: string, options: { lang?: string }): Promise<number> {
  const lang = resolveLang(options.lang);
  const rule = RULES_BY_ID.get(id as RuleId);
  if (!rule) {
    const near = nearestRules(id);
    const zh = `未知的规则 ${id}${near.length ? `；是否想找 ${near.join('、')}？` : ''}（licat rules 列出全部规则）`;
    const en = `unknown rule ${id}${near.length ? `; did you mean ${near.join(', ')}?` : ''} (licat rules lists them all)`;
    throw new UsageError(lang === 'zh' ? zh : en);
  }
  const markdown = await readFile(new URL('../../docs/rules.md', import.meta.url), 'utf8').catch(() => undefined);
  const doc = markdown === undefined ? undefined : ruleDoc(markdown, id);
  const zh = lang === 'zh';
  const out = [
    `${rule.id}  ${SEVERITY[lang][rule.severity]}  ${rule.fixable ? (zh ? '可用 licat validate --fix 自动修复' : 'fixed by licat validate --fix') : zh ? '不能自动修复' : 'not fixed automatically'}`,
    rule.description[lang],
    '',
  ];
  if (!doc) {
    out.push(zh ? '（找不到 docs/rules.md 中该规则的说明）' : '(docs/rules.md has no section for this rule)');
  } else {
    out.push(`${zh ? '为何：' : 'Why: '}${doc.why[lang]}`, '');
    if (!zh && doc.notes) out.push(doc.notes, '');
    out.push(zh ? '错误示例：' : 'Bad:', indent(doc.bad.code), zh ? '正确示例：' : 'Good:', indent(doc.good.code));
  }
  process.stdout.write(`${out.join('\n').replace(/\n+$/, '')}\n`);
  return 0;
}

function indent(code: string): string {
  return (
    code
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n') + '\n'
  );
}

/** Pad to a display width, counting a CJK character as two columns. */
function pad(text: string, width: number): string {
  const w = [...text].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - w));
}
