import type { Emitter } from './emitter.js';

/**
 * Every artifact kind of `licat build`, in build order. Adding one means adding it here;
 * `--only` selects by id. Heavy libraries load inside `emit`, not at import.
 */
export const EMITTERS: Emitter[] = [];
