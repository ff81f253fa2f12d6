import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/** An article number such as 第三十五条 or 第35条 (an article, not a chapter or the whole law). */
export const ARTICLE = /第[一二三四五六七八九十百千零〇两\d０-９]+条/;

/** A licensing item (type 01) is set by law: at least one legal basis cites an article. */
export const legalBasisMissing: Rule = {
  id: 'legal-basis-missing',
  severity: 'error',
  scope: 'item',
  description: t('行政许可事项没有写明条款（如“第三十五条”）的设定依据', 'a licensing item without a legal basis that cites an article (such as 第三十五条)'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      if (item.type !== '01') continue;
      if (item.legalBasis.some((b) => ARTICLE.test(b.article))) continue;
      findings.push({
        rule: 'legal-basis-missing',
        file,
        path: '/legalBasis/0/article',
        message: t(
          `行政许可必须由法律法规设定，至少一条设定依据要写明条款号（如“第三十五条”），现为「${item.legalBasis[0]!.article}」`,
          `a licensing item must be set by law: at least one legal basis must cite an article (such as 第三十五条), not “${item.legalBasis[0]!.article}”`,
        ),
      });
    }
    return findings;
  },
};
