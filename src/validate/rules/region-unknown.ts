import { t } from '../../i18n/lang.js';
import { pointer, type Finding } from '../../diagnostics/diagnostic.js';
import type { Catalog, Region } from '../../model/catalog.js';
import { type Tier } from '../../schema/common.js';
import { TIER_NAMES } from '../../schema/vocabulary.js';
import type { Rule } from '../rule.js';
import { editDistance, suggestion } from '../../diagnostics/did-you-mean.js';
import { plainCharacters } from '../../diagnostics/character-hints.js';

/** Code length of each tier: GB/T 2260 for province, city and county; statistical codes below. */
const CODE_LENGTH: Record<Tier, number> = { province: 6, city: 6, county: 6, town: 9, village: 12 };
/** The tier a region's parent must have. Towns may also hang under a city that has no county tier. */
const PARENT_TIER: Record<Tier, Tier | null> = { province: null, city: 'province', county: 'city', town: 'county', village: 'town' };

/**
 * Region codes that exist and sit on the tier they claim: the region tree itself (parents exist,
 * each tier under the right parent tier, codes of the tier's length and inside their parent's),
 * hall files named for an existing region, and the regions of departments.yaml's bodies.
 */
export const regionUnknown: Rule = {
  id: 'region-unknown',
  severity: 'error',
  description: t(
    '区划代码不存在或层级不对：区划表的上下级、大厅文件名、实施主体所在区划',
    'a region code does not exist or sits on the wrong tier: region tree parents, hall file names, body regions',
  ),
  check(catalog) {
    return [...checkTree(catalog), ...checkHalls(catalog), ...checkBodies(catalog)];
  },
};

/** The tree's own findings depend on the regions alone: kept for a catalog checked again with the same regions (validate --watch). */
const treeFindings = new WeakMap<readonly Region[], Finding[]>();

function checkTree(catalog: Catalog): Finding[] {
  let known = treeFindings.get(catalog.regions);
  if (!known) treeFindings.set(catalog.regions, (known = checkTreeOnce(catalog)));
  return known;
}

function checkTreeOnce(catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  const citiesWithCounties = new Set<string>();
  for (const region of catalog.regions) {
    if (region.tier === 'county' && region.parent !== null) citiesWithCounties.add(region.parent);
  }
  const report = (region: Region, zh: string, en: string) =>
    findings.push({ rule: 'region-unknown', file: region.file, path: '', line: region.line, column: 1, message: t(zh, en) });
  const label = (r: Region) => `${r.code} ${r.name}`;

  for (const region of catalog.regions) {
    const length = CODE_LENGTH[region.tier];
    if (region.code.length !== length) {
      report(
        region,
        `${label(region)} 标为${TIER_NAMES[region.tier]}级，其代码应为 ${length} 位，实为 ${region.code.length} 位`,
        `${label(region)} claims tier ${region.tier}, whose codes have ${length} digits, not ${region.code.length}`,
      );
      continue;
    }
    const wantParent = PARENT_TIER[region.tier];
    if (region.parent === null) {
      if (wantParent !== null) {
        report(region, `${label(region)} 缺少上级区划`, `${label(region)} has no parent region`);
      }
      continue;
    }
    if (wantParent === null) {
      report(region, `${label(region)} 是省级区划，不应有上级区划`, `${label(region)} is a province and cannot have a parent`);
      continue;
    }
    const parent = catalog.regionByCode.get(region.parent);
    if (!parent) {
      report(region, `${label(region)} 的上级区划 ${region.parent} 不存在`, `${label(region)} has parent ${region.parent}, which does not exist`);
      continue;
    }
    const townUnderCity = region.tier === 'town' && parent.tier === 'city';
    if (townUnderCity && citiesWithCounties.has(parent.code)) {
      report(
        region,
        `${label(region)} 直接挂在 ${label(parent)} 下，但该市设有县（区）；只有不设区县的市（如东莞、中山）的镇街可直属于市`,
        `${label(region)} hangs directly under ${label(parent)}, which has counties; only towns of a city without counties (Dongguan, Zhongshan) may`,
      );
    } else if (parent.tier !== wantParent && !townUnderCity) {
      report(
        region,
        `${label(region)} 是${TIER_NAMES[region.tier]}级，其上级应为${TIER_NAMES[wantParent]}级，但 ${label(parent)} 是${TIER_NAMES[parent.tier]}级`,
        `${label(region)} is a ${region.tier}, so its parent must be a ${wantParent}; ${label(parent)} is a ${parent.tier}`,
      );
    } else if (!region.code.startsWith(significantPrefix(parent))) {
      report(
        region,
        `${label(region)} 的代码不在上级 ${label(parent)} 的代码范围内（应以 ${significantPrefix(parent)} 开头）`,
        `${label(region)} has a code outside its parent ${label(parent)} (expected it to start with ${significantPrefix(parent)})`,
      );
    }
  }
  return findings;
}

/**
 * Region codes one digit away from `code` (one changed, or two neighbours swapped), with their
 * names, for a did-you-mean. Only looked for when a code is unknown.
 */
export function nearCodes(code: string, catalog: Pick<Catalog, 'regions'>): string[] {
  const digits = plainCharacters(code);
  const out: string[] = [];
  for (const region of catalog.regions) {
    if (region.code.length === digits.length && (region.code === digits || editDistance(region.code, digits, 1) <= 1))
      out.push(`${region.code} ${region.name}`);
    if (out.length === 3) break;
  }
  return out;
}

/** The digits a child's code shares with its parent: 44 for 440000, 4401 for 440100, all of a county's. */
function significantPrefix(parent: Region): string {
  if (parent.tier === 'province') return parent.code.slice(0, 2);
  if (parent.tier === 'city') return parent.code.slice(0, 4);
  return parent.code;
}

function checkHalls(catalog: Catalog): Finding[] {
  if (catalog.regions.length === 0) return [];
  const findings: Finding[] = [];
  for (const { file, hall } of catalog.halls) {
    const name = (file.split('/').pop() ?? '').replace(/\.ya?ml$/i, '');
    if (!catalog.regionByCode.has(name)) {
      findings.push({
        rule: 'region-unknown',
        file,
        path: '/region',
        message: (() => {
          const hint = suggestion(nearCodes(name, catalog));
          return t(
            `大厅文件应以所在区划的代码命名（如 440106.yaml），但区划 ${name} 不存在${hint.zh}`,
            `a hall file is named for its region code (such as 440106.yaml), but there is no region ${name}${hint.en}`,
          );
        })(),
      });
    } else if (hall.region !== name) {
      findings.push({
        rule: 'region-unknown',
        file,
        path: '/region',
        message: t(`region 为 ${hall.region}，与文件名 ${name} 不一致`, `region is ${hall.region}, but the file is named ${name}`),
      });
    }
  }
  return findings;
}

/** Body regions depend on departments.yaml and the regions alone: kept for a catalog checked again with both the same (validate --watch). */
const bodyFindings = new WeakMap<object, { regions: readonly Region[]; file: string; findings: Finding[] }>();

function checkBodies(catalog: Catalog): Finding[] {
  const departments = catalog.departments;
  if (!departments) return [];
  const known = bodyFindings.get(departments);
  if (known && known.regions === catalog.regions && known.file === catalog.departmentsFile) return known.findings;
  const findings = checkBodiesOnce(catalog);
  bodyFindings.set(departments, { regions: catalog.regions, file: catalog.departmentsFile, findings });
  return findings;
}

function checkBodiesOnce(catalog: Catalog): Finding[] {
  const bodies = catalog.departments?.bodies;
  if (!bodies || catalog.regions.length === 0) return [];
  const findings: Finding[] = [];
  for (const [kind, regions] of Object.entries(bodies)) {
    for (const [code, body] of Object.entries(regions)) {
      if (catalog.regionByCode.has(code)) continue;
      findings.push({
        rule: 'region-unknown',
        file: catalog.departmentsFile,
        path: pointer(['bodies', kind, code]),
        at: 'key',
        message: (() => {
          const hint = suggestion(nearCodes(code, catalog));
          return t(`${body.name} 所在区划 ${code} 不存在${hint.zh}`, `${body.name} is placed in region ${code}, which does not exist${hint.en}`);
        })(),
      });
    }
  }
  return findings;
}
