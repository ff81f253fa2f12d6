/** The two languages of user-facing text. Chinese is the default. */
export type Lang = 'zh' | 'en';

/** A user-facing text in both languages. */
export interface Text {
  zh: string;
  en: string;
}

/** Build a bilingual text: `t('缺少字段', 'missing key')`. */
export function t(zh: string, en: string): Text {
  return { zh, en };
}

/** Pick the language from an explicit option, then `LICAT_LANG`, else Chinese. */
export function resolveLang(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const value = (option ?? env.LICAT_LANG ?? '').toLowerCase();
  return value.startsWith('en') ? 'en' : 'zh';
}
