import { constants } from 'node:fs';
import { access } from 'node:fs/promises';

/** Where Debian, Ubuntu, Fedora and macOS put Chromium or Chrome. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * The browser that renders flowcharts: `LICAT_CHROMIUM` when set (and then only it, so a
 * wrong path is not silently replaced by another browser), else `PUPPETEER_EXECUTABLE_PATH`,
 * else a system Chromium or Chrome, else the one puppeteer downloaded. Undefined when none
 * is installed.
 * @example await findChromium({ LICAT_CHROMIUM: '/usr/bin/chromium' }) // '/usr/bin/chromium'
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const explicit = env.LICAT_CHROMIUM?.trim() || env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (explicit) return (await isExecutable(explicit)) ? explicit : undefined;
  for (const candidate of SYSTEM_BROWSERS) {
    if (await isExecutable(candidate)) return candidate;
  }
  const downloaded = await puppeteerBrowser();
  return downloaded && (await isExecutable(downloaded)) ? downloaded : undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function puppeteerBrowser(): Promise<string | undefined> {
  try {
    const { default: puppeteer } = await import('puppeteer');
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}
