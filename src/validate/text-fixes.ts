import type { Document, Node, Scalar } from 'yaml';
import { t, type Text } from '../i18n/lang.js';
import { pointer } from '../diagnostics/diagnostic.js';
import { yamlLibrary } from '../load/yaml-library.js';
import { loadYamlData } from '../load/parse-yaml.js';
import { shapeFor, type Leaf, type Shape, type YamlKind } from '../schema/shape.js';

/** One safe, meaning-preserving edit of a catalog file, found by a fixable rule. */
export interface TextFix {
  rule: FixRuleId;
  /** JSON pointer of the value fixed ('' for a line of the file). */
  path: string;
  /** 1-based position of what is replaced. */
  line: number;
  column: number;
  /** What the source reads, and what it reads after the fix. */
  before: string;
  after: string;
  message: Text;
}

export type FixRuleId = 'fullwidth-digits' | 'invisible-character' | 'trailing-space' | 'time-unit-spelling' | 'fees-wording';

/** Characters that show as nothing (zero-width, byte-order mark, word joiner). */
const INVISIBLE = /[\u200B\u200C\u2060\uFEFF]|\u200D/g;
/** Spaces that look like an ordinary space but are not. */
const ODD_SPACE = /[\u00A0\u202F]/g;
const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;
/** Time-unit spellings editors write, and the unit each means. */
const UNIT_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['工作日', 'working-day'],
  ['个工作日', 'working-day'],
  ['working day', 'working-day'],
  ['working days', 'working-day'],
  ['working-days', 'working-day'],
  ['workday', 'working-day'],
  ['workdays', 'working-day'],
  ['自然日', 'calendar-day'],
  ['个自然日', 'calendar-day'],
  ['日历日', 'calendar-day'],
  ['calendar day', 'calendar-day'],
  ['calendar days', 'calendar-day'],
  ['calendar-days', 'calendar-day'],
  ['即办', 'instant'],
  ['当场办结', 'instant'],
]);
/**
 * A time limit written as text where the schema wants `{ value, unit }`: a whole number and a
 * unit spelled as editors write them ("20个工作日", "20 working days"), or 即办 alone. Only the
 * unambiguous spellings: "20天" could be either kind of day, so it is left for the editor.
 */
const DURATION_TEXT =
  /^(?:([0-9]{1,4})[ \t]*(个工作日|工作日|个自然日|自然日|日历日|working[ _-]?days?|workdays?|calendar[ _-]?days?)|(即办|当场办结|instant))$/i;

/** The `{ value, unit }` a duration written as text means, or undefined. */
function durationOf(text: string): { value: number; unit: string } | undefined {
  const m = DURATION_TEXT.exec(text.trim());
  if (!m) return undefined;
  if (m[3] !== undefined) return { value: 0, unit: 'instant' };
  const unit = UNIT_SPELLINGS.get(m[2]!.toLowerCase().replace(/[_-]/, ' ')) ?? UNIT_SPELLINGS.get(m[2]!.toLowerCase());
  return unit === undefined ? undefined : { value: Number(m[1]), unit };
}

/** Whether a shape is that of a time limit: a value and a time unit. */
function isDuration(shape: Shape | undefined): boolean {
  return shape?.field?.get('unit')?.leaf === 'time-unit' && shape.field.get('value')?.leaf === 'number';
}

/** How an editor writes "no fee" where the schema wants an empty list. */
const NO_FEE = new Set(['无', '不收费', '免费', '无收费', '否', '']);

/**
 * A quick test over a file's text: false means no fixable rule can find anything in it, so a
 * clean file is never parsed a second time.
 */
export function mayNeedFixes(text: string): boolean {
  if (ODD_OR_TRAILING.test(text)) return true;
  if (UNIT_WORD.test(text) && (UNIT_SPELLED.test(text) || DURATION_SPELLED.test(text))) return true;
  return feesMayNeedFix(text);
}

function feesMayNeedFix(text: string): boolean {
  for (let at = text.indexOf('fees:'); at >= 0; at = text.indexOf('fees:', at + 5)) {
    if (at === 0 || text[at - 1] === '\n') return NO_FEE_LINE.test(text.slice(at, at + 200));
  }
  return false;
}

/**
 * A closer look at a file the quick test passed on for its time units alone (a `unit:` spelled
 * otherwise may sit where the schema holds no time unit): its data, as the fast parser reads
 * it, walked over the schema's shape. False only when no fix can be found in it, so such a file
 * is not parsed a second time with positions. Conservative: any doubt (a file the fast parser
 * refuses, a value a fix could touch anywhere) answers true.
 */
function valuesMayNeedFixes(text: string, kind: YamlKind): boolean {
  if (ODD_OR_TRAILING.test(text) || feesMayNeedFix(text)) return true;
  let data: unknown;
  try {
    data = loadYamlData(text);
  } catch {
    return true;
  }
  if (kind === 'item' && typeof data === 'object' && data !== null && !Array.isArray(data) && 'fees' in data) {
    const fees = (data as { fees?: unknown }).fees;
    if (fees === null || (typeof fees === 'string' && NO_FEE.has(fees.trim()))) return true;
  }
  const fixable = (value: string, leaf: Leaf | undefined): boolean => {
    if (leaf === 'time-unit' && UNIT_SPELLINGS.has(value.trim().toLowerCase())) return true;
    const trimmed = value.replace(/^[ \t]+|[ \t]+$/g, '');
    if (trimmed !== value && trimmed !== '') return true;
    const half = value.replace(/[\u3000\s]+/g, '');
    return half !== value && /^\d+$/.test(half);
  };
  const walk = (value: unknown, shape: Shape | undefined): boolean => {
    if (typeof value === 'string') return fixable(value, shape?.leaf) || (isDuration(shape) && durationOf(value) !== undefined);
    if (Array.isArray(value)) return value.some((v) => walk(v, shape?.element));
    if (value === null || typeof value !== 'object') return false;
    for (const [key, child] of Object.entries(value)) {
      if (fixable(key, shape?.keys ? undefined : shape?.recordKey)) return true;
      if (walk(child, shape?.field?.get(key) ?? (shape?.keys ? undefined : shape?.values))) return true;
    }
    return false;
  };
  return walk(data, shapeFor(kind));
}

// Simple scans first: each runs over a 4 MB catalog in a few milliseconds.
/** An invisible character, an odd space or a full-width digit; or a space or tab ending a line: one pass over the text. */
const ODD_OR_TRAILING = /[\u200B\u200C\u2060\uFEFF\u00A0\u202F\uFF10-\uFF19]|\u200D|[ \t](?:\r?\n|$)/;
const UNIT_WORD = /工作日|自然日|日历日|即办|当场办结|working[ _]days?|working-days|workdays?|calendar[ _]days?|calendar-days/i;
/** A time unit spelled otherwise after `unit:` (working-day itself does not match). */
const UNIT_SPELLED = new RegExp(
  `unit:[ \\t]*["']?(?!working-day|calendar-day)(?:${[...UNIT_SPELLINGS.keys()].map((k) => k.replace(/ /g, '[ _-]')).join('|')})[ \\t]*["']?[ \\t]*(?:[,}#]|\\r?$)`,
  'im',
);
/** A key whose value is a time limit written as text (`statutory: 20个工作日`). */
const DURATION_SPELLED =
  /:[ \t]*["']?(?:[0-9]{1,4}[ \t]*(?:个?工作日|个?自然日|日历日|working[ _-]?days?|workdays?|calendar[ _-]?days?)|即办|当场办结)["']?[ \t]*(?:#|\r?$)/im;
/** `fees:` with a word, or with nothing and no list below it. */
const NO_FEE_LINE = /^fees:[ \t]*(?:[^\s[#]|#.*|)\r?(?:\n(?![ \t]*-|[ \t]+\S)|(?![\s\S]))/;

/**
 * Find the safe fixes of one YAML file and the text with all of them applied. Each fix replaces
 * the exact source range of one scalar (or the end of one line), so every other byte, comment
 * and layout choice stays as it was. A file that does not parse gets no fixes (its syntax error
 * is reported elsewhere).
 * @example findTextFixes('code: "４４０１０１００１０００"\n', 'item').fixes[0].after // "440101001000"
 */
export function findTextFixes(text: string, kind: YamlKind): { fixes: TextFix[]; text: string } {
  if (!mayNeedFixes(text) || !valuesMayNeedFixes(text, kind)) return { fixes: [], text };
  const YAML = yamlLibrary();
  const doc = YAML.parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { fixes: [], text };
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const edits: Array<{ start: number; end: number; replacement: string; fix: TextFix }> = [];
  const blockRanges: Array<[number, number]> = [];

  const add = (rule: FixRuleId, segments: Array<string | number>, start: number, end: number, replacement: string, message: Text) => {
    edits.push({
      start,
      end,
      replacement,
      fix: { rule, path: pointer(segments), ...position(start), before: text.slice(start, end), after: replacement, message },
    });
  };

  const scalar = (node: Scalar, segments: Array<string | number>, leaf: Leaf | undefined) => {
    if (!node.range || typeof node.value !== 'string') return;
    const [start, end] = node.range;
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      blockRanges.push([start, end]);
      return;
    }
    const value = node.value;
    if (leaf === 'digits' || leaf === 'number') {
      const half = value
        .replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
        .replace(/[\u3000\s]+/g, '')
        .replace(INVISIBLE, '');
      if (half !== value && /^\d+$/.test(half)) {
        const replacement = leaf === 'number' ? String(Number(half)) : `"${half}"`;
        add(
          'fullwidth-digits',
          segments,
          start,
          end,
          replacement,
          t(`应为半角数字：“${value}”改为 ${replacement}`, `half-width digits expected: "${value}" becomes ${replacement}`),
        );
        return;
      }
    }
    if (leaf === 'time-unit') {
      const unit = UNIT_SPELLINGS.get(value.trim().toLowerCase());
      if (unit) {
        add('time-unit-spelling', segments, start, end, unit, t(`时限单位应写作 ${unit}：“${value}”`, `the time unit is written ${unit}: "${value}"`));
        return;
      }
    }
    const cleaned = value.replace(INVISIBLE, '').replace(ODD_SPACE, ' ');
    if (cleaned !== value) {
      add(
        'invisible-character',
        segments,
        start,
        end,
        quote(cleaned, node),
        t('文本中有不可见字符或不换行空格，已删除或换成普通空格', 'invisible characters or no-break spaces in the text: removed, or made ordinary spaces'),
      );
      return;
    }
    const trimmed = value.replace(/^[ \t]+|[ \t]+$/g, '');
    if (trimmed !== value && trimmed !== '' && node.type !== 'PLAIN') {
      add('trailing-space', segments, start, end, quote(trimmed, node), t('文本首尾有空格', 'spaces at the start or end of the text'));
    }
  };

  const walk = (node: unknown, segments: Array<string | number>, shape: Shape | undefined) => {
    if (YAML.isScalar(node)) return scalar(node, segments, shape?.leaf);
    if (YAML.isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const keyText = YAML.isScalar(key) ? String(key.value) : String(key);
        const keyLeaf = shape?.keys ? undefined : shape?.recordKey;
        if (YAML.isScalar(key)) scalar(key, [...segments, keyText], keyLeaf);
        const child = shape?.field?.get(keyText) ?? (shape?.keys ? undefined : shape?.values);
        if (kind === 'item' && segments.length === 0 && keyText === 'fees' && noFee(pair.value)) {
          const value = pair.value as Scalar | null;
          const range = value?.range;
          if (range) {
            const written = typeof value?.value === 'string' ? value.value.trim() : '';
            const blank = range[0] === range[1];
            const message =
              written === ''
                ? t('不收费写作 fees: []，不留空', 'no fee is written fees: [], not left blank')
                : t(`不收费写作 fees: []，不写“${written}”`, `no fee is written fees: [], not "${written}"`);
            add('fees-wording', ['fees'], range[0], range[1], blank && text[range[0] - 1] === ':' ? ' []' : '[]', message);
          }
          continue;
        }
        if (isDuration(child) && YAML.isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.range) {
          const written = pair.value.value;
          const duration = durationOf(written);
          if (duration) {
            const replacement = `{ value: ${duration.value}, unit: ${duration.unit} }`;
            add(
              'time-unit-spelling',
              [...segments, keyText],
              pair.value.range[0],
              pair.value.range[1],
              replacement,
              t(`时限应写作 ${replacement}：“${written}”`, `a time limit is written ${replacement}: "${written}"`),
            );
            continue;
          }
        }
        walk(pair.value, [...segments, keyText], child);
      }
    } else if (YAML.isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...segments, i], shape?.element));
    }
  };
  walk((doc as Document).contents, [], shapeFor(kind));

  // Spaces at the ends of lines with content (a line of spaces alone is a blank line), outside
  // block scalars (where they would be content) and outside the scalars already being replaced.
  const covered = (offset: number) => blockRanges.some(([s, e]) => offset >= s && offset < e) || edits.some((e) => offset >= e.start && offset < e.end);
  for (const match of text.matchAll(/(?<=\S)[ \t]+(?=\r?\n|$)/g)) {
    const start = match.index;
    if (covered(start)) continue;
    add('trailing-space', [], start, start + match[0].length, '', t('行尾有空格', 'spaces at the end of the line'));
  }

  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  const fixes: TextFix[] = [];
  for (const edit of edits) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
    fixes.push(edit.fix);
  }
  out += text.slice(at);
  return { fixes, text: out };
}

function noFee(node: unknown): boolean {
  const YAML = yamlLibrary();
  if (node === null || node === undefined) return false;
  if (!YAML.isScalar(node) || !node.range) return false;
  const value = node.value;
  return value === null || (typeof value === 'string' && NO_FEE.has(value.trim()));
}

/** The source of a string in the quoting style it had (plain stays plain where it can). */
function quote(value: string, node: Scalar): string {
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (node.type === 'QUOTE_DOUBLE' || !plainSafe(value)) return JSON.stringify(value);
  return value;
}

function plainSafe(value: string): boolean {
  if (value === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) || /\s$/.test(value) || /: |\s#/.test(value)) return false;
  const YAML = yamlLibrary();
  return YAML.parse(value) === value;
}
