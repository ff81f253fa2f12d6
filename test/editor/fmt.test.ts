import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, parseDocument, isMap, type YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatYaml } from '../../src/load/format-yaml.js';
import { shapeFor } from '../../src/schema/shape.js';
import { copySample, licat, ROOT, SAMPLE, yamlFiles } from '../helpers.js';

const ITEMS = yamlFiles(path.join(SAMPLE, 'items'));

/** Rotate the pairs of the top mapping, reverse those of nested mappings, quote some strings otherwise: a file an editor could have written. */
function scramble(text: string, seed: { rotate: number; quoteEvery: number; reverseNested: boolean }): string {
  const doc = parseDocument(text);
  const top = doc.contents as YAMLMap;
  const n = top.items.length;
  const r = seed.rotate % n;
  top.items = [...top.items.slice(r), ...top.items.slice(0, r)];
  let k = 0;
  const visit = (node: unknown) => {
    if (isMap(node)) {
      // Mappings of named keys only: a record (branches) keeps the order its author gave it.
      const named = node.items.every((p) => /^[a-z][a-zA-Z]*$/.test(String((p.key as { value?: unknown })?.value)));
      if (seed.reverseNested && node !== top && named) node.items.reverse();
      for (const pair of node.items) visit(pair.value);
    } else if (node && typeof node === 'object' && 'items' in node) {
      for (const item of (node as { items: unknown[] }).items) visit(item);
    } else if (node && typeof node === 'object' && 'value' in node) {
      const scalar = node as { value: unknown; type?: string };
      if (typeof scalar.value === 'string' && ++k % seed.quoteEvery === 0) scalar.type = 'QUOTE_SINGLE';
    }
  };
  visit(top);
  return doc.toString({ lineWidth: 0 });
}

describe('licat fmt', () => {
  it('finds the sample catalog in canonical form (fmt --check passes)', () => {
    const r = licat(['fmt', '--check', 'catalog']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('都是规范格式');
    expect(r.code).toBe(0);
  });

  it('puts keys in the schema order and quotes canonically, keeping comments and meaning; --check lists the file and exits 1', () => {
    const dir = copySample();
    const file = path.join(dir, 'items/market/food-business.yaml');
    const original = readFileSync(file, 'utf8');
    const withComment = original
      .replace('timeLimit:\n', '# 时限按工作日计算\ntimeLimit:\n')
      .replace('  promised: { value: 10, unit: working-day }\n', '  promised: { value: 10, unit: working-day } # 承诺\n');
    const messy = scramble(withComment, { rotate: 5, quoteEvery: 3, reverseNested: true });
    expect(messy).not.toBe(withComment);
    writeFileSync(file, messy);

    const check = licat(['fmt', '--check', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout.trim().split('\n')).toEqual([path.relative(ROOT, file).split(path.sep).join('/')]);
    expect(readFileSync(file, 'utf8')).toBe(messy);

    const r = licat(['fmt', dir]);
    expect(r.code).toBe(0);
    const formatted = readFileSync(file, 'utf8');
    expect(formatted).toBe(withComment);
    expect(formatted).toContain('# 时限按工作日计算\ntimeLimit:');
    expect(formatted).toContain('promised: { value: 10, unit: working-day } # 承诺');
    expect(parse(formatted)).toEqual(parse(messy));
    expect(readdirSync(path.dirname(file)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(licat(['fmt', '--check', dir]).code).toBe(0);
  });

  it('is idempotent: fmt twice gives the same bytes', () => {
    const dir = copySample();
    const file = path.join(dir, 'halls/440106.yaml');
    writeFileSync(file, scramble(readFileSync(file, 'utf8'), { rotate: 2, quoteEvery: 2, reverseNested: true }));
    expect(licat(['fmt', file]).code).toBe(0);
    const once = readFileSync(file);
    expect(licat(['fmt', file]).code).toBe(0);
    expect(readFileSync(file).equals(once)).toBe(true);
  });

  it('leaves a file that does not parse as it is, says where, exit 1', () => {
    const dir = copySample();
    const file = path.join(dir, 'items/market/drug-retail.yaml');
    const broken = readFileSync(file, 'utf8').replace('levels: [county]', 'levels: [county');
    writeFileSync(file, broken);
    const r = licat(['--lang', 'en', 'fmt', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/drug-retail\.yaml:\d+:\d+ {2}does not parse; not formatted/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('property: any key order and quoting of a sample item formats back to the canonical file, and formatting is idempotent', () => {
    const canonical = ITEMS.map((f) => readFileSync(f, 'utf8'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: canonical.length - 1 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (i, rotate, quoteEvery, reverseNested) => {
          const messy = scramble(canonical[i]!, { rotate, quoteEvery, reverseNested });
          const once = formatYaml(messy, shapeFor('item'));
          if (!once.ok) return false;
          const twice = formatYaml(once.text, shapeFor('item'));
          expect(once.text).toBe(canonical[i]);
          expect(twice.ok && twice.text).toBe(once.text);
          return true;
        },
      ),
      { numRuns: 150, seed: 17 },
    );
  });
});
