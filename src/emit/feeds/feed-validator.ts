import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { FEED_SCHEMA_FILES } from '../../schema/feeds.js';

export type FeedKind = keyof typeof FEED_SCHEMA_FILES;

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
}

/** The `schemas/` folder shipped beside `lib/` (and beside `src/` in a checkout). */
export const PUBLISHED_SCHEMAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas');

const cache = new Map<string, Promise<FeedValidator>>();

/**
 * Compile the published feed schemas (once per folder and process).
 * @example (await loadFeedValidator()).check('hall', 'feeds/halls/440106.json', feed);
 */
export function loadFeedValidator(schemaDir: string = PUBLISHED_SCHEMAS): Promise<FeedValidator> {
  let pending = cache.get(schemaDir);
  if (!pending) {
    pending = compile(schemaDir);
    cache.set(schemaDir, pending);
    pending.catch(() => cache.delete(schemaDir));
  }
  return pending;
}

async function compile(schemaDir: string): Promise<FeedValidator> {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: false, strict: true, validateFormats: false });
  const validators = {} as Record<FeedKind, ValidateFunction>;
  for (const [kind, file] of Object.entries(FEED_SCHEMA_FILES) as Array<[FeedKind, string]>) {
    const text = await readFile(path.join(schemaDir, file), 'utf8');
    validators[kind] = ajv.compile(JSON.parse(text) as object);
  }
  return {
    check(kind, file, data) {
      const validate = validators[kind];
      if (validate(data)) return;
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      throw new InvalidFeedError(file, errors);
    },
  };
}
