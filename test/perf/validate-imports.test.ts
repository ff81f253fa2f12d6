import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copySample, licat, tempDir } from '../helpers.js';

/**
 * Every module a run of licat loads (ES modules through a loader hook, CommonJS ones from the
 * require cache at exit), one per line on stderr after `LOADED `.
 */
function loadedModules(args: string[]): string[] {
  const dir = tempDir();
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, 'export async function load(url, context, next) {\n  process.stderr.write(`LOADED ${url}\\n`);\n  return next(url, context);\n}\n');
  const entry = path.join(dir, 'register.mjs');
  writeFileSync(
    entry,
    [
      "import { createRequire, register } from 'node:module';",
      `register(${JSON.stringify(pathToFileURL(hooks).href)});`,
      'const cache = createRequire(import.meta.url).cache;',
      "process.on('exit', () => { for (const file of Object.keys(cache)) process.stderr.write(`LOADED ${file}\\n`); });",
      '',
    ].join('\n'),
  );
  const r = licat(args, { env: { NODE_OPTIONS: `--import=${pathToFileURL(entry).href}`, LICAT_LANG: 'en' } });
  return r.stderr
    .split('\n')
    .filter((line) => line.startsWith('LOADED '))
    .map((line) => line.slice('LOADED '.length));
}

describe('licat validate loads only what it needs', () => {
  it('loads none of the output libraries (Excel, templates, diagrams, the browser, SQLite)', () => {
    const modules = loadedModules(['validate', copySample(), '--format', 'json']);
    // The hook saw licat itself load (from lib/bundle/, see scripts/bundle.mjs): the list is real.
    expect(modules.some((m) => m.includes('/lib/bundle/main.cjs'))).toBe(true);
    const heavy = /[/\\]node_modules[/\\](exceljs|handlebars|@mermaid-js|mermaid|puppeteer|puppeteer-core|node-sqlite3-wasm|qrcode|opencc-js|pinyin-pro)[/\\]/;
    expect(modules.filter((m) => heavy.test(m))).toEqual([]);
  });
});
