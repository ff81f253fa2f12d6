import { serveParseWork } from './parse-worker-loop.js';

/** Entry of a parse worker thread without an item hook (see `ParsePool`). */
serveParseWork();
