import type { Lang } from '../../i18n/lang.js';
import type { DiffResult } from '../diff-result.js';

/** The output formats of `licat diff`, by `--format` name: the one closed list (the formatters are in diff/formats.ts). */
export const DIFF_FORMAT_NAMES = ['table', 'markdown', 'json'] as const;

export type DiffFormatName = (typeof DIFF_FORMAT_NAMES)[number];

/** Whether `name` is a known format (it comes from the command line). */
export function isDiffFormatName(name: string): name is DiffFormatName {
  return (DIFF_FORMAT_NAMES as readonly string[]).includes(name);
}

export interface DiffFormatContext {
  lang: Lang;
}

/** An output format of `licat diff`: the result as text. Listed in diff/formats.ts. */
export type DiffFormatter = (result: DiffResult, context: DiffFormatContext) => string;
