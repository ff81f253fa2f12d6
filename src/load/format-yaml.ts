import type { Document, Node, Pair, Scalar } from 'yaml';
import { yamlLibrary } from './yaml-library.js';
import type { Shape } from '../schema/shape.js';

/** Options of the canonical form: no folding of long lines, `{ a: 1 }` padded, `[a, b]` not. */
export const CANONICAL_OPTIONS = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: true, singleQuote: false, indent: 2, indentSeq: true } as const;

export type FormatResult = { ok: true; text: string } | { ok: false; message: string; line: number; column: number };

/**
 * The canonical form of one catalog YAML file: keys in the schema's order (keys the schema does
 * not know keep their place after the known ones), strings quoted the one way `requote` says.
 * The document is edited in place and printed by `yaml`, never rebuilt from plain data, so
 * comments, blank lines, block scalars, flow or block style and anchors stay. A file that does not parse is left alone (ok: false).
 * @example formatYaml('name: x\ncode: "440101001000"\n', shapeFor('item')) // code first
 */
export function formatYaml(text: string, shape: Shape): FormatResult {
  const YAML = yamlLibrary();
  const doc = YAML.parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    return { ok: false, message: error.message.split('\n')[0] ?? error.code, line: pos?.line ?? 1, column: pos?.col ?? 1 };
  }
  reorder(doc.contents, shape);
  YAML.visit(doc, {
    Scalar(_key, node) {
      requote(node);
    },
  });
  const printed = doc.toString(CANONICAL_OPTIONS);
  return { ok: true, text: unpadFlowSequences(printed) };
}

/** Put the pairs of each mapping in the schema's order, recursively. Stable for unknown keys. */
function reorder(node: unknown, order: Shape | undefined): void {
  const YAML = yamlLibrary();
  if (!order || !node) return;
  if (YAML.isMap(node)) {
    const map = node;
    const rank = new Map((order.keys ?? []).map((k, i) => [k, i]));
    if (rank.size > 0) {
      const keyed = map.items.map((pair, index) => ({ pair, index, at: rank.get(keyText(pair)) ?? rank.size }));
      keyed.sort((a, b) => a.at - b.at || a.index - b.index);
      map.items = keyed.map((k) => k.pair);
    }
    for (const pair of map.items) reorder(pair.value, order.field?.get(keyText(pair)) ?? order.values);
  } else if (YAML.isSeq(node)) {
    for (const item of node.items) reorder(item, order.element);
  }
}

function keyText(pair: Pair): string {
  const key = pair.key as Node | string | null;
  if (key && typeof key === 'object' && 'value' in key) return String(key.value);
  return String(key);
}

/**
 * The canonical quoting of a string: double quotes when it is a code-like run of digits, letters,
 * dots and hyphens starting with a digit (codes, phone numbers, versions: quoted so that no
 * reader takes them for numbers), else plain where that
 * reads back as the same string and double quotes where it does not. Block scalars stay.
 */
function requote(node: Scalar): void {
  if (typeof node.value !== 'string') return;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return;
  if (/^[0-9][0-9A-Za-z.+-]*$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
  else delete node.type;
}

/**
 * `yaml` pads flow mappings and flow sequences alike; the catalog writes `{ value: 1 }` but
 * `[county]`. Each flow sequence's padding is removed by its exact range in the printed text.
 */
function unpadFlowSequences(text: string): string {
  const YAML = yamlLibrary();
  const doc: Document = YAML.parseDocument(text);
  const spans: Array<[number, number]> = [];
  YAML.visit(doc, {
    Seq(_key, node) {
      if (node.flow && node.range) spans.push([node.range[0], node.range[1]]);
    },
  });
  spans.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [start, end] of spans) {
    const segment = out.slice(start, end);
    if (segment.length >= 4 && segment.startsWith('[ ') && segment.endsWith(' ]')) {
      out = `${out.slice(0, start)}[${segment.slice(2, -2)}]${out.slice(end)}`;
    }
  }
  return out;
}
