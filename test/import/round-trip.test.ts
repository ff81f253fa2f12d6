import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { copySample, licat, SAMPLE } from '../helpers.js';
import { checkInline, sampleItem } from '../inline.js';
import { sampleCatalog } from '../documents/fixtures.js';
import { carried, exportWorkbook, importWorkbook, itemFiles, parseItem } from './carried.js';

describe('export, then import', () => {
  it('gives every sample item back into an empty catalog, equal in meaning with its process and criteria, and valid', async () => {
    const catalog = await sampleCatalog();
    const { rows, plan } = await importWorkbook(await exportWorkbook(catalog), catalog.departments!.kinds);
    expect(rows.findings).toEqual([]);
    expect(plan).toHaveLength(catalog.items.length);
    expect(plan.every((p) => p.action === 'create')).toBe(true);
    const imported = new Map(plan.map((p) => [p.code, parseItem(p.text)]));
    for (const { item } of catalog.items) {
      const back = imported.get(item.code);
      expect(back, item.code).toBeDefined();
      expect(carried(back!), item.code).toEqual(carried(item));
      expect(plan.find((p) => p.code === item.code)!.rel).toBe(`items/${item.department}/${item.code}.yaml`);
    }
    expect(catalog.items.every(({ item }) => item.process.steps.length > 0 && (item.criteria ?? []).length > 0)).toBe(true);

    // Written into a catalog without items, they pass licat validate as the originals do.
    const empty = copySample();
    rmSync(path.join(empty, 'items'), { recursive: true });
    for (const p of plan) {
      mkdirSync(path.dirname(path.join(empty, p.rel)), { recursive: true });
      writeFileSync(path.join(empty, p.rel), p.text);
    }
    const codeOf = new Map([...itemFiles(SAMPLE).map((f) => [f.rel, parseItem(f.text).code] as const), ...plan.map((p) => [p.rel, p.code] as const)]);
    const problems = (dir: string) => {
      const result = licat(['validate', dir, '--format', 'json']);
      const report = JSON.parse(result.stdout) as { problems: Array<{ file: string; rule: string; severity: string; path: string }> };
      const list = report.problems.map(
        (d) => `${d.severity} ${d.rule} ${codeOf.get(path.relative(dir, path.resolve(d.file)).split(path.sep).join('/')) ?? d.file} ${d.path}`,
      );
      return { code: result.code, list };
    };
    const originals = problems(SAMPLE);
    const validated = problems(empty);
    expect(validated.list.filter((d) => d.startsWith('error'))).toEqual([]);
    expect(validated.list.filter((d) => !originals.list.includes(d))).toEqual([]);
    expect(validated.code).toBe(originals.code);
  });

  it('changes nothing when imported over the catalog it came from', async () => {
    const catalog = await sampleCatalog();
    const existing = itemFiles(SAMPLE);
    const { plan } = await importWorkbook(await exportWorkbook(catalog), catalog.departments!.kinds, existing);
    expect(plan.filter((p) => p.action !== 'unchanged').map((p) => `${p.rel}: ${p.changed.join(', ')}`)).toEqual([]);
    expect(plan).toHaveLength(existing.length);
  });

  it('keeps generated names, conditions, time limits, fees, materials, process steps and criteria (property)', async () => {
    const base = parse(sampleItem()) as Record<string, any>;
    // Text as people type it: CJK, ASCII letters and digits, Chinese punctuation, inner spaces.
    const word = fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z0-9（）《》、，。：；“”]{1,12}( [\u4e00-\u9fa5a-z0-9]{1,6})?$/);
    // Names an item refers to (materials, steps) are unique as the import compares them. A name
    // made only of the separators of a list (、，；) cannot be told from them: none is generated.
    const key = (name: string) => name.replace(/\s+/g, '');
    const named = word.filter((w) => !/^[、，；\s]+$/.test(w));
    const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const duration = fc.oneof(
      fc.record({ value: fc.integer({ min: 1, max: 3650 }), unit: fc.constantFrom('working-day', 'calendar-day') }),
      fc.constant({ value: 0, unit: 'instant' }),
    );
    const fee = fc.record({ name: word, standard: optional(word), basis: optional(word), waivable: optional(fc.boolean()) });
    const material = fc.record({
      name: named,
      necessity: fc.constantFrom('required', 'conditional', 'optional'),
      forms: fc.subarray(['paper', 'electronic'], { minLength: 1 }),
      copies: optional(fc.integer({ min: 0, max: 100 })),
      source: fc.constantFrom('applicant', 'government', 'intermediary'),
      note: optional(word),
    });
    const bound = fc.oneof(
      fc.integer({ min: -1000, max: 1_000_000 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
    );
    const range = fc.record({ min: optional(bound), max: optional(bound), unit: word, outcome: word });
    await fc.assert(
      fc.asyncProperty(
        word,
        fc.uniqueArray(word, { minLength: 1, maxLength: 4 }),
        duration,
        duration,
        fc.array(fee, { maxLength: 3 }),
        fc.uniqueArray(material, { minLength: 1, maxLength: 4, selector: (m) => key(m.name) }),
        fc.uniqueArray(named, { minLength: 1, maxLength: 6, selector: key }),
        fc.array(fc.record({ name: word, limit: duration, note: optional(word) }), { maxLength: 2 }),
        fc.gen(),
        async (name, conditions, statutory, promised, fees, materials, stepNames, special, g) => {
          const item = structuredClone(base);
          Object.assign(item, { name, conditions, fees });
          item.timeLimit = { statutory, promised };
          item.materials = materials.map((m, i) => ({ id: `m${i}`, ...m }));
          // Steps link forward (next, or named branches of a decision) and check some materials.
          const ids = stepNames.map((_, i) => `s${i}`);
          const steps = stepNames.map((stepName, i) => {
            const step: Record<string, unknown> = {
              id: ids[i],
              name: stepName,
              role: g(() => optional(word)),
              office: g(() => optional(word)),
              limit: g(() => optional(duration)),
            };
            const checked = g(() => fc.subarray(item.materials.map((m: { id: string }) => m.id)));
            if (checked.length > 0) step.materials = checked;
            const later = ids.slice(i + 1);
            if (later.length > 0 && g(fc.boolean)) {
              const targets = g(() => fc.subarray(later, { minLength: 1 }));
              if (g(fc.boolean)) {
                const labels = g(() => fc.uniqueArray(word, { minLength: targets.length, maxLength: targets.length }));
                step.branches = Object.fromEntries(targets.map((target, k) => [labels[k], target]));
              } else step.next = targets;
            }
            return step;
          });
          item.process = { steps, ...(special.length > 0 && { special }) };
          const criteria = g(() =>
            fc.array(
              fc.record({
                subject: word,
                step: optional(fc.constantFrom(...ids)),
                measure: fc.oneof(fc.record({ rule: word }), fc.record({ ranges: fc.array(range, { minLength: 1, maxLength: 3 }) })),
              }),
              { maxLength: 3 },
            ),
          );
          item.criteria = criteria.map(({ measure, ...c }, i) => ({ id: `c${i}`, ...c, ...measure }));
          const { catalog } = checkInline({ 'items/generated.yaml': stringify(item) });
          const loaded = catalog.items[0]?.item;
          expect(loaded, 'the generated item loads').toBeDefined();
          const { rows, plan } = await importWorkbook(await exportWorkbook(catalog), catalog.departments!.kinds);
          expect(rows.findings.filter((f) => f.severity === 'error')).toEqual([]);
          expect(plan).toHaveLength(1);
          expect(carried(parseItem(plan[0]!.text))).toEqual(carried(loaded!));
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);
});
