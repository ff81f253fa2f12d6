import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';
import { didYouMean, suggestion } from '../../diagnostics/did-you-mean.js';

/** A step checks materials by id: every id must name exactly one material of the item. */
export const materialUnknown: Rule = {
  id: 'material-unknown',
  severity: 'error',
  scope: 'item',
  description: t('办理环节引用了不存在的材料标识，或材料标识重复', 'a step refers to a material id that does not exist, or two materials share an id'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const ids = new Map<string, number>();
      item.materials.forEach((m, i) => {
        const first = ids.get(m.id);
        if (first === undefined) ids.set(m.id, i);
        else {
          findings.push({
            rule: 'material-unknown',
            file,
            path: `/materials/${i}/id`,
            message: t(
              `材料标识 ${m.id} 重复（第 ${first + 1} 项材料已使用），环节引用会有歧义`,
              `material id ${m.id} is already used by material ${first + 1}, so references to it are ambiguous`,
            ),
          });
        }
      });
      item.process.steps.forEach((step, i) => {
        step.materials?.forEach((id, k) => {
          if (ids.has(id)) return;
          const known = [...ids.keys()].sort();
          const hint = suggestion(didYouMean(id, ids.keys()));
          findings.push({
            rule: 'material-unknown',
            file,
            path: `/process/steps/${i}/materials/${k}`,
            message: t(
              hint.en
                ? `环节 ${step.id} 引用的材料 ${id} 不存在${hint.zh}`
                : `环节 ${step.id} 引用的材料 ${id} 不存在；已有材料：${known.join('、') || '（无）'}`,
              hint.en
                ? `step ${step.id} refers to material ${id}, which does not exist${hint.en}`
                : `step ${step.id} refers to material ${id}, which does not exist; materials: ${known.join(', ') || '(none)'}`,
            ),
          });
        });
      });
    }
    return findings;
  },
};
