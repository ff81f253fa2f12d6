import type { Text } from '../i18n/lang.js';

/** What docs/rules.md says of one rule beyond the registry: why it exists, and a bad and a good example. */
export interface RuleDoc {
  why: Text;
  /** Notes of the section in English, between the header lines and the examples ('' if none). */
  notes: string;
  bad: { lang: string; code: string };
  good: { lang: string; code: string };
}

/**
 * The section of one rule in docs/rules.md, read from the page's text. Pure.
 * @example ruleDoc(readFileSync('docs/rules.md', 'utf8'), 'fees-wording')?.why.zh
 */
export function ruleDoc(markdown: string, id: string): RuleDoc | undefined {
  const start = markdown.indexOf(`\n### ${id}\n`);
  if (start < 0) return undefined;
  const rest = markdown.slice(start + 1);
  const next = rest.slice(4).search(/\n#{2,3} /);
  const section = next < 0 ? rest : rest.slice(0, next + 4);
  const zh = /^- 为何：(.*)$/m.exec(section)?.[1];
  const en = /^- Why: (.*)$/m.exec(section)?.[1];
  const bad = /Bad \/ 错误示例:\n\n```([a-z]+)\n([\s\S]*?)```/.exec(section);
  const good = /Good \/ 正确示例:\n\n```([a-z]+)\n([\s\S]*?)```/.exec(section);
  if (!zh || !en || !bad || !good) return undefined;
  const headerEnd = section.indexOf('\n\n', section.indexOf('- Why: '));
  const notesEnd = section.indexOf('Bad / 错误示例:');
  const notes = headerEnd >= 0 && notesEnd > headerEnd ? section.slice(headerEnd, notesEnd).trim() : '';
  return { why: { zh, en }, notes, bad: { lang: bad[1]!, code: bad[2]! }, good: { lang: good[1]!, code: good[2]! } };
}
