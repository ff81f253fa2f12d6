import { createHash } from 'node:crypto';
import { t } from '../../i18n/lang.js';
import type { Catalog } from '../../model/catalog.js';
import { TIERS } from '../../schema/common.js';
import { TIER_NAMES } from '../../schema/vocabulary.js';
import type { Item } from '../../schema/item.js';
import type { Emitter } from '../emitter.js';
import { flowchartsFor, noticeMissingBrowser, type Flowchart } from '../flowcharts/render-flowcharts.js';
import { assertSafeSvg } from '../flowcharts/svg-safety.js';
import { itemsByCode } from '../items-by-code.js';
import { departmentName, durationText, tierNames } from '../labels.js';
import { readTemplate } from '../template-files.js';
import { compileGuideTemplates, type GuideTemplates } from './render-guide.js';
import { guideModel, hallsByItem } from './guide-model.js';

/**
 * The Content-Security-Policy of every guide: nothing loads from anywhere (no CDN, no font,
 * no image but inline data), no script runs except the index's own, allowed by its hash.
 * Styles may be inline: the guide's stylesheet and the flowchart SVG's own style.
 */
export function guideCsp(scriptHashes: readonly string[] = []): string {
  const script = scriptHashes.length > 0 ? scriptHashes.map((h) => `'${h}'`).join(' ') : "'none'";
  return `default-src 'none'; script-src ${script}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** The CSP source of an inline script: `sha256-<base64>` of its exact text. */
export function scriptHash(script: string): string {
  return `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
}

/**
 * `guides/<code>.html`, the printable service guide (办事指南) of every item, and
 * `guides/index.html`, the list of them filterable by text, department and tier. The flowchart
 * is inlined as SVG when Chromium rendered it, else the guide links its Mermaid source.
 */
export const guidesEmitter: Emitter = {
  id: 'guides',
  description: '办事指南（HTML，可打印） / printable service guides (HTML)',
  async emit(catalog, context) {
    const [templates, flowcharts, { planExpansion }] = await Promise.all([
      compileGuideTemplates(),
      flowchartsFor(catalog, context),
      import('../../model/expand.js'),
    ]);
    noticeMissingBrowser(flowcharts, context);
    const halls = hallsByItem(catalog, planExpansion(catalog));
    const items = itemsByCode(catalog);
    for (const item of items) {
      const chart = flowcharts.charts.get(item.code);
      const html = templates.render('full', {
        ...guideModel(catalog, item, halls.get(item.code) ?? []),
        csp: guideCsp(),
        backHref: 'index.html',
        flowchart: flowchartView(item.code, chart, templates.safe),
      });
      await context.out.write(`guides/${item.code}.html`, html);
    }
    const script = await readTemplate('guides-index.js');
    await context.out.write(
      'guides/index.html',
      templates.index({ ...indexModel(catalog, items), csp: guideCsp([scriptHash(script)]), script: templates.safe(script) }),
    );
    context.log(t(`办事指南：${items.length} 个事项和目录页`, `guides: ${items.length} items and the index`)[context.lang]);
  },
};

/** The flowchart of a guide: the checked SVG inline, with links to the SVG and Mermaid files beside `hrefBase`. */
export function flowchartView(code: string, chart: Flowchart | undefined, safe: GuideTemplates['safe'], hrefBase = '../flowcharts/') {
  const svg = chart?.svg;
  if (svg !== undefined) assertSafeSvg(svg, `flowchart ${code}`);
  return {
    svg: svg === undefined ? undefined : safe(svg.replace(/^<\?xml[^>]*>\s*/, '')),
    svgHref: `${hrefBase}${code}.svg`,
    mmdHref: `${hrefBase}${code}.mmd`,
  };
}

function indexModel(catalog: Catalog, items: readonly Item[]) {
  const kinds = catalog.departments?.kinds;
  const used = new Set(items.map((i) => i.department));
  const departmentOrder = [...Object.keys(kinds ?? {}), ...[...used].filter((d) => !(kinds && Object.hasOwn(kinds, d))).sort()].filter((d) => used.has(d));
  const rank = new Map(departmentOrder.map((d, i) => [d, i]));
  const sorted = [...items].sort((a, b) => (rank.get(a.department) ?? 0) - (rank.get(b.department) ?? 0) || (a.code < b.code ? -1 : 1));
  return {
    catalogName: catalog.meta?.name ?? '',
    catalogVersion: catalog.meta?.version ?? '',
    departments: departmentOrder.map((key) => ({ key, name: departmentName(kinds, key) })),
    tiers: TIERS.filter((tier) => items.some((i) => i.levels.includes(tier) || i.acceptedAt?.includes(tier))).map((key) => ({
      key,
      name: TIER_NAMES[key],
    })),
    items: sorted.map((item) => {
      const deptName = departmentName(kinds, item.department);
      return {
        code: item.code,
        name: item.name,
        href: `${item.code}.html`,
        department: item.department,
        departmentName: deptName,
        tierKeys: [...new Set([...item.levels, ...(item.acceptedAt ?? [])])].join(' '),
        levels: tierNames(item.levels),
        acceptedAt: tierNames(item.acceptedAt) || '—',
        promised: durationText(item.timeLimit.promised),
        visits: String(item.handling.visits),
        searchText: `${item.code} ${item.name} ${deptName}`.toLowerCase(),
      };
    }),
  };
}
