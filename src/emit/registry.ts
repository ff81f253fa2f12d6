import type { Emitter } from './emitter.js';
import { EMITTER_IDS, type EmitterId } from './emitter-ids.js';
import { excelEmitter } from './excel/excel-emitter.js';
import { flowchartsEmitter } from './flowcharts/flowcharts-emitter.js';
import { guidesEmitter } from './guides/guides-emitter.js';
import { feedsEmitter } from './feeds/feeds-emitter.js';
import { databaseEmitter } from './database/database-emitter.js';
import { siteEmitter } from './site/site-emitter.js';

/**
 * Every artifact kind of `licat build`, by id. Adding one means adding its id to
 * ./emitter-ids.ts and its emitter here (the type requires both); `--only` selects by id. Heavy
 * libraries load inside `emit`, not at import.
 */
export const EMITTERS_BY_ID: { readonly [id in EmitterId]: Emitter } = {
  feeds: feedsEmitter,
  database: databaseEmitter,
  excel: excelEmitter,
  flowcharts: flowchartsEmitter,
  guides: guidesEmitter,
  site: siteEmitter,
};

/** The emitters in build order (the order of ./emitter-ids.ts). */
export const EMITTERS: readonly Emitter[] = EMITTER_IDS.map((id) => EMITTERS_BY_ID[id]);
