import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileKind, RawFile } from '../src/load/read-catalog.js';
import { checkFiles, type CheckResult } from '../src/pipeline/check-catalog.js';
import { ROOT } from './helpers.js';

const SAMPLE_ITEM = readFileSync(path.join(ROOT, 'catalog/items/market/food-business.yaml'), 'utf8');

/** The canonical sample item's text, to derive broken copies from. */
export function sampleItem(): string {
  return SAMPLE_ITEM;
}

/** A small, valid base catalog: catalog.yaml, departments.yaml and a region table. */
export const BASE: Record<string, string> = {
  'catalog.yaml': [
    'id: test',
    'name: 测试目录',
    'province: "44"',
    'version: "1"',
    'tiers: [province, city, county, town, village]',
    'unified: [code, name, type, legalBasis, conditions, materials, process, timeLimit, fees, result]',
    '',
  ].join('\n'),
  'departments.yaml': [
    'kinds:',
    '  market: { name: 市场监督管理局 }',
    'bodies:',
    '  market:',
    '    "440000": { name: 广东省市场监督管理局, uscc: "11440000MB2D0164XH" }',
    '    "440100": { name: 广州市市场监督管理局, uscc: "11440100007482575H" }',
    '    "440106": { name: 广州市天河区市场监督管理局, uscc: "114403006939513773" }',
    '',
  ].join('\n'),
  'regions/test.csv': [
    'code,name,tier,parent',
    '440000,广东省,province,',
    '440100,广州市,city,440000',
    '440106,天河区,county,440100',
    '440106001,五山街道,town,440106',
    '440106001001,华南社区居委会,village,440106001',
    '',
  ].join('\n'),
};

function kindOf(rel: string): FileKind {
  if (rel === 'catalog.yaml') return 'catalog';
  if (rel === 'departments.yaml') return 'departments';
  if (rel.startsWith('regions/')) return 'regions';
  if (rel.startsWith('halls/')) return 'hall';
  return 'item';
}

/**
 * Check a catalog given as texts, keyed by path relative to the catalog root (`catalog/`),
 * on top of BASE. A value of `null` removes a BASE file.
 * @example checkInline({ 'items/a.yaml': sampleItem().replace('"01"', '"02"') })
 */
export function checkInline(files: Record<string, string | Uint8Array | null>): CheckResult {
  const all: Record<string, string | Uint8Array | null> = { ...BASE, ...files };
  const raw: RawFile[] = Object.entries(all)
    .filter((e): e is [string, string | Uint8Array] => e[1] !== null)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([rel, content]) => ({
      kind: kindOf(rel),
      rel,
      file: `catalog/${rel}`,
      bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
    }));
  return checkFiles('catalog', raw);
}
