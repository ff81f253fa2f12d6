import { describe, expect, it } from 'vitest';
import { readCatalog, type RawFile } from '../../src/load/read-catalog.js';
import type { Catalog } from '../../src/model/catalog.js';
import { checkFiles } from '../../src/pipeline/check-catalog.js';
import { checkItems, ITEM_RULES, type ItemRuleResult } from '../../src/validate/item-rules.js';
import { RULES } from '../../src/validate/registry.js';
import { runRules } from '../../src/validate/validate-catalog.js';
import { ROOT, SAMPLE } from '../helpers.js';

/** Edits that give the sample's items problems of many kinds (most of them item-scope rules). */
const EDITS: Array<(text: string) => string> = [
  (t) => t.replace(/^conditions:\n/m, 'conditions:\n  - 提交相关材料，必要时提供其他材料。\n'),
  (t) => t.replace(/next: \[[a-z-]+\]/, 'next: [nowhere]'),
  (t) => t.replace(/^fees: \[\]/m, 'fees:\n  - name: 工本费\n'),
  (t) => t.replace(/promised: \{ value: \d+/, 'promised: { value: 999'),
  (t) => t.replace(/source: government\n(\s+)eLicense: true/, 'source: government\n$1eLicense: false'),
  (t) => t.replace(/^ {2}visits: 0/m, '  visits: 2'),
  (t) => t.replace(/^type: "01"/m, 'type: "02"'),
  (t) => t.replace(/ {6}materials: \[[^\]]*\]\n/, ''),
  (t) => t.replace(/^conditions:\n/m, 'conditions:\n  - 视情况酌情处理，但不限于上述条件。\n'),
  (t) => t.replace(/^ {4}- id: ([a-z-]+)\n/m, '    - id: $1\n      branches: { 准予: $1 }\n'),
];

/** The sample catalog, and a copy of each of its items under every edit. */
async function troubled(): Promise<Catalog> {
  const read = await readCatalog(SAMPLE, ROOT);
  const files: RawFile[] = [...read.files];
  const decoder = new TextDecoder();
  for (const raw of read.files.filter((f) => f.kind === 'item')) {
    EDITS.forEach((edit, k) => {
      const rel = raw.rel.replace(/\.yaml$/, `-edit${k}.yaml`);
      files.push({ ...raw, rel, file: raw.file.replace(/\.yaml$/, `-edit${k}.yaml`), bytes: new TextEncoder().encode(edit(decoder.decode(raw.bytes))) });
    });
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return checkFiles('catalog', files).catalog;
}

/** What `checkItems` gives over the catalog's items in chunks, through JSON as from a worker. */
function fromWorkers(catalog: Catalog, chunk: number): Map<string, ItemRuleResult> {
  const out = new Map<string, ItemRuleResult>();
  for (let i = 0; i < catalog.items.length; i += chunk) {
    const entries = catalog.items.slice(i, i + chunk);
    const results = JSON.parse(JSON.stringify(checkItems(entries))) as ItemRuleResult[];
    entries.forEach((entry, k) => out.set(entry.file, results[k]!));
  }
  return out;
}

describe('item-scope rules run where items are parsed', () => {
  it('keeps its promise on the sample and many broken items: a catalog’s findings are each item’s alone, in order, in its own file', async () => {
    const catalog = await troubled();
    expect(catalog.items.length).toBeGreaterThan(400);
    expect(ITEM_RULES.length).toBeGreaterThan(10);
    let found = 0;
    const each = catalog.items.map((entry) => checkItems([entry])[0]!);
    for (const rule of ITEM_RULES) {
      const whole = rule.check!(catalog);
      const alone = each.flatMap((r) => r.findings[rule.id] ?? []);
      expect(JSON.stringify(alone), rule.id).toBe(JSON.stringify(whole));
      found += whole.length;
    }
    expect(found).toBeGreaterThan(500);
  });

  it('gives the same findings, in the same order, from results made in chunks and sent as JSON', async () => {
    const catalog = await troubled();
    const plain = JSON.stringify(runRules(catalog));
    for (const chunk of [1, 7, 32, 10_000]) expect(JSON.stringify(runRules(catalog, fromWorkers(catalog, chunk))), `chunks of ${chunk}`).toBe(plain);
  });

  it('checks here the items the workers did not, and runs again over the whole catalog a rule that failed in one', async () => {
    const catalog = await troubled();
    const plain = JSON.stringify(runRules(catalog));
    const partial = fromWorkers(catalog, 32);
    catalog.items.forEach((entry, i) => {
      if (i % 3 === 0) partial.delete(entry.file);
    });
    expect(JSON.stringify(runRules(catalog, partial))).toBe(plain);

    // A rule marked failed for one item: its findings elsewhere are not trusted either.
    const wrong = fromWorkers(catalog, 32);
    for (const result of wrong.values()) result.findings['process-graph'] = [];
    wrong.get(catalog.items[5]!.file)!.failed = ['process-graph'];
    expect(JSON.stringify(runRules(catalog, wrong))).toBe(plain);
  });

  it('marks as item-scope only rules that look at nothing but items', () => {
    const scoped = RULES.filter((r) => r.scope === 'item').map((r) => r.id);
    for (const id of ['code-duplicate', 'body-missing', 'department-unknown', 'level-tier', 'not-in-catalog', 'region-unknown', 'unified-override']) {
      expect(scoped).not.toContain(id);
    }
  });
});
