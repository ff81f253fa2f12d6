import { readFileSync } from 'node:fs';
import { yamlLibrary } from '../../load/yaml-library.js';
import { lifeEventsSchema, type LifeEvents } from '../../schema/life-events.js';

/**
 * The life events of `data/life-events.yaml`, shipped with licat (like data/terms/, part of
 * licat, not of the catalog). A broken file is a bug of licat and throws. The yaml library is
 * loaded here, when the site is built, not by every `licat build` (see load/yaml-library.ts).
 */
export function readLifeEvents(): LifeEvents {
  const url = new URL('../../../data/life-events.yaml', import.meta.url);
  const result = lifeEventsSchema.safeParse(yamlLibrary().parse(readFileSync(url, 'utf8')));
  if (!result.success) throw new Error(`data/life-events.yaml: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}
