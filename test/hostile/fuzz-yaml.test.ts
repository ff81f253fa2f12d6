import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../src/report/registry.js';
import { RULES_BY_ID } from '../../src/validate/registry.js';
import { BASE, checkInline, sampleItem } from '../inline.js';

/**
 * Property runs over mutated catalog files: every run ends in diagnostics (never a thrown error,
 * never the `internal` rule), each located, and every output format renders them with nothing
 * a terminal would take as a control.
 */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function assertDiagnoses(files: Record<string, string | null>): void {
  const r = checkInline(files);
  for (const d of r.diagnostics) {
    expect(RULES_BY_ID.has(d.rule), `unknown rule ${d.rule}`).toBe(true);
    expect(d.rule, d.message.en).not.toBe('internal');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
  const context = { lang: 'en' as const, texts: r.texts, summary: { files: r.files, items: r.catalog.items.length }, color: false };
  for (const [name, reporter] of Object.entries(REPORTERS)) {
    const out = reporter(r.diagnostics, context);
    expect(out, name).not.toMatch(RAW);
    if (name !== 'github') expect(out, name).not.toMatch(/^::/m);
  }
}

type Path = Array<string | number>;

function pathsOf(node: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(node)) node.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** Apply one mutation at `path` of a copy of `base`. */
function mutate(base: unknown, path: Path, op: Mutation): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  if (path.length === 0) return op.kind === 'delete' ? null : op.kind === 'set' ? op.value : copy;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  switch (op.kind) {
    case 'delete':
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
      break;
    case 'set':
      node[last] = op.value;
      break;
    case 'nest': {
      let value: unknown = node[last];
      for (let i = 0; i < op.depth; i++) value = i % 2 ? [value] : { k: value };
      node[last] = value;
      break;
    }
    case 'alias': {
      // The same object in several places: yaml writes an anchor and aliases.
      const shared = { text: op.text, list: [op.text, op.text] };
      node[last] = Array.from({ length: op.uses }, () => shared);
      break;
    }
    case 'rename':
      if (!Array.isArray(node) && Object.hasOwn(node, last)) {
        const value = node[last];
        delete node[last];
        Object.defineProperty(node, op.key, { value, enumerable: true, writable: true, configurable: true });
      }
      break;
  }
  return copy;
}

type Mutation =
  | { kind: 'delete' }
  | { kind: 'set'; value: unknown }
  | { kind: 'nest'; depth: number }
  | { kind: 'alias'; text: string; uses: number }
  | { kind: 'rename'; key: string };

// eslint-disable-next-line no-loss-of-precision -- a number YAML holds and a double cannot, on purpose
const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 64, -0, 5e-324, 123456789012345678901234567890);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  hugeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 5 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'delete' }),
  value.map((v): Mutation => ({ kind: 'set', value: v })),
  fc.integer({ min: 1, max: 120 }).map((depth): Mutation => ({ kind: 'nest', depth })),
  fc.record({ text: fc.string({ unit: 'binary', maxLength: 30 }), uses: fc.integer({ min: 2, max: 300 }) }).map((r): Mutation => ({ kind: 'alias', ...r })),
  fc
    .constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '', ' ', '\u202e', 'a\nb')
    .map((key): Mutation => ({ kind: 'rename', key })),
);

/** Mutated files of one kind: the base parsed, mutated at a random path, written back. */
function mutatedFile(text: string): fc.Arbitrary<string> {
  const base = parse(text) as unknown;
  const paths = pathsOf(base);
  return fc.tuple(fc.constantFrom(...paths), mutation).map(([path, op]) => stringify(mutate(base, path, op), { aliasDuplicateObjects: true }));
}

describe('fuzz: mutated catalog files always end in located diagnostics', () => {
  it('item files', () => {
    fc.assert(
      fc.property(mutatedFile(sampleItem()), (text) => assertDiagnoses({ 'items/x.yaml': text })),
      { numRuns: 250, seed: 20261206 },
    );
  });

  it('departments.yaml, catalog.yaml and hall files', () => {
    const hall = 'region: "440106"\nname: 天河区政务服务中心\nitems:\n  "440101001000": { window: 3 号窗口 }\nnotOffered: []\n';
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedFile(BASE['departments.yaml']!).map((t) => ({ 'departments.yaml': t })),
          mutatedFile(BASE['catalog.yaml']!).map((t) => ({ 'catalog.yaml': t })),
          mutatedFile(hall).map((t) => ({ 'halls/440106.yaml': t })),
        ),
        (files) => assertDiagnoses({ ...files, 'items/x.yaml': sampleItem() }),
      ),
      { numRuns: 250, seed: 20261206 },
    );
  });

  it('region tables with random rows', () => {
    const row = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .tuple(
          fc.stringMatching(/^\d{2,12}$/),
          fc.string({ maxLength: 6 }),
          fc.constantFrom('province', 'city', 'county', 'town', 'village', 'x'),
          fc.stringMatching(/^\d{0,12}$/),
        )
        .map((cells) => cells.join(',')),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.boolean(), (rows, keepBase) => {
        const head = keepBase ? BASE['regions/test.csv']! : 'code,name,tier,parent\n';
        assertDiagnoses({ 'regions/test.csv': head + rows.join('\n') });
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });
});
