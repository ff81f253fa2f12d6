import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../src/schema/json-schemas.js';
import { ROOT } from '../helpers.js';

describe('published JSON Schemas', () => {
  const rendered = renderJsonSchemas();

  it('match the zod source byte for byte (run `licat schema` after changing src/schema)', () => {
    for (const [name, text] of rendered) {
      const committed = readFileSync(path.join(ROOT, 'schemas', name), 'utf8');
      expect(committed, `schemas/${name} is out of date`).toBe(text);
    }
  });

  it('leave no stale file in schemas/', () => {
    const names = rendered.map(([n]) => n).sort();
    expect(
      readdirSync(path.join(ROOT, 'schemas'))
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(names);
  });

  it('carry a Chinese title and a description on every item field', () => {
    const item = JSON.parse(rendered.find(([n]) => n === 'item.schema.json')![1]) as Record<string, unknown>;
    const missing: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [key, child] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (typeof child.title !== 'string' || !/[\u4e00-\u9fff]/.test(child.title) || typeof child.description !== 'string') {
            missing.push(`${at}/${key}`);
          }
          walk(child, `${at}/${key}`);
        }
      }
      if (n.items) walk(n.items, `${at}/*`);
      if (n.additionalProperties && typeof n.additionalProperties === 'object') walk(n.additionalProperties, `${at}/*`);
    };
    walk(item, '');
    expect(missing).toEqual([]);
  });
});
