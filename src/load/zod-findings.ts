import type { z } from 'zod';
import { t } from '../i18n/lang.js';
import { pointer, type Finding } from '../diagnostics/diagnostic.js';
import { didYouMean, suggestion } from '../diagnostics/did-you-mean.js';
import { characterHint, plainCharacters } from '../diagnostics/character-hints.js';

/**
 * Turn zod issues into short, located findings: a missing key is reported at its parent, an
 * unknown key at that key, a wrong value at the value.
 */
export function zodFindings(error: Pick<z.ZodError, 'issues'>, data: unknown, file: string, schema?: z.ZodType): Finding[] {
  const findings: Finding[] = [];
  // A mistyped key is one problem: "unknown key `nmae`; did you mean `name`?", not that plus
  // "missing required key `name`".
  const meant = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys' || !schema) continue;
    const segments = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const missing = missingKeysAt(error, segments, data);
    for (const key of issue.keys) {
      const near =
        didYouMean(plainCharacters(key), missing, 1)[0] ??
        (plainCharacters(key) !== key && missing.includes(plainCharacters(key)) ? plainCharacters(key) : undefined);
      if (near !== undefined) meant.add(pointer([...segments, near]));
    }
  }
  for (const issue of error.issues) {
    const segments = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const path = pointer(segments);
    const field = segments.length > 0 ? String(segments[segments.length - 1]) : '';
    const push = (zh: string, en: string, at: 'key' | 'value' = 'value', where = path) =>
      findings.push({ rule: 'schema', file, path: where, at, message: t(zh, en) });
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = schema ? keysAt(schema, segments) : [];
        for (const key of issue.keys) {
          const plainKey = plainCharacters(key);
          const hint = suggestion(known.includes(plainKey) ? [plainKey] : didYouMean(plainKey, known));
          const chars = characterHint(key);
          push(`未知字段 \`${key}\`${hint.zh}${chars?.zh ?? ''}`, `unknown key \`${key}\`${hint.en}${chars?.en ?? ''}`, 'key', pointer([...segments, key]));
        }
        break;
      }
      case 'invalid_type': {
        const present = valueAt(data, segments);
        if (present === undefined && segments.length > 0) {
          if (meant.has(path)) break;
          push(`缺少必填字段 \`${field}\``, `missing required key \`${field}\``);
        } else if (segments.length === 0) {
          push('文件内容应为映射（键: 值）', 'the file must be a mapping (key: value)');
        } else {
          const chars = characterHint(present);
          push(
            `\`${field}\` 应为${typeName(issue.expected, 'zh')}，实为${describe(present, 'zh')}${chars?.zh ?? ''}`,
            `\`${field}\` must be ${typeName(issue.expected, 'en')}, got ${describe(present, 'en')}${chars?.en ?? ''}`,
          );
        }
        break;
      }
      case 'invalid_value': {
        // Code-list values ("01", "10") lose their order in an enum's object; sort them back.
        const values = issue.values.map(String);
        if (values.every((v) => /^\d+$/.test(v))) values.sort();
        const value = valueAt(data, segments);
        if (value === undefined) {
          if (meant.has(path)) break;
          push(`缺少必填字段 \`${field}\`，可选值：${values.join('、')}`, `missing required key \`${field}\`; allowed: ${values.join(', ')}`, 'value');
          break;
        }
        const plain = typeof value === 'string' ? plainCharacters(value) : undefined;
        const hint = suggestion(plain === undefined ? [] : values.includes(plain) ? [plain] : didYouMean(plain, values));
        const chars = characterHint(value);
        push(
          `\`${field}\` 的值无效：${JSON.stringify(value)}${hint.zh || `，可选值：${values.join('、')}`}${chars?.zh ?? ''}`,
          `invalid value ${JSON.stringify(value)} for \`${field}\`${hint.en || `; allowed: ${values.join(', ')}`}${chars?.en ?? ''}`,
        );
        break;
      }
      case 'invalid_format': {
        const value = valueAt(data, segments);
        const chars = characterHint(value);
        push(
          `\`${field}\` 格式不正确：${JSON.stringify(value)}${formatHint(segments, 'zh')}${chars?.zh ?? ''}`,
          `malformed \`${field}\`: ${JSON.stringify(value)}${formatHint(segments, 'en')}${chars?.en ?? ''}`,
        );
        break;
      }
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

/** The keys zod reports missing in the object at `segments`. */
function missingKeysAt(error: Pick<z.ZodError, 'issues'>, segments: ReadonlyArray<PropertyKey>, data: unknown): string[] {
  const out: string[] = [];
  for (const issue of error.issues) {
    if (issue.path.length !== segments.length + 1 || !segments.every((s, i) => issue.path[i] === s)) continue;
    if (issue.code !== 'invalid_type' && issue.code !== 'invalid_value') continue;
    if (valueAt(data, issue.path) !== undefined) continue;
    out.push(String(issue.path[segments.length]));
  }
  return out;
}

interface SchemaDef {
  type?: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}

/** The keys the schema knows for the object at `segments` (through lists, records, optionals and pipes). */
export function keysAt(schema: z.ZodType, segments: ReadonlyArray<PropertyKey>): string[] {
  const found = new Set<string>();
  const visit = (node: z.ZodType | undefined, i: number, depth: number): void => {
    if (!node || depth > 64) return;
    const def = (node as unknown as { _zod: { def: SchemaDef } })._zod.def;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return visit(def.innerType, i, depth + 1);
      case 'pipe':
        return visit(def.in, i, depth + 1);
      case 'lazy':
        return visit((node as unknown as { _zod: { innerType: z.ZodType } })._zod.innerType, i, depth + 1);
      case 'union':
        for (const option of def.options ?? []) visit(option, i, depth + 1);
        return;
      case 'object':
        if (i === segments.length) for (const key of Object.keys(def.shape ?? {})) found.add(key);
        else visit(def.shape?.[String(segments[i])], i + 1, depth + 1);
        return;
      case 'array':
        if (i < segments.length) visit(def.element, i + 1, depth + 1);
        return;
      case 'record':
        if (i < segments.length) visit(def.valueType, i + 1, depth + 1);
        return;
      default:
        return;
    }
  };
  visit(schema, 0, 0);
  return [...found];
}
