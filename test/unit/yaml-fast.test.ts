import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readPlainYaml, UNSURE } from '../../src/load/yaml-fast.js';
import { parseYaml } from '../../src/load/parse-yaml.js';
import { editedText, ROOT, yamlFiles } from '../helpers.js';

/**
 * The fast reader of plain YAML (src/load/yaml-fast.ts) stands in for js-yaml on most catalog
 * files, so it must never read a text otherwise than js-yaml: for every text it either answers
 * UNSURE (js-yaml then reads it) or gives exactly js-yaml's data, and it never accepts a text
 * js-yaml refuses.
 */
function agreesWithJsYaml(text: string): void {
  const fast = readPlainYaml(text);
  if (fast === UNSURE) return;
  let reference: unknown;
  try {
    reference = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false });
  } catch (error) {
    throw new Error(`the fast reader accepted a text js-yaml refuses (${(error as Error).message.split('\n')[0]}):\n${text}`, { cause: error });
  }
  // Same values, same key order, same kinds of object.
  expect(fast).toStrictEqual(reference);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
}

const sampleFiles = yamlFiles(path.join(ROOT, 'catalog'));
const allFiles = [...sampleFiles, ...yamlFiles(path.join(ROOT, 'test/fixtures'))];

describe('the fast reader of plain YAML', () => {
  it('reads every file of the sample catalog, exactly as js-yaml does', () => {
    for (const file of sampleFiles) {
      const text = readFileSync(file, 'utf8');
      expect(readPlainYaml(text), file).not.toBe(UNSURE);
      agreesWithJsYaml(text);
    }
  });

  it('agrees with js-yaml on every fixture, the hostile ones included', () => {
    for (const file of allFiles) agreesWithJsYaml(readFileSync(file, 'utf8'));
  });

  it('leaves to js-yaml what it does not read itself', () => {
    const cases = [
      'a: |\n  text\n', // block scalar
      'a: &x 1\nb: *x\n', // anchor and alias
      'a: !!str 1\n', // tag
      'a: "x\\ty"\n', // escape
      'a: 0x1F\n', // hexadecimal
      'a: 1e3\n', // exponent
      'a: +1\n', // plus sign
      'a: 012\n', // leading zero
      'a: 1\na: 2\n', // duplicate key (js-yaml refuses it)
      '__proto__: 1\n', // the prototype key
      'a: b\n  c\n', // a plain scalar over two lines
      'a:\tb\n', // tab
      'a: b\r\n', // carriage return
      '---\na: 1\n', // document marker
      '%YAML 1.2\n---\na: 1\n', // directive
      'a: [b, [c]]\n', // nested flow
      'a: [b, ]\n', // trailing comma
      "a: 'it''s'\n", // escaped single quote
      'a: b: c\n', // a colon and space inside a plain scalar
      'null: 1\n', // a key the core schema reads as null
      '- a\n- - b\n', // a sequence in a sequence on one line
      '  a: 1\n', // indented document
      'a: 12:30\n', // digits and a colon (YAML 1.1 read it as a number)
      'a: 2026-01-01\n', // a date
      'a: 1\n b: 2\n', // bad indentation
    ];
    for (const text of cases) {
      expect(readPlainYaml(text), JSON.stringify(text)).toBe(UNSURE);
      agreesWithJsYaml(text);
    }
  });

  it('reads what it does read as js-yaml does', () => {
    const cases = [
      'a: 1\nb: -2.5\nc: 0\nd: ~\ne: null\nf: true\ng: False\n',
      'a:\n- x\n- y\nb: z\n',
      'a:\n  - x\n  - id: y\n    name: 名称\n  - [p, "q", r s]\n',
      'list: []\nmap: {}\nflow: { a: 1, "b": x, 中文: 值 }\n',
      'a: x # comment\nb: "y" # comment\n# a line\nc: z#not a comment\n',
      '"440100": 1\n440103: 2\nkey-name: 3\n',
      'a: http://example.org/x\nb: 30分钟\nc: 第8号\n',
    ];
    for (const text of cases) {
      expect(readPlainYaml(text), JSON.stringify(text)).not.toBe(UNSURE);
      agreesWithJsYaml(text);
    }
    // Numbers the reader takes are read as js-yaml reads them, including the edge of exactness.
    agreesWithJsYaml('a: 999999999999999\nb: 0.1\nc: -0\nd: 123456789012345.123456789012345\n');
  });

  it('never differs from js-yaml on generated texts (property)', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      'id',
      '名称',
      'x y',
      '1',
      '0',
      '-1',
      '0.5',
      '1e3',
      '0x1',
      '012',
      '+1',
      'true',
      'Null',
      '~',
      '__proto__',
      'constructor',
      'True',
      'FALSE',
      'NULL',
      'yes',
      'on',
      '-0',
      '-0.0',
      '1.',
      '.5',
      '"q"',
      '"a\\"b"',
      "'s'",
      "'it''s'",
      '[a, b]',
      '[a, [b]]',
      '[]',
      '{}',
      '{ a: 1 }',
      '{a:1}',
      '[a,]',
      '&x',
      '*x',
      '!t',
      '|',
      '>',
      '%',
      '@',
      '`',
      '#c',
      ' #c',
      '-',
      '- ',
      ':',
      ': ',
      '?',
      ',',
      '"',
      "'",
      '\t',
      '12:30',
      'http://x',
      'a#b',
      '中文：值',
      '',
    );
    const line = fc.record({
      indent: fc.constantFrom('', '', ' ', '  ', '  ', '   ', '    ', '      '),
      entry: fc.constantFrom('', '', '- ', '-  '),
      key: fc.oneof(piece, fc.constant('')),
      colon: fc.constantFrom(': ', ':', ': ', ''),
      value: fc.array(piece, { maxLength: 3 }).map((parts) => parts.join(' ')),
    });
    const text = fc
      .array(line, { minLength: 1, maxLength: 12 })
      .map((lines) => lines.map((l) => `${l.indent}${l.entry}${l.key}${l.colon}${l.value}`).join('\n') + '\n');
    fc.assert(
      fc.property(text, (t) => agreesWithJsYaml(t)),
      { numRuns: 20_000, seed: 20261206 },
    );
  });

  it('never differs from js-yaml on generated documents in block style (property)', () => {
    // Documents as editors write them (mappings, sequences, compact `- key:` entries, flow
    // lists, comments), from a small pool of keys so that keys repeat, with scalars that are
    // plain, quoted, numbers or words the core schema reads otherwise.
    const key = fc.constantFrom('a', 'b', 'id', '名称', '440100', '"a"', '"x y"', 'k-1', 'True', '__proto__', 'a b', '1.5');
    const word = fc.constantFrom(
      'x',
      '营业执照',
      '第8号',
      '1',
      '0',
      '-1',
      '-0',
      '0.5',
      '1e3',
      '012',
      'true',
      'NULL',
      '~',
      '"q"',
      "'s'",
      'a #c',
      'a#b',
      'http://x',
      '[p, q]',
      '[]',
      '{}',
      '{ a: 1, b: x }',
      '- x',
      ': x',
      'x: y',
      '',
    );
    type Node = string | { seq: Node[] } | { map: Array<[string, Node]> };
    const { node } = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        word,
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((seq) => ({ seq })),
        fc.array(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4 }).map((map) => ({ map })),
      ),
    }));
    const style = fc.record({ step: fc.constantFrom(1, 2, 2, 4), seqSameIndent: fc.boolean(), comments: fc.boolean() });
    type Style = { step: number; seqSameIndent: boolean; comments: boolean };
    const render = (value: Node, indent: number, s: Style): string[] => {
      const pad = ' '.repeat(indent);
      if (typeof value === 'string') return [`${pad}${value}`];
      const out: string[] = s.comments ? [`${pad}# note`] : [];
      if ('map' in value) {
        for (const [k, v] of value.map) {
          if (typeof v === 'string') out.push(`${pad}${k}: ${v}`);
          else out.push(`${pad}${k}:`, ...render(v, 'seq' in v && s.seqSameIndent ? indent : indent + s.step, s));
        }
        return out;
      }
      for (const entry of value.seq) {
        if (typeof entry === 'string') {
          out.push(`${pad}- ${entry}`);
          continue;
        }
        // The first line of a nested block goes on the mark's line: `- key: value`, `- - x`.
        const inner = render(entry, indent + 2, s);
        const first = inner.findIndex((l) => !l.trimStart().startsWith('#'));
        out.push(...inner.slice(0, first), `${pad}- ${inner[first]!.slice(indent + 2)}`, ...inner.slice(first + 1));
      }
      return out;
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(key, node), { minLength: 1, maxLength: 5 }), style, (map, s) => agreesWithJsYaml(render({ map }, 0, s).join('\n') + '\n')),
      { numRuns: 20_000, seed: 20261206 },
    );
  });

  it('never differs from js-yaml on sample files edited at random (property)', () => {
    const texts = sampleFiles.map((file) => readFileSync(file, 'utf8'));
    const inserts = [
      '',
      ' ',
      '  ',
      '-',
      '- ',
      ':',
      ': ',
      '#',
      ' #',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '\n',
      '\n  ',
      '\n- ',
      '&a',
      '*a',
      '!',
      '|',
      '0',
      '1.',
      'x',
      '\\',
      '\t',
    ];
    fc.assert(
      fc.property(editedText(texts, inserts, 3), (text) => agreesWithJsYaml(text)),
      { numRuns: 3_000, seed: 20261206 },
    );
  });

  it('gives parse-yaml the same data and findings as js-yaml alone would', () => {
    // A file the fast reader takes still meets licat's own limits and key checks.
    const deep = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(readPlainYaml(deep)).not.toBe(UNSURE);
    expect(parseYaml(deep, 'deep.yaml').findings.map((f) => f.message.en)).toEqual(['nesting deeper than 64 levels']);
  });
});
