import { createHash } from 'node:crypto';
import { parsePointer, pointerSegment } from '../diagnostics/diagnostic.js';

/**
 * A JSON pointer rewritten so that it names what it points at rather than where it sits: each
 * list position becomes `@<id>` when the element has an `id` (a material, a step), or
 * `#<fingerprint>` of the element's content otherwise (a condition's text). Inserting,
 * removing or reordering other elements of the list does not change it; editing the element
 * itself (other than its id) changes only a fingerprinted one. A position past the end of the
 * data is kept as a number.
 * @example stableIdentity({ materials: [{ id: 'a' }, { id: 'b' }] }, '/materials/1/name') // '/materials/@b/name'
 */
export function stableIdentity(data: unknown, path: string): string {
  let node: unknown = data;
  let out = '';
  for (const segment of parsePointer(path)) {
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(segment) && Number(segment) < node.length) {
      const element: unknown = node[Number(segment)];
      const id = element !== null && typeof element === 'object' && !Array.isArray(element) ? (element as { id?: unknown }).id : undefined;
      out += typeof id === 'string' || typeof id === 'number' ? `/@${pointerSegment(String(id))}` : `/#${fingerprint(element)}`;
      node = element;
      continue;
    }
    out += `/${pointerSegment(segment)}`;
    node = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return out;
}

/** The first 12 hex digits of the sha256 of a value's JSON, keys in order written. */
export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
    .slice(0, 12);
}
