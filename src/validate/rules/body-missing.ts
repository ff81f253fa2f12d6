import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { findMissingBodies } from '../../model/find-missing-bodies.js';
import { TIER_NAMES } from '../../schema/vocabulary.js';
import type { Rule } from '../rule.js';

/** How many region codes one finding names before it says "and N more". */
const SHOWN = 5;

/**
 * A region that decides an item (its tier is in `levels`) needs a body of the item's department
 * in departments.yaml; without one the item is not offered there, nor accepted below for it.
 * One finding per item and level, naming the first regions.
 */
export const bodyMissing: Rule = {
  id: 'body-missing',
  severity: 'warning',
  description: t(
    '作出决定的区划在 departments.yaml 中没有该部门的实施主体，事项在该区划不实施',
    'a deciding region has no body of the item’s department in departments.yaml; the item is not offered there',
  ),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { entry, levelIndex, tier, regions } of findMissingBodies(catalog)) {
      const shown = regions.slice(0, SHOWN).map((r) => `${r.code} ${r.name}`);
      const more = regions.length - shown.length;
      const dept = entry.item.department;
      findings.push({
        rule: 'body-missing',
        file: entry.file,
        path: `/levels/${levelIndex}`,
        message: t(
          `${regions.length} 个${TIER_NAMES[tier]}级区划没有 ${dept} 部门的实施主体，事项在这些区划不实施，下级也不代为受理：${shown.join('、')}${more > 0 ? ` 等（另 ${more} 个）` : ''}`,
          `${regions.length} ${tier}-level region${regions.length === 1 ? ' has' : 's have'} no ${dept} body, so the item is not offered there nor accepted below for it: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
        ),
      });
    }
    return findings;
  },
};
