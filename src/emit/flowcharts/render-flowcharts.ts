import { availableParallelism } from 'node:os';
import { t, type Text } from '../../i18n/lang.js';
import type { Catalog } from '../../model/catalog.js';
import type { EmitContext } from '../emitter.js';
import { itemsByCode } from '../items-by-code.js';
import { findChromium } from './find-chromium.js';
import { flowchartSource } from './mermaid-source.js';
import { MermaidRenderer, RENDER_CONFIG, mermaidPageScript } from './mermaid-renderer.js';
import { SvgCache } from './svg-cache.js';
import { assertSafeSvg, svgProblem } from './svg-safety.js';

/** One item's flowchart: its Mermaid source, and the SVG when a browser could render it. */
export interface Flowchart {
  code: string;
  source: string;
  svg: string | undefined;
}

export interface FlowchartSet {
  /** By basic code, in code order. */
  charts: Map<string, Flowchart>;
  rendered: number;
  fromCache: number;
  /** Why there are no SVGs (no browser, browser failed to start), or undefined. */
  missingBrowser: Text | undefined;
  /** Set once the notice about the missing browser has been shown, so a build says it once. */
  noticeShown?: boolean;
}

/** Say, once per build, why the flowcharts have no SVG. */
export function noticeMissingBrowser(set: FlowchartSet, context: EmitContext): void {
  if (!set.missingBrowser || set.noticeShown) return;
  set.noticeShown = true;
  (context.warn ?? context.log)(set.missingBrowser[context.lang]);
}

/** What the renderer depends on: the browser, and a way to open it (tests swap it). */
export interface RenderOptions {
  env?: NodeJS.ProcessEnv;
  open?: (executable: string) => Promise<Pick<MermaidRenderer, 'render' | 'close'>>;
}

const memo = new WeakMap<Catalog, Promise<FlowchartSet>>();

/**
 * Every item's flowchart, rendered once per catalog and shared by the flowcharts and guides
 * emitters of one build. Renders only what the cache lacks, with one browser and one page.
 * Without a browser the sources are still there and `missingBrowser` says why there is no SVG.
 * @example const { charts } = await flowchartsFor(catalog, context); charts.get('440101001000')?.svg
 */
export function flowchartsFor(catalog: Catalog, context: EmitContext, options: RenderOptions = {}): Promise<FlowchartSet> {
  let result = memo.get(catalog);
  if (!result) {
    result = renderFlowcharts(catalog, context, options);
    memo.set(catalog, result);
    result.catch(() => memo.delete(catalog));
  }
  return result;
}

async function renderFlowcharts(catalog: Catalog, context: EmitContext, options: RenderOptions): Promise<FlowchartSet> {
  const cache = new SvgCache(context.cacheDir);
  const { version, patches } = await mermaidPageScript();
  const charts = new Map<string, Flowchart>();
  const todo: { chart: Flowchart; key: string }[] = [];
  let fromCache = 0;
  for (const item of itemsByCode(catalog)) {
    const chart: Flowchart = { code: item.code, source: await flowchartSource(item), svg: undefined };
    charts.set(item.code, chart);
    const key = SvgCache.key({ id: svgId(chart.code), source: chart.source, mermaidVersion: version, patches, config: RENDER_CONFIG });
    const cached = await cache.get(key);
    // A cached file that fails the safety check was tampered with or is damaged: render anew.
    if (cached !== undefined && svgProblem(cached) === undefined) {
      chart.svg = cached;
      fromCache++;
    } else {
      todo.push({ chart, key });
    }
  }
  if (todo.length === 0) return { charts, rendered: 0, fromCache, missingBrowser: undefined };

  const executable = await findChromium(options.env ?? process.env);
  if (!executable) return { charts, rendered: 0, fromCache, missingBrowser: NO_BROWSER };
  const open = options.open ?? ((executable: string) => MermaidRenderer.open(executable));
  let first: Renderer;
  try {
    first = await open(executable);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return { charts, rendered: 0, fromCache, missingBrowser: browserFailed(executable, reason) };
  }
  // Chromium renders one diagram at a time per page: with many to render, more browsers use the
  // other cores (1,200 diagrams: 9.9 a second with one, 18 with two, on 2 cores). They open while
  // the first one already renders; one that fails to open is simply not used.
  const renderers: Renderer[] = [first];
  const extra = todo.length >= MIN_PER_RENDERER * 2 ? Math.min(MAX_RENDERERS, availableParallelism(), Math.floor(todo.length / MIN_PER_RENDERER)) - 1 : 0;
  let next = 0;
  let done = 0;
  let failure: unknown;
  const work = async (renderer: Renderer) => {
    while (failure === undefined && next < todo.length) {
      const { chart, key } = todo[next++]!;
      try {
        const svg = await renderer.render(svgId(chart.code), chart.source).catch((error: unknown) => {
          throw new Error(`flowchart ${chart.code}: ${error instanceof Error ? error.message : String(error)}`);
        });
        assertSafeSvg(svg, `flowchart ${chart.code}`);
        chart.svg = svg;
        await cache.set(key, svg);
      } catch (error) {
        failure ??= error;
      }
      context.progress?.('flowcharts', ++done, todo.length);
    }
  };
  context.progress?.('flowcharts', 0, todo.length);
  // Two calls in flight per page: the page starts the next diagram as soon as one is done,
  // instead of idling while the SVG travels to us and the next source travels back.
  const lanes = (renderer: Renderer) => Promise.all(Array.from({ length: CALLS_IN_FLIGHT }, () => work(renderer)));
  const more = Array.from({ length: Math.max(0, extra) }, async () => {
    const renderer = await open(executable).catch(() => undefined);
    if (!renderer) return;
    renderers.push(renderer);
    await lanes(renderer);
  });
  try {
    await Promise.all([lanes(first), ...more]);
  } finally {
    await Promise.all(renderers.map((r) => r.close()));
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what a render threw, as it was
  if (failure !== undefined) throw failure;
  return { charts, rendered: todo.length, fromCache, missingBrowser: undefined };
}

type Renderer = Pick<MermaidRenderer, 'render' | 'close'>;

/** The id of an item's SVG element, which also prefixes the ids and styles inside it. */
const svgId = (code: string) => `flowchart-${code}`;

/** Fewest diagrams worth opening another browser for (one opens in about 1-2 s). */
const MIN_PER_RENDERER = 40;
/** Most browsers at once (each holds a few hundred MB). */
const MAX_RENDERERS = 4;
/** Diagrams handed to one page at a time (mermaid renders them one after the other). */
export const CALLS_IN_FLIGHT = 2;

const INSTALL = 'apt-get install chromium fonts-noto-cjk';

const NO_BROWSER = t(
  `流程图只写出了 .mmd 源文件，没有生成 SVG：渲染 SVG 需要 Chromium。安装：${INSTALL}（或用环境变量 LICAT_CHROMIUM 指定 Chromium/Chrome 程序的路径）。`,
  `Flowcharts were written as .mmd only, without SVG: rendering SVG needs Chromium. Install it with: ${INSTALL} (or point LICAT_CHROMIUM at a Chromium or Chrome executable).`,
);

function browserFailed(executable: string, reason: string): Text {
  return t(
    `流程图只写出了 .mmd 源文件，没有生成 SVG：Chromium（${executable}）无法启动：${reason}。请检查安装：${INSTALL}。`,
    `Flowcharts were written as .mmd only, without SVG: Chromium (${executable}) failed to start: ${reason}. Check the installation: ${INSTALL}.`,
  );
}
