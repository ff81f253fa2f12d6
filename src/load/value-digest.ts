import { createHash } from 'node:crypto';

/**
 * sha256 of a value's JSON text (JSON.stringify): for an item, the digest of the elements its
 * feeds are made from (emit/feeds/feeds-cache.ts, itemInput). Made once where an item file is
 * checked and kept with it in the parse cache, so that a build from cached files does not encode
 * and hash every item again. Pure.
 * @example valueDigest({ code: '440100000001' }) // 64 hex digits
 */
export function valueDigest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
