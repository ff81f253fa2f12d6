import type { z } from 'zod';
import { t } from '../i18n/lang.js';
import { pointer, type Finding } from '../diagnostics/diagnostic.js';

/**
 * Turn zod issues into short, located findings: a missing key is reported at its parent, an
 * unknown key at that key, a wrong value at the value.
 */
export function zodFindings(error: z.ZodError, data: unknown, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const issue of error.issues) {
    const segments = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const path = pointer(segments);
    const field = segments.length > 0 ? String(segments[segments.length - 1]) : '';
    const push = (zh: string, en: string, at: 'key' | 'value' = 'value', where = path) =>
      findings.push({ rule: 'schema', file, path: where, at, message: t(zh, en) });
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) push(`未知字段 \`${key}\``, `unknown key \`${key}\``, 'key', pointer([...segments, key]));
        break;
      case 'invalid_type': {
        const present = valueAt(data, segments);
        if (present === undefined && segments.length > 0) {
          push(`缺少必填字段 \`${field}\``, `missing required key \`${field}\``);
        } else if (segments.length === 0) {
          push('文件内容应为映射（键: 值）', 'the file must be a mapping (key: value)');
        } else {
          push(
            `\`${field}\` 应为${typeName(issue.expected, 'zh')}，实为${describe(present, 'zh')}`,
            `\`${field}\` must be ${typeName(issue.expected, 'en')}, got ${describe(present, 'en')}`,
          );
        }
        break;
      }
      case 'invalid_value': {
        // Code-list values ("01", "10") lose their order in an enum's object; sort them back.
        const values = issue.values.map(String);
        if (values.every((v) => /^\d+$/.test(v))) values.sort();
        push(
          `\`${field}\` 的值无效：${JSON.stringify(valueAt(data, segments))}，可选值：${values.join('、')}`,
          `invalid value ${JSON.stringify(valueAt(data, segments))} for \`${field}\`; allowed: ${values.join(', ')}`,
        );
        break;
      }
      case 'invalid_format':
        push(
          `\`${field}\` 格式不正确：${JSON.stringify(valueAt(data, segments))}${formatHint(segments, 'zh')}`,
          `malformed \`${field}\`: ${JSON.stringify(valueAt(data, segments))}${formatHint(segments, 'en')}`,
        );
        break;
      case 'too_small':
        if (issue.origin === 'array') push(`\`${field}\` 至少需要 ${issue.minimum} 项`, `\`${field}\` needs at least ${issue.minimum} entries`);
        else if (issue.origin === 'string') push(`\`${field}\` 不能为空`, `\`${field}\` must not be empty`);
        else push(`\`${field}\` 不能小于 ${issue.minimum}`, `\`${field}\` must be at least ${issue.minimum}`);
        break;
      case 'too_big':
        if (issue.origin === 'array') push(`\`${field}\` 最多 ${issue.maximum} 项`, `\`${field}\` allows at most ${issue.maximum} entries`);
        else push(`\`${field}\` 不能大于 ${issue.maximum}`, `\`${field}\` must be at most ${issue.maximum}`);
        break;
      case 'invalid_key':
        push(`\`${field}\` 中有无效的键`, `invalid key in \`${field}\``, 'key');
        break;
      case 'custom':
        if (issue.message.startsWith('exactly-one-of:')) {
          const [a, b] = issue.message.slice('exactly-one-of:'.length).split(',');
          push(`\`${a}\` 和 \`${b}\` 必须且只能写一个`, `write exactly one of \`${a}\` and \`${b}\``);
        } else push(issue.message, issue.message);
        break;
      default:
        push(`\`${field}\` 无效：${issue.message}`, `invalid \`${field}\`: ${issue.message}`);
    }
  }
  return findings;
}

function valueAt(data: unknown, segments: ReadonlyArray<PropertyKey>): unknown {
  let node = data;
  for (const seg of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node;
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['字符串', 'a string'],
  number: ['数字', 'a number'],
  int: ['整数', 'an integer'],
  boolean: ['布尔值（true/false）', 'a boolean (true/false)'],
  object: ['映射（键: 值）', 'a mapping (key: value)'],
  array: ['列表', 'a list'],
  record: ['映射（键: 值）', 'a mapping (key: value)'],
};

function typeName(expected: string, lang: 'zh' | 'en'): string {
  const names = TYPE_NAMES[expected];
  return names ? names[lang === 'zh' ? 0 : 1] : expected;
}

function describe(value: unknown, lang: 'zh' | 'en'): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const name = TYPE_NAMES[kind]?.[lang === 'zh' ? 0 : 1] ?? kind;
  return kind === 'object' || kind === 'array' ? name : `${name} ${JSON.stringify(value)}`;
}

const HINTS: Record<string, [string, string]> = {
  code: ['（应为 12 位数字，并加引号）', ' (expected 12 digits, in quotes)'],
  uscc: ['（应为 18 位统一社会信用代码）', ' (expected an 18-character unified social credit code)'],
  region: ['（应为 6、9 或 12 位数字）', ' (expected 6, 9 or 12 digits)'],
  id: ['（应为小写字母、数字和连字符）', ' (expected lowercase letters, digits and hyphens)'],
};

function formatHint(segments: ReadonlyArray<PropertyKey>, lang: 'zh' | 'en'): string {
  const last = String(segments[segments.length - 1] ?? '');
  const hint = HINTS[last] ?? (/^\d+$/.test(last) ? undefined : HINTS[last]);
  return hint ? hint[lang === 'zh' ? 0 : 1] : '';
}
