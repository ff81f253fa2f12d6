import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { newChromiumProfile } from './chromium-profile.js';
import { patchMermaidBundle } from './mermaid-bundle-patch.js';
import { MAX_PROCESS_EDGES } from '../../model/process-graph.js';

const require = createRequire(import.meta.url);

/** The locally installed mermaid: its browser bundle and version (part of the cache key). */
export async function mermaidBundle(): Promise<{ file: string; version: string }> {
  const pkgFile = require.resolve('mermaid/package.json');
  const { version } = JSON.parse(await readFile(pkgFile, 'utf8')) as { version: string };
  return { file: path.join(path.dirname(pkgFile), 'dist', 'mermaid.min.js'), version };
}

let pageScript: Promise<{ text: string; version: string; patches: string[] }> | undefined;

/**
 * mermaid as the render page loads it: the bundle through `patchMermaidBundle`, read once per
 * process. Its version and the names of the patches that applied are part of the SVG cache key.
 * @example const { version, patches } = await mermaidPageScript();
 */
export function mermaidPageScript(): Promise<{ text: string; version: string; patches: string[] }> {
  if (!pageScript) {
    pageScript = (async () => {
      const { file, version } = await mermaidBundle();
      const { text, applied } = patchMermaidBundle(await readFile(file, 'utf8'));
      return { text, version, patches: applied };
    })();
    pageScript.catch(() => (pageScript = undefined));
  }
  return pageScript;
}

/**
 * How every flowchart is rendered. `htmlLabels: false` puts labels in SVG <text> (no
 * foreignObject), so LibreOffice, image viewers and printers show the Chinese text;
 * `securityLevel: 'strict'` disables click handlers and sanitises labels; the seed and
 * deterministic ids make the same source give the same SVG.
 */
export const RENDER_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'default',
  look: 'classic',
  htmlLabels: false,
  fontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif",
  flowchart: { htmlLabels: false, useMaxWidth: false, curve: 'basis' },
  handDrawnSeed: 1,
  deterministicIds: true,
  maxTextSize: 500_000,
  // Every process that passes the process-size rule fits: its edges and the link to the notes box.
  maxEdges: MAX_PROCESS_EDGES + 1,
} as const;

/** Chromium switches: no sandbox (containers, root), no GPU, and nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * One headless Chromium and one page, reused for every diagram: mermaid's bundle loads once
 * (`mermaidPageScript`), then each diagram is one `mermaid.render` call (about 0.07 s,
 * against about 2 s for `mmdc` per diagram). The page makes no network request: every request
 * is aborted.
 * @example
 * const renderer = await MermaidRenderer.open('/usr/bin/chromium');
 * try { svg = await renderer.render('flowchart-440101001000', source); } finally { await renderer.close(); }
 */
export class MermaidRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly profile: string,
  ) {}

  /**
   * Start the browser and load mermaid into its page. `exactBundle` loads mermaid's bundle as
   * published, without `patchMermaidBundle` (the tests compare both).
   */
  static async open(executablePath: string, options: { exactBundle?: boolean } = {}): Promise<MermaidRenderer> {
    const { default: puppeteer } = await import('puppeteer');
    const profile = await newChromiumProfile();
    let browser: Browser | undefined;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        userDataDir: profile,
        args: CHROMIUM_ARGS,
        // Driven through a pipe, not a socket: when licat dies, even by SIGKILL, the browser reads
        // the end of the pipe and exits, instead of running on with its renderers.
        pipe: true,
        protocolTimeout: 120_000,
      });
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        if (url === 'about:blank' || url.startsWith('data:')) void request.continue();
        else void request.abort('blockedbyclient');
      });
      await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
      const script = options.exactBundle ? await readFile((await mermaidBundle()).file, 'utf8') : (await mermaidPageScript()).text;
      await page.addScriptTag({ content: script });
      await page.evaluate((config) => {
        (globalThis as unknown as PageGlobals).mermaid.initialize(config);
      }, RENDER_CONFIG);
      return new MermaidRenderer(browser, page, profile);
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Render one diagram to a standalone SVG document (XML, with its width and height).
   * `id` becomes the SVG's id and prefixes its inner ids. Calls may overlap: mermaid renders one
   * diagram at a time in its own queue, so a second call keeps the page busy while the result of
   * the first travels back.
   */
  async render(id: string, source: string): Promise<string> {
    return this.page.evaluate(
      async (svgId, text) => {
        // Runs in the page; the project compiles without the DOM library, hence the loose types.
        const page = globalThis as unknown as PageGlobals;
        try {
          const { svg } = await page.mermaid.render(svgId, text);
          // mermaid returns HTML markup: parse it in an inert template (nothing is laid out or
          // painted), write it out as XML, and check that the XML parses.
          const template = page.document.createElement('template');
          template.innerHTML = svg;
          const element = template.content.querySelector('svg');
          if (!element) throw new Error('mermaid returned no <svg>');
          const xml = new page.XMLSerializer().serializeToString(element);
          const check = new page.DOMParser().parseFromString(xml, 'image/svg+xml');
          if (check.getElementsByTagName('parsererror').length > 0) throw new Error('mermaid returned an SVG that is not well-formed XML');
          return xml;
        } finally {
          // mermaid leaves its scratch element behind when a diagram fails.
          page.document.getElementById(`d${svgId}`)?.remove();
        }
      },
      id,
      source,
    );
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      await rm(this.profile, { recursive: true, force: true });
    }
  }
}

/** The little of the browser's globals the render page uses. */
interface PageElement {
  innerHTML: string;
  querySelector(selector: string): PageElement | null;
  remove(): void;
}
interface PageTemplate extends PageElement {
  content: { querySelector(selector: string): PageElement | null };
}
interface PageGlobals {
  document: { getElementById(id: string): PageElement | null; createElement(name: 'template'): PageTemplate };
  mermaid: { initialize(config: unknown): void; render(id: string, text: string): Promise<{ svg: string }> };
  XMLSerializer: new () => { serializeToString(node: PageElement): string };
  DOMParser: new () => { parseFromString(text: string, type: string): { getElementsByTagName(name: string): { length: number } } };
}
