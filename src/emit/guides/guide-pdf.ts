import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../flowcharts/mermaid-renderer.js';

/**
 * Print a standalone HTML page to an A4 PDF with Chromium, as the browser's print dialog would
 * (the page's print CSS applies). Every request but inline data is refused.
 */
export async function htmlToPdf(executablePath: string, html: string): Promise<Uint8Array> {
  const { default: puppeteer } = await import('puppeteer');
  const profile = await mkdtemp(path.join(tmpdir(), 'licat-chromium-'));
  const browser = await puppeteer.launch({ executablePath, headless: true, userDataDir: profile, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url === 'about:blank' || url.startsWith('data:')) void request.continue();
      else void request.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true });
  } finally {
    await browser.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
