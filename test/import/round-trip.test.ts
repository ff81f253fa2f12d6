import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers.js';
import { checkInline, sampleItem } from '../inline.js';
import { sampleCatalog } from '../documents/fixtures.js';
import { carried, exportWorkbook, importWorkbook, itemFiles, parseItem } from './carried.js';

describe('export, then import', () => {
  it('gives every sample item back, equal in meaning for what the sheets carry, into an empty catalog', async () => {
    const catalog = await sampleCatalog();
    const { rows, plan } = await importWorkbook(await exportWorkbook(catalog), catalog.departments!.kinds);
    expect(rows.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(plan).toHaveLength(catalog.items.length);
    expect(plan.every((p) => p.action === 'create')).toBe(true);
    const imported = new Map(plan.map((p) => [p.code, parseItem(p.text)]));
    for (const { item } of catalog.items) {
      const back = imported.get(item.code);
      expect(back, item.code).toBeDefined();
      expect(carried(back!), item.code).toEqual(carried(item));
      expect(plan.find((p) => p.code === item.code)!.rel).toBe(`items/${item.department}/${item.code}.yaml`);
    }
  });

  it('changes nothing when imported over the catalog it came from', async () => {
    const catalog = await sampleCatalog();
    const existing = itemFiles(SAMPLE);
    const { plan } = await importWorkbook(await exportWorkbook(catalog), catalog.departments!.kinds, existing);
    expect(plan.filter((p) => p.action !== 'unchanged').map((p) => `${p.rel}: ${p.changed.join(', ')}`)).toEqual([]);
    expect(plan).toHaveLength(existing.length);
  });

  it('keeps generated names, conditions, time limits, fees and materials (property)', async () => {
    const base = parse(sampleItem()) as Record<string, any>;
    // Text as people type it: CJK, ASCII letters and digits, Chinese punctuation, inner spaces.
    const word = fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z0-9（）《》、，。：；“”]{1,12}( [\u4e00-\u9fa5a-z0-9]{1,6})?$/);
    const duration = fc.oneof(
      fc.record({ value: fc.integer({ min: 1, max: 3650 }), unit: fc.constantFrom('working-day', 'calendar-day') }),
      fc.constant({ value: 0, unit: 'instant' }),
    );
    const fee = fc.record({
      name: word,
      standard: fc.option(word, { nil: undefined }),
      basis: fc.option(word, { nil: undefined }),
      waivable: fc.option(fc.boolean(), { nil: undefined }),
    });
    const material = fc.record({
      name: word,
      necessity: fc.constantFrom('required', 'conditional', 'optional'),
      forms: fc.subarray(['paper', 'electronic'], { minLength: 1 }),
      copies: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      source: fc.constantFrom('applicant', 'government', 'intermediary'),
      note: fc.option(word, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        word,
        fc.uniqueArray(word, { minLength: 1, maxLength: 4 }),
        duration,
        duration,
        fc.array(fee, { maxLength: 3 }),
        fc.uniqueArray(material, { minLength: 1, maxLength: 4, selector: (m) => m.name }),
        async (name, conditions, statutory, promised, fees, materials) => {
          const item = structuredClone(base);
          Object.assign(item, { name, conditions, fees });
          item.timeLimit = { statutory, promised };
          item.materials = materials.map((m, i) => ({ id: `m${i}`, ...m }));
          for (const step of item.process.steps) delete step.materials;
          const { catalog } = checkInline({ 'items/generated.yaml': stringify(item) });
          const loaded = catalog.items[0]?.item;
          expect(loaded, 'the generated item loads').toBeDefined();
          const { rows, plan } = await importWorkbook(await exportWorkbook(catalog), catalog.departments!.kinds);
          expect(rows.findings.filter((f) => f.severity === 'error')).toEqual([]);
          expect(plan).toHaveLength(1);
          expect(carried(parseItem(plan[0]!.text))).toEqual(carried(loaded!));
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
