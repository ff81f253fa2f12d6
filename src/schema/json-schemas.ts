import * as z from 'zod';
import { catalogSchema } from './catalog.js';
import { departmentsSchema } from './departments.js';
import { FEED_SCHEMA_FILES, FEED_SCHEMAS } from './feeds.js';
import { hallSchema } from './hall.js';
import { itemSchema } from './item.js';

/** The catalog files' schemas (for editors), by file name. */
const CATALOG_SCHEMAS: ReadonlyArray<[string, z.ZodType]> = [
  ['item.schema.json', itemSchema],
  ['catalog.schema.json', catalogSchema],
  ['departments.schema.json', departmentsSchema],
  ['hall.schema.json', hallSchema],
];

/** The published schema files, by file name, in the order they are written. */
export const SCHEMA_SOURCES: ReadonlyArray<[string, z.ZodType]> = [
  ...CATALOG_SCHEMAS,
  ...FEED_SCHEMAS.map(([kind, schema]): [string, z.ZodType] => [FEED_SCHEMA_FILES[kind], schema]),
];

const FEED_FILES = new Set<string>(Object.values(FEED_SCHEMA_FILES));

/**
 * Render every JSON Schema from its zod source, as the exact bytes committed in `schemas/`.
 * Output schemas get their bare file name as `$id` (relative: they validate offline wherever
 * the output folder is; `licat build --base-url` rewrites it in `dist/schemas/`).
 * @example for (const [name, text] of renderJsonSchemas()) writeFileSync(`schemas/${name}`, text);
 */
export function renderJsonSchemas(): Array<[string, string]> {
  return SCHEMA_SOURCES.map(([name, schema]) => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const id = FEED_FILES.has(name) ? name : `https://licat.example/schemas/${name}`;
    const out = { $schema: json.$schema, $id: id, ...json };
    return [name, JSON.stringify(out, null, 2) + '\n'];
  });
}
