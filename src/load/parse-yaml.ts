import jsYaml from 'js-yaml';
import { t, type Text } from '../i18n/lang.js';
import { pointer, type Finding } from '../diagnostics/diagnostic.js';
import { yamlLibrary } from './yaml-library.js';
import { findIndentationSlip } from './indentation-slip.js';
import { readPlainYaml, UNSURE } from './yaml-fast.js';

export interface ParsedYaml {
  /** The parsed data, or undefined when the file could not be parsed. */
  data: unknown;
  findings: Finding[];
}

/** Most nodes a file may expand to, counting every alias use: stops alias bombs. */
export const MAX_NODES = 100_000;
/** Deepest nesting accepted. */
export const MAX_DEPTH = 64;
/**
 * Most characters of text (keys and string values) a file may expand to, counting every alias
 * use in full: four times the largest file accepted, so only aliases can reach it. Without it a
 * 600 KB string used through 1,000 aliases passes the node count and the build then runs out of
 * memory writing 600 MB of JSON.
 */
export const MAX_EXPANDED_CHARS = 4 * 1024 * 1024;

const YAML_MESSAGES: Record<string, Text> = {
  DUPLICATE_KEY: t('重复的键：同一映射中的键必须唯一', 'duplicate key: keys in one mapping must be unique'),
  TAB_AS_INDENT: t('缩进使用了制表符（Tab），YAML 只允许空格缩进', 'tab used for indentation; YAML allows only spaces'),
  BAD_INDENT: t('缩进不正确', 'bad indentation'),
  MISSING_CHAR: t('缺少字符（如引号或括号未闭合）', 'missing character (an unclosed quote or bracket?)'),
  MULTILINE_IMPLICIT_KEY: t('隐式键不能跨行（可能缺少冒号或缩进错误）', 'implicit keys must be on one line (missing colon or bad indentation?)'),
  BLOCK_AS_IMPLICIT_KEY: t('块不能作为隐式键（可能缩进错误）', 'a block cannot be an implicit key (bad indentation?)'),
  UNEXPECTED_TOKEN: t('意外的符号', 'unexpected token'),
  BAD_ALIAS: t('别名引用了不存在的锚点', 'alias to an unknown anchor'),
  ALIAS_PROPS: t('别名不能带标签或锚点', 'an alias cannot have a tag or anchor'),
  BAD_SCALAR_START: t('标量不能以该字符开头，请加引号', 'a plain scalar cannot start with this character; quote it'),
  BAD_DIRECTIVE: t('无效的指令', 'bad directive'),
  MULTIPLE_DOCS: t('一个文件只能有一个 YAML 文档', 'a file may hold one YAML document only'),
  TAG_RESOLVE_FAILED: t('无法解析的标签', 'unresolved tag'),
};

/**
 * The data of a YAML text as js-yaml reads it with the core schema: by the fast reader where it
 * can (load/yaml-fast.ts), else by js-yaml, whose error is thrown. Unlike `parseYaml`, no limit is
 * checked and nothing is located: for a text already checked, or licat's own data files.
 * @example loadYamlData('a: [1, x]\n') // { a: [1, 'x'] }
 */
export function loadYamlData(text: string, file?: string): unknown {
  const data = readPlainYaml(text);
  return data !== UNSURE ? data : jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false, ...(file !== undefined && { filename: file }) });
}

/**
 * Parse one YAML file. Clean files take the fast path (load/yaml-fast.ts, else js-yaml, YAML 1.2
 * core schema); a file that fails is parsed again with `yaml` to report every error at its exact position.
 * Never throws.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  // Most catalog files are plain YAML that a much quicker reader gives exactly as js-yaml
  // would (load/yaml-fast.ts); js-yaml reads the rest, and reports every error.
  // Data it reads within these limits cannot exceed the ones measured below (it reads no alias
  // and no __proto__ key, and each value counts at most twice there), so it is not measured.
  let data = text.length <= MAX_EXPANDED_CHARS ? readPlainYaml(text, { values: MAX_NODES / 2, depth: MAX_DEPTH }) : UNSURE;
  if (data !== UNSURE) return { data, findings: [] };
  try {
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false, filename: file });
  } catch (error) {
    return { data: undefined, findings: explainFailure(text, file, error) };
  }
  const shape = measure(data);
  if (shape === 'proto') return { data: undefined, findings: protoKeys(data, file) };
  if (shape !== undefined) {
    const aliasAt = /^[^\S\n]*[^#\n]*?\*[A-Za-z0-9_-]/m.exec(text);
    const { line, column } = aliasAt ? lineCol(text, aliasAt.index + aliasAt[0].length - 2) : { line: 1, column: 1 };
    return {
      data: undefined,
      findings: [
        {
          rule: 'yaml-syntax',
          file,
          path: '',
          line,
          column,
          message:
            shape === 'nodes'
              ? t(
                  `文件展开后超过 ${MAX_NODES} 个节点（疑似“别名炸弹”），请不要用别名复制大段内容`,
                  `the file expands to more than ${MAX_NODES} nodes (an alias bomb?); do not copy large parts with aliases`,
                )
              : shape === 'text'
                ? t(
                    `文件经别名展开后文本超过 ${MAX_EXPANDED_CHARS} 个字符（疑似“别名炸弹”），请不要用别名复制大段文字`,
                    `the file expands to more than ${MAX_EXPANDED_CHARS} characters of text through aliases (an alias bomb?); do not copy large texts with aliases`,
                  )
                : t(`嵌套超过 ${MAX_DEPTH} 层`, `nesting deeper than ${MAX_DEPTH} levels`),
        },
      ],
    };
  }
  return { data, findings: [] };
}

function explainFailure(text: string, file: string, error: unknown): Finding[] {
  const findings: Finding[] = [];
  try {
    const { LineCounter, parseDocument } = yamlLibrary();
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
    for (const err of doc.errors) {
      // The library ran out of stack: where it stopped depends on the stack left (another thread
      // or a run of other code stops elsewhere), so the report below says where instead.
      if (err.code === 'RESOURCE_EXHAUSTION') continue;
      const [start] = err.linePos ?? [counter.linePos(err.pos[0])];
      const known = YAML_MESSAGES[err.code];
      const detail = err.message.split('\n')[0] ?? '';
      findings.push({
        rule: err.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax',
        file,
        path: '',
        line: start?.line ?? 1,
        column: start?.col ?? 1,
        message: known ?? t(`YAML 语法错误：${detail}`, `YAML syntax error: ${detail}`),
      });
    }
  } catch {
    // Fall through to the fast parser's own report below.
  }
  if (findings.length > 0) return withIndentationSlip(text, file, findings);
  const mark = (error as { mark?: { line: number; column: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
  const deep = error instanceof RangeError || /maxDepth/.test(reason);
  return [
    {
      rule: /duplicat/i.test(reason) ? 'yaml-duplicate-key' : 'yaml-syntax',
      file,
      path: '',
      line: (mark?.line ?? 0) + 1,
      column: (mark?.column ?? 0) + 1,
      message: deep ? deepMessage() : t(`YAML 语法错误：${reason}`, `YAML syntax error: ${reason}`),
    },
  ];
}

/**
 * Where a line's indentation slipped, the parser's errors point at where the structure broke,
 * often the line before or after and in other words; the slip is the one root cause. Its
 * finding replaces the errors from the line before it on (those before it stay).
 */
function withIndentationSlip(text: string, file: string, findings: Finding[]): Finding[] {
  if (findings.some((f) => f.rule === 'yaml-duplicate-key' || f.message.en.startsWith('tab used'))) return findings;
  const last = Math.max(...findings.map((f) => f.line ?? 1));
  const slip = findIndentationSlip(text, last + 1);
  if (!slip) return findings;
  const nearest = slip.expected.reduce((a, b) => (Math.abs(b - slip.indent) < Math.abs(a - slip.indent) ? b : a));
  const others = slip.expected.filter((e) => e !== nearest);
  const kept = findings.filter((f) => (f.line ?? 1) < slip.line - 1);
  kept.push({
    rule: 'yaml-syntax',
    file,
    path: '',
    line: slip.line,
    column: slip.indent + 1,
    message: t(
      `缩进不正确：本行缩进 ${slip.indent} 个空格，与上下文的层级不符；同一层的键应对齐，这里应为 ${nearest} 个空格${others.length ? `（或外层的 ${others.join('、')} 个）` : ''}`,
      `bad indentation: this line is indented by ${slip.indent} spaces, which matches no block around it; keys of one mapping line up, so ${nearest} spaces here${others.length ? ` (or ${others.join(', ')} for an outer block)` : ''}`,
    ),
  });
  return kept;
}

function deepMessage(): Text {
  return t(`嵌套过深，无法解析（上限 ${MAX_DEPTH} 层）`, `nesting too deep to parse (limit ${MAX_DEPTH} levels)`);
}

/**
 * Count nodes and characters of text (each alias use counts in full), and depth; report the first
 * limit exceeded, or a `__proto__` key. The walk is depth first from the last child, so where two
 * limits are exceeded the one met first is always the same.
 */
function measure(root: unknown): 'nodes' | 'depth' | 'text' | 'proto' | undefined {
  let nodes = 0;
  let chars = typeof root === 'string' ? root.length : 0;
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (++nodes > MAX_NODES) return 'nodes';
    if (depth > MAX_DEPTH) return 'depth';
    if (value !== null && typeof value === 'object') {
      if (Array.isArray(value)) {
        for (const child of value) {
          if (typeof child === 'string') chars += child.length;
          else if (child !== null && typeof child === 'object') {
            values.push(child);
            depths.push(depth + 1);
          }
        }
        nodes += value.length;
      } else {
        const keys = Object.keys(value);
        for (const key of keys) {
          chars += key.length;
          const child = (value as Record<string, unknown>)[key];
          if (typeof child === 'string') chars += child.length;
          else if (child !== null && typeof child === 'object') {
            values.push(child);
            depths.push(depth + 1);
          }
        }
        nodes += keys.length;
        if (Object.hasOwn(value, '__proto__')) return 'proto';
      }
      if (chars > MAX_EXPANDED_CHARS) return 'text';
    }
  }
  return chars > MAX_EXPANDED_CHARS ? 'text' : undefined;
}

/**
 * Every `__proto__` key, located. JavaScript gives that name to an object's prototype: schema
 * checks drop such a key without a word, and a program reading licat's JSON output could let it
 * rewrite its objects' prototype. So it is refused as a key, where other names (`constructor`,
 * `prototype`, `hasOwnProperty`) are ordinary keys.
 */
function protoKeys(root: unknown, file: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, at: Array<string | number>) => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) value.forEach((child, i) => walk(child, [...at, i]));
    else {
      for (const key of Object.keys(value)) {
        if (key === '__proto__') {
          findings.push({
            rule: 'schema',
            file,
            path: pointer([...at, key]),
            at: 'key',
            message: t(
              '不能用 __proto__ 作键名：JavaScript 把它当作对象的原型，读取输出的程序会出错',
              "the key __proto__ is not allowed: JavaScript takes it for the object's prototype, which would mislead programs reading the output",
            ),
          });
        }
        walk((value as Record<string, unknown>)[key], [...at, key]);
      }
    }
  };
  walk(root, []);
  return findings;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}
