import { t } from '../../i18n/lang.js';
import { pointer, type Finding } from '../../diagnostics/diagnostic.js';
import { usccCheckChar } from '../../model/uscc.js';
import type { Rule } from '../rule.js';
import type { Departments } from '../../schema/departments.js';

/** Every implementing body's credit code in departments.yaml carries the right GB 32100 check character. */
export const usccChecksum: Rule = {
  id: 'uscc-checksum',
  severity: 'error',
  description: t('实施主体的统一社会信用代码校验码错误（GB 32100-2015）', "an implementing body's unified social credit code fails the GB 32100-2015 check"),
  check(catalog) {
    const departments = catalog.departments;
    if (!departments) return [];
    // The findings depend on departments.yaml alone: kept for a catalog checked again with the
    // same file (validate --watch).
    const known = checked.get(departments);
    if (known?.file === catalog.departmentsFile) return known.findings;
    const findings = checkBodies(departments.bodies, catalog.departmentsFile);
    checked.set(departments, { file: catalog.departmentsFile, findings });
    return findings;
  },
};

const checked = new WeakMap<Departments, { file: string; findings: Finding[] }>();

function checkBodies(bodies: Departments['bodies'], departmentsFile: string): Finding[] {
  const findings: Finding[] = [];
  for (const [kind, regions] of Object.entries(bodies)) {
    for (const [region, body] of Object.entries(regions)) {
      const expected = usccCheckChar(body.uscc.slice(0, 17));
      if (expected === body.uscc[17]) continue;
      findings.push({
        rule: 'uscc-checksum',
        file: departmentsFile,
        path: pointer(['bodies', kind, region, 'uscc']),
        message: expected
          ? t(
              `${body.name} 的统一社会信用代码 ${body.uscc} 校验不通过：第 18 位应为 ${expected}，实为 ${body.uscc[17]}（请核对代码是否抄错）`,
              `credit code ${body.uscc} of ${body.name} fails the check: character 18 should be ${expected}, not ${body.uscc[17]} (was it copied wrongly?)`,
            )
          : t(`${body.name} 的统一社会信用代码 ${body.uscc} 格式不正确`, `credit code ${body.uscc} of ${body.name} is malformed`),
      });
    }
  }
  return findings;
}
