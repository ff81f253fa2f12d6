import { t, type Text } from '../i18n/lang.js';

/** Characters that look like something else or like nothing, each with its name in both languages. */
const LOOKALIKES: Array<{ test: RegExp; zh: string; en: string }> = [
  { test: /[\uFF10-\uFF19]/u, zh: '全角数字（如“１”，应为半角“1”）', en: 'full-width digits (such as “１” for “1”)' },
  { test: /\u3000/u, zh: '全角空格（U+3000）', en: 'a full-width space (U+3000)' },
  { test: /\u00A0/u, zh: '不换行空格（U+00A0）', en: 'a no-break space (U+00A0)' },
  { test: /\u200B/u, zh: '零宽空格（U+200B，不可见）', en: 'a zero-width space (U+200B, invisible)' },
  { test: /\u200C|\u200D|\u2060/u, zh: '零宽字符（不可见）', en: 'a zero-width character (invisible)' },
  { test: /\uFEFF/u, zh: '字节顺序标记（U+FEFF，不可见）', en: 'a byte order mark (U+FEFF, invisible)' },
  { test: /[\uFF01-\uFF0F\uFF1A-\uFF20\uFF21-\uFF3A\uFF41-\uFF5A]/u, zh: '全角字母或符号', en: 'full-width letters or signs' },
];

/**
 * Why a value that looks right is refused: full-width digits, full-width or no-break spaces,
 * invisible characters. Undefined for a value without any.
 * @example characterHint('１0')?.en // '; it holds full-width digits (such as “１” for “1”): retype it with half-width characters'
 */
export function characterHint(value: unknown): Text | undefined {
  if (typeof value !== 'string') return undefined;
  const found = LOOKALIKES.filter((l) => l.test.test(value));
  if (found.length === 0) return undefined;
  return t(
    `；其中含有${found.map((f) => f.zh).join('、')}，请改用半角字符重新输入`,
    `; it holds ${found.map((f) => f.en).join(', ')}: retype it with half-width characters`,
  );
}

/** The value with the look-alike characters replaced by what they look like (full-width digit → digit, odd spaces → space, invisible → nothing). */
export function plainCharacters(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0]/gu, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '');
}
