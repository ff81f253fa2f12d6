import { t } from '../../i18n/lang.js';
import { planExpansion } from '../../model/expand.js';
import { UNIFIED_DEFAULT } from '../../schema/catalog.js';
import { TIERS } from '../../schema/common.js';
import type { RegionNode } from '../../schema/feeds.js';
import type { Emitter } from '../emitter.js';
import { codeLabels, regionCodes } from '../feeds/codes.js';
import { catalogRef } from '../feeds/feed-paths.js';
import { hallFeed } from '../feeds/hall-feed.js';
import { itemFeed } from '../feeds/item-feed.js';
import { flowchartsFor, noticeMissingBrowser } from '../flowcharts/render-flowcharts.js';
import { guideModel } from '../guides/guide-model.js';
import { flowchartView } from '../guides/guides-emitter.js';
import { compileGuideTemplates } from '../guides/render-guide.js';
import { readTemplate } from '../template-files.js';
import { readLifeEvents } from './life-events.js';
import { pinyinKeys, traditionalToSimplified } from './search-keys.js';
import { dataScript, SiteHallGroups } from './site-data.js';

/** The page's own files, copied from templates/ as they are: output name → template. */
const STATIC_FILES = [
  ['index.html', 'site/index.html'],
  ['site.js', 'site/site.js'],
  ['site.css', 'site/site.css'],
  ['guide.css', 'guide.css'],
  ['guide-large.css', 'guide-large.css'],
] as const;

/**
 * `site/`, a static portal preview: choose a hall (city → county → town → village, or by name),
 * see its items by department and by life event, open any item's guide for that hall with its
 * flowchart. One page and its script; the data are script files (`data/*.js`) that the page loads
 * as it needs them, so it works opened from disk (`file://`, where a page may not fetch() local
 * files) and from any static host, and it requests nothing outside the output folder. The hall
 * data come from the hall feeds, grouped by city; there is no page per hall.
 */
export const siteEmitter: Emitter = {
  id: 'site',
  description: "门户预览：按大厅浏览事项和办事指南的静态网站 / static portal preview: browse a hall's items and guides",
  async emit(catalog, context) {
    const ref = catalogRef(catalog);
    const expansion = planExpansion(catalog);
    const unified = catalog.meta?.unified ?? [...UNIFIED_DEFAULT];
    // Everything below comes from the feed objects (item feeds, hall feeds) and the code lists,
    // made by the feeds emitter's own functions.
    const items = expansion.items.map((entry) => itemFeed(entry, unified).item);
    const itemIndex = new Map(items.map((item, i) => [item.code, i]));
    const labels = codeLabels(catalog).lists;
    const departmentName = new Map((labels.department ?? []).map((d) => [d.code, d.zh]));

    // Halls: one feed object per hall, as the feeds emitter makes them, folded into city groups.
    const groups = new SiteHallGroups(itemIndex);
    for (const region of expansion.tree.halls) {
      const feed = hallFeed(expansion.expandHall(region));
      groups.add({ hall: feed.hall, offers: feed.offers });
    }
    const hallGroups = groups.result();
    for (const group of hallGroups) await context.out.write(`site/data/halls/${group.group}.js`, dataScript('halls', group.group, group));

    // Regions: the code lists' tree (codes/regions.json and its city pages), flattened.
    const regions = flattenRegions(
      regionCodes(expansion.tree, catalog.regions).flatMap(([, page]) => page.regions),
      (code) => expansion.tree.byCode.get(code)?.parent ?? null,
    );
    await context.out.write('site/data/regions.js', dataScript('regions', 'all', regions));

    // Items, with the keys the search matches, and the life events.
    const events = readLifeEvents().events;
    for (const event of events) {
      const unknown = event.items.filter((code) => !itemIndex.has(code));
      if (unknown.length > 0) {
        (context.warn ?? context.log)(
          t(
            `生活主题“${event.name}”列出的事项不在目录中：${unknown.join('、')}`,
            `life event ${event.id} names items not in the catalog: ${unknown.join(', ')}`,
          )[context.lang],
        );
      }
    }
    const keys = await pinyinKeys(items.map((item) => item.name));
    const departments = [...new Set(items.map((i) => i.department))];
    const order = Object.keys(catalog.departments?.kinds ?? {});
    departments.sort((a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : 1));
    const deptName = (key: string) => departmentName.get(key) ?? key;
    const words = [...items.map((i) => i.name), ...departments.map(deptName)];
    const texts = [...words, ...catalog.regions.map((r) => r.name)];
    await context.out.write(
      'site/data/catalog.js',
      dataScript('catalog', 'all', {
        name: catalog.meta?.name ?? '',
        version: ref.version,
        departments: departments.map((key) => ({ key, name: deptName(key) })),
        events: events.map((e) => ({ id: e.id, name: e.name, items: e.items.filter((c) => itemIndex.has(c)) })),
        items: items.map((item, i) => ({ code: item.code, name: item.name, department: item.department, pinyin: keys[i]!.full, initials: keys[i]!.initials })),
        traditional: await traditionalToSimplified(texts, words),
      }),
    );

    // Guides: the sections of each item's guide, section 八 filled by the page for the chosen hall.
    const [templates, flowcharts] = await Promise.all([compileGuideTemplates(), flowchartsFor(catalog, context)]);
    noticeMissingBrowser(flowcharts, context);
    for (const item of items) {
      const chart = flowcharts.charts.get(item.code);
      const model = guideModel(catalog, item, []);
      model.where.placeholder = true;
      const flowchart = chart?.svg !== undefined ? { ...flowchartView(item.code, chart, templates.safe), svgHref: undefined, mmdHref: undefined } : undefined;
      const html = templates.body({ ...model, ...(flowchart && { flowchart }) });
      await context.out.write(`site/data/guides/${item.code}.js`, dataScript('guide', item.code, { html }));
    }
    for (const [name, template] of STATIC_FILES) await context.out.write(`site/${name}`, await readTemplate(template));
    context.log(
      t(
        `门户预览：${expansion.tree.halls.length.toLocaleString('en-US')} 个大厅（${hallGroups.length} 个数据文件）、${items.length} 个事项的办事指南`,
        `site: ${expansion.tree.halls.length.toLocaleString('en-US')} halls (${hallGroups.length} data files), guides of ${items.length} items`,
      )[context.lang],
    );
  },
};

const TIER_INDEX = new Map(TIERS.map((tier, i) => [tier, i]));

/**
 * The region tree of the code lists as rows `[code, name, tier index, parent]` in code order. A
 * city page's towns are roots of their page: their parent is looked up.
 */
function flattenRegions(roots: readonly RegionNode[], parentOf: (code: string) => string | null): Array<[string, string, number, string]> {
  const rows: Array<[string, string, number, string]> = [];
  const walk = (node: RegionNode, parent: string | null) => {
    rows.push([node.code, node.name, TIER_INDEX.get(node.tier) ?? 0, parent ?? '']);
    for (const child of node.children ?? []) walk(child, node.code);
  };
  for (const root of roots) walk(root, parentOf(root.code));
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}
