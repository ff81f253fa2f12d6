import type { Emitter } from './emitter.js';
import { excelEmitter } from './excel/excel-emitter.js';
import { flowchartsEmitter } from './flowcharts/flowcharts-emitter.js';
import { guidesEmitter } from './guides/guides-emitter.js';
import { feedsEmitter } from './feeds/feeds-emitter.js';

/**
 * Every artifact kind of `licat build`, in build order. Adding one means adding it here;
 * `--only` selects by id. Heavy libraries load inside `emit`, not at import.
 */
export const EMITTERS: Emitter[] = [feedsEmitter, excelEmitter, flowchartsEmitter, guidesEmitter];
