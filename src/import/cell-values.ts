import type { Duration } from '../schema/common.js';

/**
 * How the text people type into a spreadsheet cell reads as catalog values: full-width digits and
 * letters, 是/否, numbered multi-line lists, time limits written as "20个工作日" or "即办".
 * Each parser returns the value, or undefined when the text cannot be read as one.
 */

/**
 * Full-width ASCII (Ａ-ｚ, ０-９, punctuation) as half-width, the ideographic space as a space,
 * and the text trimmed. Chinese punctuation that has no ASCII twin (、《》) is kept.
 * @example normalizeText(' ２０个工作日\u3000') === '20个工作日'
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\r\n?/g, '\n')
    .trim();
}

/** Numbering at the start of a list line: 1. 1、 1) (1) （一） 一、 ① and bullets. */
const NUMBERING = /^\s*(?:(?:\(|（)\s*(?:\d+|[一二三四五六七八九十百]+)\s*(?:\)|）)|(?:\d+|[一二三四五六七八九十百]+)\s*(?:[.．、)）]|\s)|[①-⑳]|[•·\-*]\s)\s*/u;

/**
 * The entries of a multi-line cell: one per line, numbering stripped, empty lines dropped.
 * @example listLines('1. 甲\n（二）乙\n') // ['甲', '乙']
 */
export function listLines(text: string): string[] {
  return normalizeText(text)
    .split('\n')
    .map((line) => line.replace(NUMBERING, '').trim())
    .filter((line) => line !== '');
}

/** Entries separated by 、 ， , ； ; / or line breaks: `省、市` → ['省', '市']. */
export function listWords(text: string): string[] {
  return normalizeText(text)
    .split(/[、，,；;/\n]+/)
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * A whole number in Arabic or Chinese numerals (up to 九千九百九十九).
 * @example wholeNumber('二十') === 20
 */
export function wholeNumber(text: string): number | undefined {
  const s = normalizeText(text);
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '' || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CHINESE_DIGITS) digit = CHINESE_DIGITS[ch]!;
    else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      total += (digit === 0 && ch === '十' ? 1 : digit) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/**
 * A time limit: `20个工作日`, `20 个工作日`, `二十个工作日`, `30日`/`30天`/`30个自然日` (calendar
 * days), `即办`/`当场办结`/`0` (instant).
 * @example parseDuration('20个工作日') // { value: 20, unit: 'working-day' }
 */
export function parseDuration(text: string): Duration | undefined {
  const s = normalizeText(text).replace(/\s+/g, '');
  if (/^(即办|即办件|即时办结|当场办结|当即办结|立即办结|0|0个工作日)$/.test(s)) return { value: 0, unit: 'instant' };
  const m = /^(\d+|[零〇一二两三四五六七八九十百千]+)个?(工作日|自然日|日|天)$/.exec(s);
  if (!m) return undefined;
  const value = wholeNumber(m[1]!);
  if (value === undefined) return undefined;
  return { value, unit: m[2] === '工作日' ? 'working-day' : 'calendar-day' };
}

const YES = new Set(['是', '有', '支持', '可以', '可', 'Y', 'YES', 'TRUE', '√', '✓', '1']);
const NO = new Set(['否', '无', '不支持', '不可以', '不可', 'N', 'NO', 'FALSE', '×', '✗', '0']);

/** 是/否 and their usual spellings as a boolean. */
export function parseYesNo(text: string): boolean | undefined {
  const s = normalizeText(text).toUpperCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return undefined;
}

/**
 * A count such as `1`, `１次`, `0 次（零跑动）`, `一次`.
 * @example parseCount('0 次（零跑动）') === 0
 */
export function parseCount(text: string): number | undefined {
  const s = normalizeText(text)
    .replace(/[（(].*[)）]$/u, '')
    .replace(/\s+/g, '')
    .replace(/次$/, '');
  return wholeNumber(s);
}

/** Look a name up in a table of names → codes, ignoring spaces and a trailing 级. */
export function lookup<T>(table: ReadonlyMap<string, T>, text: string): T | undefined {
  const s = normalizeText(text).replace(/\s+/g, '');
  return table.get(s) ?? table.get(s.replace(/级$/, ''));
}

/**
 * A legal basis line `《法》第三十五条` split into its title and article: the article starts at the
 * first `第…条` after the last closing 》 (a note such as （2021年修正） stays with the title).
 * @example splitLegalBasis('《水法》第四十八条') // { title: '《水法》', article: '第四十八条' }
 */
export function splitLegalBasis(line: string): { title: string; article: string } | undefined {
  const s = normalizeText(line);
  const close = s.lastIndexOf('》');
  const ARTICLE = /(?:附件)?第\s*[零〇一二两三四五六七八九十百千\d]+\s*[条款项章节]/gu;
  ARTICLE.lastIndex = close + 1;
  const m = ARTICLE.exec(s);
  if (!m || m.index === 0) return undefined;
  const title = s.slice(0, m.index).trim();
  const article = s.slice(m.index).trim();
  return title === '' ? undefined : { title, article };
}
