import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import type { Reporter } from './reporter.js';
import type { ReporterName } from './reporter-names.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

/**
 * Every output format of `licat validate`, by name. Adding a format means adding its name to
 * ./reporter-names.ts and its reporter here (the type requires both).
 */
export const REPORTERS: { readonly [name in ReporterName]: Reporter } = { stylish, json, sarif, junit, github };
