import jsYaml from 'js-yaml';
import { parsePointer } from '../diagnostics/diagnostic.js';
import { readPlainYamlTree } from './yaml-fast.js';

/** A 1-based source position (the same shape as locate.ts's). */
interface Position {
  line: number;
  column: number;
}

/** A node of the parsed document: where it starts, its kind, and its children in source order. */
interface PositionNode {
  start: number;
  kind: string | null;
  result: unknown;
  children: PositionNode[];
}

/**
 * Source positions from js-yaml, the parser that already read the file: its node events give
 * where each node starts, so a problem is located without loading and running the slower `yaml`
 * library (which took longer for 30 files with a problem than js-yaml for all 1,200). Returns
 * undefined for a text or a pointer it cannot vouch for (anchors, aliases, tags, explicit keys,
 * empty values, an odd shape), where the caller uses the `yaml` library, which is always right;
 * test/unit/locate-fast compares both on every pointer of the sample.
 * @example createFastLocator('a:\n  b: 1\n')?.('/a/b') // { line: 2, column: 6 }
 */
export function createFastLocator(text: string): ((path: string, at?: 'key' | 'value') => Position | undefined) | undefined {
  // The plain YAML most files are written in: its nodes come from the fast reader, which gives
  // them exactly as js-yaml's events would (load/yaml-fast.ts); js-yaml reads the rest.
  const plain = readPlainYamlTree(text);
  return plain ? locatorOf(text, plain) : jsYamlLocator(text);
}

function jsYamlLocator(text: string): ((path: string, at?: 'key' | 'value') => Position | undefined) | undefined {
  if (/[&*!]|^\s*\?(\s|$)|^\s*(---|\.\.\.|%)/m.test(text)) return undefined;
  let root: PositionNode | undefined;
  try {
    const stack: PositionNode[] = [{ start: 0, kind: null, result: undefined, children: [] }];
    jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') stack.push({ start: state.position, kind: null, result: undefined, children: [] });
        else {
          const node = stack.pop()!;
          node.kind = state.kind;
          node.result = state.result;
          stack[stack.length - 1]!.children.push(node);
        }
      },
    });
    root = stack[0]!.children[0];
  } catch {
    return undefined;
  }
  return root ? locatorOf(text, root) : undefined;
}

/** The locator over a document's nodes. */
function locatorOf(text: string, top: PositionNode): (path: string, at?: 'key' | 'value') => Position | undefined {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const pos = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  /** Where a node's content begins: past the spaces, line breaks and comments before it. */
  const begin = (node: PositionNode): number => {
    let i = node.start;
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') i++;
      else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
      } else return i;
    }
  };
  const mapping = (node: PositionNode) => node.kind === 'mapping' && node.children.length % 2 === 0;
  const sequence = (node: PositionNode) => node.kind === 'sequence' && Array.isArray(node.result) && node.children.length === node.result.length;
  const empty = (node: PositionNode) => node.kind === null || (node.kind === 'scalar' && node.result === null);
  return (path, at = 'value') => {
    let node: PositionNode = top;
    let keyOffset: number | undefined;
    const segments = parsePointer(path);
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const last = i === segments.length - 1;
      if (node.kind === 'mapping') {
        if (!mapping(node)) return undefined;
        let k = -1;
        for (let j = 0; j < node.children.length; j += 2) {
          const key = node.children[j]!;
          if (key.kind !== 'scalar') return undefined;
          if (String(key.result) === seg) {
            if (k >= 0) return undefined; // a duplicate key: the slow path decides
            k = j;
          }
        }
        if (k < 0) break;
        const key: PositionNode = node.children[k]!;
        const value: PositionNode = node.children[k + 1]!;
        if (empty(value)) return last && at === 'key' ? pos(begin(key)) : undefined;
        if (last && at === 'key') return pos(begin(key));
        keyOffset = begin(key);
        node = value;
      } else if (node.kind === 'sequence') {
        if (!sequence(node)) return undefined;
        const item: PositionNode | undefined = node.children[Number(seg)];
        if (!/^(0|[1-9]\d*)$/.test(seg) || !item) break;
        if (empty(item)) return undefined;
        node = item;
        keyOffset = begin(item);
        if (last) return pos(keyOffset);
      } else break;
      if (last) return pos(begin(node));
    }
    if (segments.length === 0) return empty(top) ? undefined : pos(begin(top));
    return keyOffset !== undefined ? pos(keyOffset) : empty(node) ? undefined : pos(begin(node));
  };
}
