import { TIER_LEVEL_DIGIT, type Tier } from '../schema/common.js';
import type { Item } from '../schema/item.js';

/** One implementation code of an item at a hall, with its handling item when the item has several. */
export interface ImplementationCode {
  code: string;
  handlingItem?: { suffix: string; name: string };
}

/**
 * The implementation code (实施编码) of an item as decided by one body: the body's unified social
 * credit code (18) + the exercise-level digit of the tier it acts at (1) + the basic code (12),
 * and one code per handling item with its 2-digit suffix appended (33 characters).
 * @example implementationCodes('11440100007482575H', 'city', item)[0].code
 *   // '11440100007482575H3440118009000'
 */
export function implementationCodes(uscc: string, level: Tier, item: Pick<Item, 'code' | 'handlingItems'>): ImplementationCode[] {
  const base = uscc + TIER_LEVEL_DIGIT[level] + item.code;
  if (!item.handlingItems || item.handlingItems.length === 0) return [{ code: base }];
  return item.handlingItems.map((h) => ({ code: base + h.suffix, handlingItem: { suffix: h.suffix, name: h.name } }));
}
