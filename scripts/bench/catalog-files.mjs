// The files `licat` reads from a catalog folder, listed the way the floors need them: the YAML
// files (catalog.yaml, departments.yaml, items/**, halls/*) and the region tables.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every catalog file below `root`: `{ yaml: string[], csv: string[] }`, absolute paths, sorted. */
export function catalogFiles(root) {
  const yaml = [];
  const csv = [];
  const walk = (dir, recursive, into, pattern) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (recursive) walk(abs, recursive, into, pattern);
      } else if (pattern.test(e.name)) into.push(abs);
    }
  };
  yaml.push(path.join(root, 'catalog.yaml'), path.join(root, 'departments.yaml'));
  walk(path.join(root, 'items'), true, yaml, /\.ya?ml$/i);
  walk(path.join(root, 'halls'), false, yaml, /\.ya?ml$/i);
  walk(path.join(root, 'regions'), false, csv, /\.csv$/i);
  return { yaml: yaml.sort(), csv: csv.sort() };
}
