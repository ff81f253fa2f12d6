import type { Lang } from '../../i18n/lang.js';
import type { DiffResult } from '../diff-result.js';

export interface DiffFormatContext {
  lang: Lang;
}

/** An output format of `licat diff`: the result as text. Listed in diff/formats.ts. */
export type DiffFormatter = (result: DiffResult, context: DiffFormatContext) => string;
