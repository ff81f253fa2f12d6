import type { YamlKind } from '../schema/shape.js';

/** The kind of a catalog YAML file from its path (items/…, halls/…, catalog.yaml, departments.yaml), or undefined for any other file. */
export function kindOfPath(rel: string): YamlKind | undefined {
  const p = rel.split('\\').join('/');
  if (!/\.ya?ml$/i.test(p)) return undefined;
  if (/(^|\/)items\/.+/.test(p)) return 'item';
  if (/(^|\/)halls\/[^/]+$/.test(p)) return 'hall';
  if (/(^|\/)catalog\.yaml$/.test(p)) return 'catalog';
  if (/(^|\/)departments\.yaml$/.test(p)) return 'departments';
  return undefined;
}
