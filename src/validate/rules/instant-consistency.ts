import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { formatDuration } from '../../model/time-limit.js';
import type { Rule } from '../rule.js';

/** An instant item (即办件) promises `instant`, and an `instant` promise is an instant item; instant means 0. */
export const instantConsistency: Rule = {
  id: 'instant-consistency',
  severity: 'error',
  scope: 'item',
  description: t('即办件与“即办”承诺时限不一致，或即办时限数值不为 0', 'instant handling and an instant promise disagree, or an instant limit is not 0'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const { promised, statutory } = item.timeLimit;
      const push = (path: string, zh: string, en: string) => findings.push({ rule: 'instant-consistency', file, path, message: t(zh, en) });
      if (item.handling.kind === 'instant' && promised.unit !== 'instant') {
        const p = formatDuration(promised);
        push(
          '/handling/kind',
          `办件类型为即办件，但承诺时限是 ${p.zh}；即办件的承诺时限写 { value: 0, unit: instant }，否则改为承诺件（promised）`,
          `handling kind is instant, but the promise is ${p.en}; an instant item promises { value: 0, unit: instant }, else make it promised`,
        );
      } else if (item.handling.kind !== 'instant' && promised.unit === 'instant') {
        push(
          '/timeLimit/promised/unit',
          '承诺时限为即办，但办件类型是承诺件；即办的事项把 handling.kind 写为 instant',
          'the promise is instant, but handling kind is promised; an item decided on the spot has handling.kind instant',
        );
      }
      for (const [key, limit] of [
        ['promised', promised],
        ['statutory', statutory],
      ] as const) {
        if (limit.unit === 'instant' && limit.value !== 0) {
          push(`/timeLimit/${key}/value`, `即办时限的数值应为 0，实为 ${limit.value}`, `an instant limit has value 0, not ${limit.value}`);
        }
      }
    }
    return findings;
  },
};
