import { t } from '../../i18n/lang.js';
import type { Emitter } from '../emitter.js';
import { flowchartsFor, noticeMissingBrowser } from './render-flowcharts.js';

/**
 * `flowcharts/<code>.mmd` and `flowcharts/<code>.svg` of every item. The SVG needs Chromium;
 * without it the build still writes every `.mmd` and says once how to install it.
 */
export const flowchartsEmitter: Emitter = {
  id: 'flowcharts',
  description: '办理流程图（Mermaid 源文件和 SVG） / process flowcharts (Mermaid source and SVG)',
  async emit(catalog, context) {
    const set = await flowchartsFor(catalog, context);
    for (const chart of set.charts.values()) {
      await context.out.write(`flowcharts/${chart.code}.mmd`, chart.source);
      if (chart.svg !== undefined) await context.out.write(`flowcharts/${chart.code}.svg`, chart.svg);
    }
    noticeMissingBrowser(set, context);
    const svgs = [...set.charts.values()].filter((c) => c.svg !== undefined).length;
    const message = t(
      `流程图：${set.charts.size} 个 .mmd，${svgs} 个 SVG（新渲染 ${set.rendered} 个，缓存 ${set.fromCache} 个）`,
      `flowcharts: ${set.charts.size} .mmd, ${svgs} SVG (${set.rendered} rendered, ${set.fromCache} from cache)`,
    );
    context.log(message[context.lang]);
  },
};
