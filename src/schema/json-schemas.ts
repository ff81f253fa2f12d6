import { z } from 'zod';
import { catalogSchema } from './catalog.js';
import { departmentsSchema } from './departments.js';
import { FEED_SCHEMA_FILES, feedIndexSchema, hallFeedSchema, itemFeedSchema, manifestSchema } from './feeds.js';
import { hallSchema } from './hall.js';
import { itemSchema } from './item.js';

/** The published schema files, by file name, in the order they are written. */
export const SCHEMA_SOURCES: ReadonlyArray<[string, z.ZodType]> = [
  ['item.schema.json', itemSchema],
  ['catalog.schema.json', catalogSchema],
  ['departments.schema.json', departmentsSchema],
  ['hall.schema.json', hallSchema],
  [FEED_SCHEMA_FILES.index, feedIndexSchema],
  [FEED_SCHEMA_FILES.hall, hallFeedSchema],
  [FEED_SCHEMA_FILES.item, itemFeedSchema],
  [FEED_SCHEMA_FILES.manifest, manifestSchema],
];

/**
 * Render every JSON Schema from its zod source, as the exact bytes committed in `schemas/`.
 * @example for (const [name, text] of renderJsonSchemas()) writeFileSync(`schemas/${name}`, text);
 */
export function renderJsonSchemas(): Array<[string, string]> {
  return SCHEMA_SOURCES.map(([name, schema]) => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const out = { $schema: json.$schema, $id: `https://licat.example/schemas/${name}`, ...json };
    return [name, JSON.stringify(out, null, 2) + '\n'];
  });
}
