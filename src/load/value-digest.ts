import { createHash } from 'node:crypto';

/** Digests made or kept already, by the value they are of (an item as parsed). */
const known = new WeakMap<object, string>();

/**
 * sha256 of a value's JSON text (JSON.stringify): for an item, the digest of the elements its
 * feeds are made from (emit/feeds/feeds-cache.ts, itemInput). An object's digest is made once and
 * remembered with it (it is never changed once parsed); the parse cache keeps an item's with it
 * (load/parse-cache.ts), so that a build from cached files does not encode and hash every item
 * again. Remembered beside the value, not in it: what a check loads is the same with or without
 * a cache.
 * @example valueDigest({ code: '440100000001' }) // 64 hex digits
 */
export function valueDigest(value: unknown): string {
  const object = typeof value === 'object' && value !== null ? value : undefined;
  const remembered = object && known.get(object);
  if (remembered !== undefined) return remembered;
  const digest = createHash('sha256').update(JSON.stringify(value)).digest('hex');
  if (object) known.set(object, digest);
  return digest;
}

/** The digest of `value` if made or kept already (see valueDigest). */
export function knownDigest(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? known.get(value) : undefined;
}

/** Remember `digest` as `value`'s: the digest kept with it in the parse cache. */
export function rememberDigest(value: unknown, digest: string): void {
  if (typeof value === 'object' && value !== null) known.set(value, digest);
}
