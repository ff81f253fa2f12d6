import { t, type Text } from '../../i18n/lang.js';
import type { Catalog } from '../../model/catalog.js';
import { planExpansion } from '../../model/expand.js';
import type { EmitContext } from '../emitter.js';
import { flowchartsFor, type FlowchartSet } from '../flowcharts/render-flowcharts.js';
import { guideCsp, flowchartView } from './guides-emitter.js';
import { guideModel, hallsByItem } from './guide-model.js';
import { hallGuideModel } from './hall-guide.js';
import { itemPageUrl, qrSvg } from './qr-code.js';
import { compileGuideTemplates, type GuideVariant } from './render-guide.js';

export interface PrintGuideRequest {
  itemCode: string;
  /** Region code of the hall the applicant walks into; without it, the province-wide guide. */
  hall?: string;
  variant: GuideVariant;
  /** Where the output folder is published; the QR code opens the item's page under it. */
  baseUrl?: string;
  /** Render the flowchart (needs Chromium); the counter version has none. */
  flowchart: boolean;
}

/** A guide as one standalone HTML document, or why it cannot be made (a user error). */
export type PrintedGuide = { html: string; notices: Text[] } | { error: Text };

/**
 * One service guide as a standalone HTML page (`licat guide`): the item's guide for one hall
 * (see hall-guide.ts) in the chosen variant, its flowchart inline, and the QR code to the item's
 * page when a base URL is given. Nothing in it loads from anywhere.
 */
export async function printGuide(catalog: Catalog, request: PrintGuideRequest, context: EmitContext): Promise<PrintedGuide> {
  const { itemCode, hall, variant } = request;
  const expansion = planExpansion(catalog);
  let model;
  if (hall !== undefined) {
    const found = hallGuideModel(catalog, expansion, hall, itemCode);
    if ('problem' in found) {
      if (found.problem === 'unknown-item')
        return { error: t(`目录中没有基本编码为 ${itemCode} 的事项`, `no item with basic code ${itemCode} in the catalog`) };
      if (found.problem === 'unknown-hall') return { error: t(`没有区划代码为 ${hall} 的大厅`, `no hall with region code ${hall}`) };
      const why = found.reason ? t(`：${found.reason}`, `: ${found.reason}`) : t('', '');
      return { error: t(`大厅 ${hall} 不办理事项 ${itemCode}${why.zh}`, `hall ${hall} does not offer item ${itemCode}${why.en}`) };
    }
    model = found.model;
  } else {
    const entry = expansion.items.find((e) => e.item.code === itemCode);
    if (!entry) return { error: t(`目录中没有基本编码为 ${itemCode} 的事项`, `no item with basic code ${itemCode} in the catalog`) };
    model = guideModel(catalog, entry.item, hallsByItem(catalog, expansion).get(itemCode) ?? []);
  }
  const templates = await compileGuideTemplates();
  const notices: Text[] = [];
  let charts: FlowchartSet | undefined;
  if (request.flowchart && variant !== 'short') {
    // A catalog of this one item, so that only its diagram is rendered.
    const one = { ...catalog, items: catalog.items.filter((e) => e.item.code === itemCode) };
    charts = await flowchartsFor(one, context);
    if (charts.missingBrowser) notices.push(charts.missingBrowser);
  }
  const chart = charts?.charts.get(itemCode);
  const flowchart = chart?.svg !== undefined ? { ...flowchartView(itemCode, chart, templates.safe), svgHref: undefined, mmdHref: undefined } : undefined;
  let qr;
  if (request.baseUrl !== undefined) {
    const url = itemPageUrl(request.baseUrl, itemCode, hall);
    qr = { svg: templates.safe(await qrSvg(url)), url };
  } else {
    notices.push(t('未指定 --base-url，打印的指南不带二维码', 'no --base-url: the printed guide has no QR code'));
  }
  const html = templates.render(variant, { ...model, csp: guideCsp(), ...(flowchart && { flowchart }), ...(qr && { qr }) });
  return { html, notices };
}
