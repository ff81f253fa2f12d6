// Part of `npm run build`: compile the published feed schemas (schemas/) into ajv's standalone
// validators beside the compiled feed validator in lib/, so a build loads them instead of
// compiling the schemas each time. licat falls back to compiling when this file is missing or
// was made from other schemas.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { precompiledSource, PRECOMPILED } = await import(pathToFileURL(path.join(root, 'lib', 'emit', 'feeds', 'feed-validator.js')).href);
writeFileSync(PRECOMPILED, await precompiledSource());
