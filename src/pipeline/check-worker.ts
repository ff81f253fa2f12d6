import { serveParseWork } from '../load/parse-worker-loop.js';
import { checkItems } from '../validate/item-rules.js';

/**
 * Entry of a parse worker thread of `licat validate` and `licat build`: checks files as every
 * parse worker does, and runs the item-scope rules on each chunk's items where they are parsed
 * (see `ITEM_HOOK` in ./check-catalog.ts).
 */
serveParseWork(checkItems);
