import { t } from '../../i18n/lang.js';
import { pointer, type Finding } from '../../diagnostics/diagnostic.js';
import { UNIFIED_DEFAULT } from '../../schema/catalog.js';
import { hallSchema } from '../../schema/hall.js';
import type { Rule } from '../rule.js';

/** Keys a hall file may set at its top level and per item: its own local facts. */
const HALL_KEYS: ReadonlySet<string> = new Set(Object.keys(hallSchema.shape));
const HALL_ITEM_KEYS: ReadonlySet<string> = new Set(Object.keys(hallSchema.shape.items.unwrap().valueType.shape));

/**
 * A hall may add local facts but not change a unified element (十统一): a key listed in
 * catalog.yaml `unified`, at the top of a hall file or under `items.<code>`, is an error at that
 * key. Other unknown keys are reported as schema problems (the hall schema lets them through so
 * that this rule can name what was attempted).
 */
export const unifiedOverride: Rule = {
  id: 'unified-override',
  severity: 'error',
  description: t('大厅文件设置了统一要素（十统一），各地不得改变', 'a hall file sets a unified element, which no hall may change'),
  check(catalog) {
    const unified = new Set<string>(catalog.meta?.unified ?? UNIFIED_DEFAULT);
    const findings: Finding[] = [];
    for (const { file, hall } of catalog.halls) {
      const visit = (segments: string[], key: string, allowed: ReadonlySet<string>, code?: string) => {
        if (allowed.has(key)) return;
        const path = pointer([...segments, key]);
        if (unified.has(key)) {
          findings.push({
            rule: 'unified-override',
            file,
            path,
            at: 'key',
            message: code
              ? t(
                  `${key} 是统一要素，大厅不得为事项 ${code} 改变它；各地只能设置 ${[...HALL_ITEM_KEYS].join('、')}（promised 只能更短）`,
                  `${key} is a unified element that no hall may change for item ${code}; a hall sets only ${[...HALL_ITEM_KEYS].join(', ')} (a shorter promised limit)`,
                )
              : t(`${key} 是统一要素，大厅文件不得设置`, `${key} is a unified element; a hall file may not set it`),
          });
        } else {
          const known = [...allowed].join('、');
          findings.push({
            rule: 'schema',
            file,
            path,
            at: 'key',
            message: t(`未知字段 \`${key}\`；可用：${known}`, `unknown key \`${key}\`; known: ${[...allowed].join(', ')}`),
          });
        }
      };
      const record = hall as Record<string, unknown>;
      for (const key of Object.keys(record)) visit([], key, HALL_KEYS);
      for (const [code, local] of Object.entries(hall.items ?? {})) {
        for (const key of Object.keys(local)) visit(['items', code], key, HALL_ITEM_KEYS, code);
      }
    }
    return findings;
  },
};
