import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderJsonSchemas } from '../schema/json-schemas.js';
import { writeFileAtomic } from './write-output.js';

/** `licat schema`: write (or with --check, compare) the generated JSON Schemas. */
export async function runSchema(options: { out: string; check?: boolean }): Promise<number> {
  let stale = 0;
  for (const [name, text] of renderJsonSchemas()) {
    const file = path.join(options.out, name);
    if (options.check) {
      const current = await readFile(file, 'utf8').catch(() => undefined);
      if (current !== text) {
        stale++;
        process.stderr.write(`${file}: 与 zod 源不一致，请运行 licat schema / out of date; run licat schema\n`);
      }
    } else {
      await writeFileAtomic(file, text);
      process.stdout.write(`${file}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}
