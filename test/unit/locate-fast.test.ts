import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointer } from '../../src/diagnostics/diagnostic.js';
import { createFastLocator } from '../../src/load/locate-fast.js';
import { createLocator, createYamlLocator } from '../../src/load/locate.js';
import { readPlainYamlTree } from '../../src/load/yaml-fast.js';
import { editedText, ROOT, yamlFiles } from '../helpers.js';
import { sampleItem } from '../inline.js';

/** Every pointer into `value`, plus a missing key under each mapping. */
function pointers(value: unknown, at: Array<string | number> = []): string[] {
  const out = [pointer(at)];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointers(v, [...at, i])));
  else if (value !== null && typeof value === 'object') {
    out.push(pointer([...at, 'no-such-key']));
    for (const [k, v] of Object.entries(value)) out.push(...pointers(v, [...at, k]));
  }
  return out;
}

describe('the js-yaml locator', () => {
  it('gives the same position as the yaml library for every pointer of every sample file, keys and values', () => {
    let checked = 0;
    let vouched = 0;
    for (const file of yamlFiles(path.join(ROOT, 'catalog'))) {
      const text = readFileSync(file, 'utf8');
      const fast = createFastLocator(text);
      const slow = createYamlLocator(text);
      for (const p of pointers(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }))) {
        for (const at of ['value', 'key'] as const) {
          checked++;
          const got = fast?.(p, at);
          if (got === undefined) continue;
          vouched++;
          expect(got, `${path.relative(ROOT, file)} ${p} (${at})`).toEqual(slow(p, at));
        }
      }
    }
    // It answers for nearly every pointer, so the yaml library is rarely loaded.
    expect(vouched / checked).toBeGreaterThan(0.95);
  });

  it("locates from the fast reader's nodes as the yaml library does, in sample files edited at random (property)", () => {
    const texts = yamlFiles(path.join(ROOT, 'catalog')).map((file) => readFileSync(file, 'utf8'));
    const edited = editedText(
      texts,
      ['', ' ', '  ', '- ', ': ', ' #', '"', '[', ']', '{ a: 1 }', ',', '\n', '\n  ', '\n- ', 'x', '0', '要求', 'requred', 'ids'],
      2,
    );
    let located = 0;
    fc.assert(
      fc.property(edited, (text) => {
        if (!readPlainYamlTree(text)) return;
        const fast = createFastLocator(text)!;
        const slow = createYamlLocator(text);
        for (const p of pointers(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }))) {
          for (const at of ['value', 'key'] as const) {
            const got = fast(p, at);
            if (got === undefined) continue;
            located++;
            expect(got, `${p} (${at})`).toEqual(slow(p, at));
          }
        }
      }),
      { numRuns: 300, seed: 20261206 },
    );
    expect(located).toBeGreaterThan(10_000);
  });

  it('hands anchors, aliases and tags to the yaml library, and the combined locator stays right', () => {
    const text = 'a: &x { b: 1 }\nc: *x\nd: !!str 5\n';
    expect(createFastLocator(text)).toBeUndefined();
    expect(createLocator(text)('/c')).toEqual(createYamlLocator(text)('/c'));
    const item = sampleItem();
    expect(createLocator(item)('/materials/1/name')).toEqual(createYamlLocator(item)('/materials/1/name'));
  });
});
