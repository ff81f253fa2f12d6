import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import type { Reporter } from './reporter.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

/** Every output format of `licat validate`, by name. Adding a format means adding it here. */
export const REPORTERS: Readonly<Record<string, Reporter>> = { stylish, json, sarif, junit, github };
