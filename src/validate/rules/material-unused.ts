import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';

/** A material no step checks is either superfluous or missing from the step that checks it. */
export const materialUnused: Rule = {
  id: 'material-unused',
  severity: 'warning',
  scope: 'item',
  description: t('申请材料没有被任何办理环节引用', 'a material no step refers to'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const used = new Set<string>();
      for (const step of item.process.steps) for (const id of step.materials ?? []) used.add(id);
      // A mistyped reference is reported once, by material-unknown with its did-you-mean: the
      // material it was meant for is not also reported as unused.
      const ids = item.materials.map((m) => m.id);
      for (const id of [...used]) if (!ids.includes(id)) for (const near of didYouMean(id, ids, 1)) used.add(near);
      item.materials.forEach((m, i) => {
        if (used.has(m.id)) return;
        findings.push({
          rule: 'material-unused',
          file,
          path: `/materials/${i}`,
          message: t(
            `材料 ${m.id}（${m.name}）没有被任何环节引用：在审核它的环节（通常是受理）的 materials 中列出，或删除这项材料`,
            `material ${m.id} (${m.name}) is not referred to by any step: list it under materials of the step that checks it (usually acceptance), or remove it`,
          ),
        });
      });
    }
    return findings;
  },
};
