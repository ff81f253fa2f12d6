import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Options, ValidateFunction } from 'ajv/dist/2020.js';
import { FEED_SCHEMA_FILES, type FeedKind } from '../../schema/feeds.js';

export type { FeedKind };

/** A feed that does not match its published schema: a bug in licat, never written to disk. */
export class InvalidFeedError extends Error {
  constructor(
    readonly file: string,
    readonly errors: string[],
  ) {
    super(`${file} does not match its published schema: ${errors.join('; ')}`);
  }
}

/** Checks feeds against the JSON Schemas published in `schemas/`, compiled once. */
export interface FeedValidator {
  /** Throw InvalidFeedError unless `data` matches the schema of `kind`. */
  check(kind: FeedKind, file: string, data: unknown): void;
  /** Whether the validators were compiled ahead of time (`npm run build`) or when loaded. */
  readonly origin: 'precompiled' | 'compiled';
  /**
   * Whether a tier bundle's items have the very schema of an item feed's item: then an item
   * whose item feed matched its schema matches in a bundle too.
   */
  readonly itemsShared: boolean;
}

/** The `schemas/` folder shipped beside `lib/` (and beside `src/` in a checkout). */
export const PUBLISHED_SCHEMAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas');

/**
 * The validators compiled ahead of time by `npm run build` (scripts/compile-validators.mjs):
 * ajv's standalone code for the published schemas, beside this module in lib/. Loading them
 * instead of compiling saves about 0.3 s a build (loading ajv and compiling four schemas).
 */
export const PRECOMPILED = path.join(path.dirname(fileURLToPath(import.meta.url)), 'feed-validators.cjs');

/** The ajv options of every feed validator, compiled at run time or ahead of time. */
const AJV_OPTIONS: Options = { allErrors: false, strict: true, validateFormats: false };

const require = createRequire(import.meta.url);
const cache = new Map<string, Promise<FeedValidator>>();

/**
 * The published feed schemas' validators (once per folder and process): the precompiled ones
 * when they were made from these very schemas with this ajv, else compiled now.
 * @example (await loadFeedValidator()).check('hall', 'feeds/halls/440106.json', feed);
 */
export function loadFeedValidator(schemaDir: string = PUBLISHED_SCHEMAS): Promise<FeedValidator> {
  let pending = cache.get(schemaDir);
  if (!pending) {
    pending = load(schemaDir);
    cache.set(schemaDir, pending);
    pending.catch(() => cache.delete(schemaDir));
  }
  return pending;
}

type Validators = Record<FeedKind, ValidateFunction>;

async function load(schemaDir: string): Promise<FeedValidator> {
  const schemas = await readSchemas(schemaDir);
  const digest = schemasDigest(schemas);
  const ready = precompiled(digest);
  const shared = itemsShared(schemas);
  return ready ? checker(ready, 'precompiled', shared) : checker(await compile(schemas), 'compiled', shared);
}

/** Whether the tier bundle schema's items are, as JSON, the item feed schema's item. */
function itemsShared(schemas: Record<FeedKind, string>): boolean {
  try {
    const tier = JSON.parse(schemas.tier) as { properties?: { items?: { items?: unknown } } };
    const item = JSON.parse(schemas.item) as { properties?: { item?: unknown } };
    const a = tier.properties?.items?.items;
    return a !== undefined && JSON.stringify(a) === JSON.stringify(item.properties?.item);
  } catch {
    return false;
  }
}

/** The precompiled validators, if they exist and were made from schemas with this digest. */
function precompiled(digest: string): Validators | undefined {
  if (!existsSync(PRECOMPILED)) return undefined;
  const module = require(PRECOMPILED) as Partial<Validators> & { digest?: string };
  if (module.digest !== digest) return undefined;
  const out = {} as Validators;
  for (const kind of Object.keys(FEED_SCHEMA_FILES) as FeedKind[]) {
    const validate = module[kind];
    if (typeof validate !== 'function') return undefined;
    out[kind] = validate;
  }
  return out;
}

async function compile(schemas: Record<FeedKind, string>): Promise<Validators> {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020(AJV_OPTIONS);
  const validators = {} as Validators;
  for (const kind of Object.keys(FEED_SCHEMA_FILES) as FeedKind[]) validators[kind] = ajv.compile(JSON.parse(schemas[kind]) as object);
  return validators;
}

function checker(validators: Validators, origin: FeedValidator['origin'], shared: boolean): FeedValidator {
  return {
    origin,
    itemsShared: shared,
    check(kind, file, data) {
      const validate = validators[kind];
      if (validate(data)) return;
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      throw new InvalidFeedError(file, errors);
    },
  };
}

async function readSchemas(schemaDir: string): Promise<Record<FeedKind, string>> {
  const texts = {} as Record<FeedKind, string>;
  for (const [kind, file] of Object.entries(FEED_SCHEMA_FILES) as Array<[FeedKind, string]>) {
    texts[kind] = await readFile(path.join(schemaDir, file), 'utf8');
  }
  return texts;
}

/** What the validators are made from: the schema texts, ajv's version and the options. */
function schemasDigest(schemas: Record<FeedKind, string>): string {
  const { version } = require('ajv/package.json') as { version: string };
  const hash = createHash('sha256').update(`ajv ${version}\n${JSON.stringify(AJV_OPTIONS)}\n`);
  for (const kind of Object.keys(FEED_SCHEMA_FILES).sort() as FeedKind[]) hash.update(`${kind}\n${schemas[kind]}\n`);
  return hash.digest('hex');
}

/**
 * ajv's standalone CommonJS code of the published feed validators, one export per feed kind
 * plus `digest`; `npm run build` writes it to PRECOMPILED.
 */
export async function precompiledSource(schemaDir: string = PUBLISHED_SCHEMAS): Promise<string> {
  const schemas = await readSchemas(schemaDir);
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const standalone = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  const refs = {} as Record<FeedKind, string>;
  for (const kind of Object.keys(FEED_SCHEMA_FILES) as FeedKind[]) {
    ajv.addSchema(JSON.parse(schemas[kind]) as object, `licat:${kind}`);
    refs[kind] = `licat:${kind}`;
  }
  const code = standalone(ajv, refs);
  return `// Generated by scripts/compile-validators.mjs from schemas/: do not edit.\n${code}\nexports.digest = ${JSON.stringify(schemasDigest(schemas))};\n`;
}
