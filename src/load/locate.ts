import type { Document, LineCounter, Node } from 'yaml';
import { parsePointer } from '../diagnostics/diagnostic.js';
import { yamlLibrary } from './yaml-library.js';
import { createFastLocator } from './locate-fast.js';

export interface Position {
  line: number;
  column: number;
}

/**
 * Map JSON pointers to 1-based source positions of one YAML text. The document is parsed with
 * full source ranges only when a file has something to report, so clean files cost nothing.
 * A pointer to a missing key resolves to the key of its nearest existing parent.
 */
export function createLocator(text: string): (path: string, at?: 'key' | 'value') => Position {
  // js-yaml's node positions where they can be trusted; the `yaml` library, loaded then, for the rest.
  let fast: ReturnType<typeof createFastLocator> | null = null;
  let slow: ((path: string, at?: 'key' | 'value') => Position) | undefined;
  return (path, at = 'value') => {
    if (fast === null) fast = createFastLocator(text);
    const found = fast?.(path, at);
    if (found) return found;
    slow ??= createYamlLocator(text);
    return slow(path, at);
  };
}

/** The same map from the `yaml` library's full source ranges: slower, and right for every text. */
export function createYamlLocator(text: string): (path: string, at?: 'key' | 'value') => Position {
  const { isMap, isPair, isScalar, isSeq, LineCounter: Counter, parseDocument } = yamlLibrary();
  let doc: Document.Parsed | undefined;
  const counter: LineCounter = new Counter();
  const pos = (offset: number): Position => {
    const p = counter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return (path, at = 'value') => {
    if (!doc) {
      try {
        doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false });
      } catch {
        return { line: 1, column: 1 };
      }
    }
    let node: unknown = doc.contents;
    let keyOffset: number | undefined;
    const segments = parsePointer(path);
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const last = i === segments.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) break;
        const key = pair.key as Node;
        const value = pair.value as Node | null;
        if (last && (at === 'key' || !value || !value.range)) return pos(key.range?.[0] ?? 0);
        keyOffset = key.range?.[0];
        node = value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) break;
        node = item;
        keyOffset = item.range?.[0];
        if (last) return pos(item.range?.[0] ?? 0);
      } else {
        break;
      }
      if (last) {
        const range = (node as Node | null)?.range;
        return pos(range ? range[0] : (keyOffset ?? 0));
      }
    }
    if (segments.length === 0) {
      const range = (node as Node | null)?.range;
      return pos(range ? range[0] : 0);
    }
    return pos(keyOffset ?? (node as Node | null)?.range?.[0] ?? 0);
  };
}
