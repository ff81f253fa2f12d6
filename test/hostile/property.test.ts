import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULES_BY_ID } from '../../src/validate/registry.js';
import { checkInline, sampleItem } from '../inline.js';

/** Run the whole check on one item text; it must end with diagnostics, never throw or hang. */
function assertDiagnosesQuietly(text: string | Uint8Array): void {
  const started = performance.now();
  const r = checkInline({ 'items/x.yaml': text });
  // A hang guard, not a benchmark: one small file must never take seconds.
  expect(performance.now() - started).toBeLessThan(3000);
  for (const d of r.diagnostics) {
    expect(RULES_BY_ID.has(d.rule), `unknown rule ${d.rule}`).toBe(true);
    expect(d.rule).not.toBe('internal');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
}

const base = parse(sampleItem()) as Record<string, unknown>;

/** Every JSON pointer-like path into the sample item. */
function paths(node: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(node)) node.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push(...paths(v, [...prefix, k]));
  return out;
}
const allPaths = paths(base).filter((p) => p.length > 0);

function mutate(path: Array<string | number>, value: unknown, remove: boolean): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

describe('property: no input crashes or hangs licat', () => {
  it('mutated valid items always end in diagnostics', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allPaths),
        fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string())),
        fc.boolean(),
        (path, value, remove) => {
          assertDiagnosesQuietly(stringify(mutate(path, value, remove)));
        },
      ),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('random text and random YAML-looking text always end in diagnostics', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'code: ',
          '"',
          "'",
          '[',
          ']',
          '{',
          '}',
          '- ',
          ': ',
          '&a ',
          '*a',
          '!!',
          '\t',
          '\n',
          '  ',
          '#',
          '|',
          '>',
          '? ',
          '---',
          '...',
          '%YAML',
          'x',
          '食品',
          '\r\n',
          '\u0000',
          '\ufeff',
        ),
        { maxLength: 80 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })), (input) => {
        assertDiagnosesQuietly(input);
      }),
      { numRuns: 500, seed: 20261123 },
    );
  });

  it('random edits of the sample text always end in diagnostics', () => {
    const text = sampleItem();
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(20), fc.string({ maxLength: 10 }), (at, cut, insert) => {
        assertDiagnosesQuietly(text.slice(0, at) + insert + text.slice(at + cut));
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
