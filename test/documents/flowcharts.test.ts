import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { findChromium } from '../../src/emit/flowcharts/find-chromium.js';
import { flowchartsEmitter } from '../../src/emit/flowcharts/flowcharts-emitter.js';
import {
  ASSIGN_WITH_DEPTH,
  ASSIGN_WITH_DEPTH_FAST,
  MERMAID_PATCHES,
  SPLIT_WORD,
  SPLIT_WORD_BISECT,
  patchMermaidBundle,
} from '../../src/emit/flowcharts/mermaid-bundle-patch.js';
import { mermaidLabel } from '../../src/emit/flowcharts/mermaid-label.js';
import { MermaidRenderer, mermaidBundle } from '../../src/emit/flowcharts/mermaid-renderer.js';
import { checkMermaidSource, flowchartSource } from '../../src/emit/flowcharts/mermaid-source.js';
import { flowchartsFor } from '../../src/emit/flowcharts/render-flowcharts.js';
import { svgProblem } from '../../src/emit/flowcharts/svg-safety.js';
import { HOSTILE, hostileCatalog, sampleCatalog, smallCatalog } from './fixtures.js';
import { checkInline, sampleItem } from '../inline.js';
import { memoryContext } from '../memory-sink.js';

/** The text of each <text> element, tags removed and XML entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('flowchart source', () => {
  it('draws decisions as diamonds with labelled branches and special procedures as notes', async () => {
    const catalog = smallCatalog();
    const source = await flowchartSource(catalog.items[0]!.item);
    expect(source.startsWith('flowchart TD\n')).toBe(true);
    expect(source).toContain('  s3{"决定<br/>分管负责人<br/>时限：2个工作日"}');
    expect(source).toContain('  s3 -->|"准予许可"| s4');
    expect(source).toContain('  s3 -->|"不予许可"| s5');
    expect(source).toMatch(/subgraph special\["特殊程序（不计入办理时限）"\]\n {4}direction TB\n {4}p0\["现场核查整改<br\/>10个工作日<br\/>现场核查/);
    // The notes hang below the last step, so they do not widen the chart.
    expect(source).toContain('  s5 ~~~ special');
    expect(source).toContain('  class p0 note');
  });

  it('escapes every character that could end a label or reach Mermaid pre-processing', () => {
    expect(mermaidLabel('a"b#c%d<e>f`g\\h')).toBe('a＂b＃c％d＜e＞f｀g＼h');
    expect(mermaidLabel('one\ntwo\r\nthree\u2028four')).toBe('one two three four');
    expect(mermaidLabel(HOSTILE.directive)).not.toContain('%');
  });

  it('keeps hostile labels inside their quotes: no click, no directive, no extra node', async () => {
    const catalog = hostileCatalog();
    const source = await flowchartSource(catalog.items[0]!.item);
    expect(source).not.toContain('%%');
    expect(source).not.toMatch(/^\s*click\b/m);
    expect(source).not.toMatch(/^\s*style\b/m);
    expect(source.match(/^ {2}s\d+[[({]/gm)).toHaveLength(6);
    expect(() => checkMermaidSource(source)).not.toThrow();
  });

  it('rejects a source whose label was not escaped', () => {
    expect(() => checkMermaidSource('flowchart TD\n  s0["a"]; click s0 "javascript:x"\n')).toThrow(/unexpected flowchart statement/);
    expect(() => checkMermaidSource('flowchart TD\n  s0["%%{init: {}}%%"]\n')).toThrow(/%%/);
    expect(() => checkMermaidSource('flowchart TD\n  s0["a<b>"]\n')).toThrow(/unescaped/);
  });
});

describe('svg safety check', () => {
  it('accepts text that merely mentions javascript: and rejects real script vectors', () => {
    expect(svgProblem('<svg><text>javascript:alert(1)</text></svg>')).toBeUndefined();
    expect(svgProblem('<svg><script>alert(1)</script></svg>')).toBe('element <script>');
    expect(svgProblem('<svg><foreignObject><div/></foreignObject></svg>')).toBe('element <foreignObject>');
    expect(svgProblem('<svg><g onclick="x()"/></svg>')).toMatch(/event-handler/);
    expect(svgProblem('<svg><path style="fill:url(javascript:alert(1))"/></svg>')).toMatch(/script URL/);
    expect(svgProblem('<svg><path marker-end="url(https://evil.example/a.svg#m)"/></svg>')).toMatch(/outside the document/);
    expect(svgProblem('<svg><path marker-end="url(#arrow)"/></svg>')).toBeUndefined();
  });
});

describe('rendered SVG (headless Chromium)', () => {
  it('renders every sample item with its Chinese step names as SVG text and no foreignObject', async () => {
    const catalog = await sampleCatalog();
    const { out, context } = memoryContext();
    await flowchartsEmitter.emit(catalog, context);
    const codes = [...new Set(catalog.items.map((e) => e.item.code))].sort();
    expect(codes.length).toBeGreaterThan(0);
    for (const { item } of catalog.items) {
      const svg = out.text(`flowcharts/${item.code}.svg`);
      expect(out.text(`flowcharts/${item.code}.mmd`)).toContain('flowchart TD');
      expect(svg).not.toContain('foreignObject');
      expect(svg).not.toMatch(/<script/i);
      expect(svgProblem(svg)).toBeUndefined();
      const text = squeeze(svgTexts(svg).join(''));
      for (const step of item.process.steps) expect(text, `${item.code} ${step.name}`).toContain(squeeze(mermaidLabel(step.name)));
      expect(svg).toContain('Noto Sans CJK SC');
    }
    expect(out.names().filter((n) => n.endsWith('.svg'))).toHaveLength(codes.length);
  });

  it('shows hostile labels as text and injects nothing', async () => {
    const catalog = hostileCatalog();
    const { out, context } = memoryContext();
    await flowchartsEmitter.emit(catalog, context);
    const code = catalog.items[0]!.item.code;
    const svg = out.text(`flowcharts/${code}.svg`);
    expect(svgProblem(svg)).toBeUndefined();
    expect(svg).not.toMatch(/<a[\s>]|<img|<script|foreignObject/i);
    // Six steps and one note: no node was injected by the labels.
    expect(svg.match(/<g class="node /g)).toHaveLength(7);
    const text = squeeze(svgTexts(svg).join(''));
    expect(text).toContain(squeeze('＂]; click s0 ＂javascript:alert(1)＂ _blank; s9[＂injected'));
    expect(text).toContain(squeeze('％％{init: {＂securityLevel＂: ＂loose＂'));
    expect(text).toContain(squeeze('＜img src=x onerror=alert(1)＞'));
    // The %%{init}%% in the labels did not switch on HTML labels (they would be foreignObject).
    expect(svg).not.toContain('<foreignObject');
  });

  it('renders each diagram once: a second build takes every SVG from the cache, byte for byte', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'licat-cache-'));
    const first = memoryContext({}, cacheDir);
    const set1 = await flowchartsFor(smallCatalog(), first.context);
    expect(set1.rendered).toBe(1);
    const second = memoryContext({}, cacheDir);
    const open = vi.fn(async () => {
      throw new Error('the browser must not start when everything is cached');
    });
    const set2 = await flowchartsFor(smallCatalog(), second.context, { open });
    expect(open).not.toHaveBeenCalled();
    expect(set2.fromCache).toBe(1);
    const svg1 = [...set1.charts.values()][0]!.svg;
    expect([...set2.charts.values()][0]!.svg).toBe(svg1);
    // Without the cache, a fresh browser renders the same bytes.
    const fresh = await flowchartsFor(smallCatalog(), memoryContext().context);
    expect([...fresh.charts.values()][0]!.svg).toBe(svg1);
  });
});

/** The base catalog with the sample item twice, under two codes: the same process, two items. */
function twinCatalog() {
  const twin = parse(sampleItem()) as Record<string, any>;
  twin.code = '440101009000';
  twin.name = '食品经营许可（分店）';
  return checkInline({ 'items/food.yaml': sampleItem(), 'items/food-twin.yaml': stringify(twin) }).catalog;
}

/** A function from the bundle's minified text, with mermaid's `s` (it names functions) as identity. */
function bundleFunction(text: string): (...args: unknown[]) => unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the function under comparison is mermaid's own, taken from its bundle
  return new Function('s', `let vD; ${text}; return vD;`)((f: unknown) => f) as (...args: unknown[]) => unknown;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A config-like value: nested objects and arrays, shared objects, null, undefined, awkward keys. */
function randomValue(next: () => number, depth: number, shared: object[]): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const roll = next();
  if (depth > 0 && roll < 0.3) return randomObject(next, depth - 1, shared);
  if (depth > 0 && roll < 0.4) return Array.from({ length: Math.floor(next() * 4) }, () => (next() < 0.3 ? pick(shared) : pick([1, 2, 'a', true, null])));
  if (roll < 0.45 && shared.length > 0) return pick(shared);
  return pick([null, undefined, 0, 1, 'x', 'y', '', true, false, 12.5]);
}

function randomObject(next: () => number, depth: number, shared: object[]): Record<string, unknown> {
  const keys = ['a', 'b', 'c', 'theme', 'fontFamily', '0', '7', 'constructor', 'toString', '__proto__', 'flowchart', 'themeVariables'];
  const object: Record<string, unknown> = {};
  for (const key of keys) {
    if (next() < 0.45) Object.defineProperty(object, key, { value: randomValue(next, depth, shared), writable: true, enumerable: true, configurable: true });
  }
  if (next() < 0.2) shared.push(object);
  return object;
}

/** Every own property of a value graph, with its attributes and order, and what is shared. */
function snapshot(value: unknown, ids = new Map<object, number>()): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return typeof value === 'number' && Number.isNaN(value) ? 'NaN' : value;
  const known = ids.get(value);
  if (known !== undefined) return { ref: known };
  ids.set(value, ids.size);
  const proto = Object.getPrototypeOf(value);
  return {
    id: ids.get(value),
    proto: proto === Object.prototype ? 'Object' : proto === Array.prototype ? 'Array' : proto === null ? 'null' : 'other',
    props: Reflect.ownKeys(value).map((key) => {
      const d = Object.getOwnPropertyDescriptor(value, key)!;
      return [String(key), d.writable, d.enumerable, d.configurable, snapshot(d.value, ids)];
    }),
  };
}

describe('mermaid bundle patch', () => {
  it('applies to the installed mermaid, and leaves any other text as it is', async () => {
    const bundle = readFileSync((await mermaidBundle()).file, 'utf8');
    const { text, applied } = patchMermaidBundle(bundle);
    expect(applied).toEqual(MERMAID_PATCHES.map((p) => p.name));
    for (const { original, replacement } of MERMAID_PATCHES) {
      expect(text).toContain(replacement);
      expect(text).not.toContain(original);
    }
    expect(patchMermaidBundle('var a=1;')).toEqual({ text: 'var a=1;', applied: [] });
  });

  it("merges exactly as mermaid's assignWithDepth on 2,000 random configs, __proto__ keys included", () => {
    const original = bundleFunction(ASSIGN_WITH_DEPTH);
    const fast = bundleFunction(ASSIGN_WITH_DEPTH_FAST);
    const run = (f: (...args: unknown[]) => unknown, seed: number) => {
      const next = random(seed);
      const shared: object[] = [];
      const source = next() < 0.1 ? [randomObject(next, 3, shared), randomObject(next, 3, shared)] : randomObject(next, 3, shared);
      const roll = next();
      const target = roll < 0.4 ? {} : roll < 0.8 ? randomObject(next, 3, shared) : roll < 0.85 ? source : roll < 0.9 ? [] : undefined;
      const options = [undefined, { depth: 0 }, { depth: 1 }, { depth: 2 }, { depth: 3 }][Math.floor(next() * 5)];
      let outcome: unknown;
      try {
        outcome = { result: f(target, source, options) };
      } catch (error) {
        outcome = { threw: String(error) };
      }
      return snapshot({ outcome, target, source });
    };
    for (let seed = 1; seed <= 2000; seed++) expect(run(fast, seed), `seed ${seed}`).toEqual(run(original, seed));
    // Neither function wrote through a __proto__ key into Object.prototype.
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("cuts long words exactly where mermaid's splitWordToFitWidthRecursion cuts them, on 5,000 random lines", () => {
    type Part = { content: string; type: string };
    const load = (text: string) =>
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the function under comparison is mermaid's own, taken from its bundle
      new Function(`${text}; return Hae;`)() as (fits: (parts: Part[]) => boolean, t: string[], r: string[], type: string) => Part[];
    const original = load(SPLIT_WORD);
    const bisect = load(SPLIT_WORD_BISECT);
    const next = random(7);
    const alphabet = [...'受理审查决定制证送达时限个工作日（）：，。ABCabc0123-/ '];
    for (let round = 0; round < 5000; round++) {
      // Widths as a shaped font gives them: an advance per character, and a kerning between
      // some pairs that takes back less than the narrowest advance.
      const advance = new Map(alphabet.map((c) => [c, 4 + Math.floor(next() * 12)]));
      const kern = (a: string, b: string) => ((a.charCodeAt(0) * 31 + b.charCodeAt(0)) % 7 === 0 ? -3 : 0);
      const width = (text: string) => [...text].reduce((sum, c, i, all) => sum + advance.get(c)! + (i > 0 ? kern(all[i - 1]!, c) : 0), 0);
      const max = Math.floor(next() * 160);
      const calls = { original: 0, bisect: 0 };
      const fits = (which: 'original' | 'bisect') => (parts: Part[]) => {
        calls[which]++;
        return width(parts.map((p) => p.content).join('')) <= max;
      };
      const chars = Array.from({ length: Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]!);
      const head = next() < 0.2 ? chars.splice(0, Math.floor(next() * 3)) : [];
      const expected = original(fits('original'), [...head], [...chars], 'normal');
      expect(bisect(fits('bisect'), [...head], [...chars], 'normal'), `round ${round}`).toEqual(expected);
      expect(calls.bisect).toBeLessThanOrEqual(Math.max(calls.original, Math.ceil(Math.log2(chars.length + 1))));
    }
  });

  it("renders every sample item and the hostile item byte for byte as mermaid's published bundle does, calls overlapping or not", async () => {
    const executable = await findChromium();
    if (!executable) throw new Error('this test needs Chromium');
    const items = [...(await sampleCatalog()).items, ...hostileCatalog().items].map((e) => e.item);
    const sources = await Promise.all(items.map(async (item) => ({ id: `flowchart-${item.code}`, source: await flowchartSource(item) })));
    // The published bundle one diagram at a time; the patched one with two calls in flight, as
    // builds render.
    const renderAll = async (exactBundle: boolean) => {
      const renderer = await MermaidRenderer.open(executable, { exactBundle });
      try {
        const svgs: string[] = [];
        const step = exactBundle ? 1 : 2;
        for (let i = 0; i < sources.length; i += step) {
          svgs.push(...(await Promise.all(sources.slice(i, i + step).map(({ id, source }) => renderer.render(id, source)))));
        }
        return svgs;
      } finally {
        await renderer.close();
      }
    };
    const [published, patched] = await Promise.all([renderAll(true), renderAll(false)]);
    expect(patched).toHaveLength(sources.length);
    patched.forEach((svg, i) => expect(svg, sources[i]!.id).toBe(published[i]));
  });
});

describe('SVG cache', () => {
  it('keeps apart two items with the same process: each SVG carries its own id, cold and warm alike', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'licat-cache-'));
    const cold = await flowchartsFor(twinCatalog(), memoryContext({}, cacheDir).context);
    expect(cold.rendered).toBe(2);
    const warm = await flowchartsFor(twinCatalog(), memoryContext({}, cacheDir).context);
    expect(warm.fromCache).toBe(2);
    for (const code of ['440101001000', '440101009000']) {
      const svg = cold.charts.get(code)?.svg ?? '';
      expect(svg.startsWith(`<svg id="flowchart-${code}"`)).toBe(true);
      expect(svg).toContain(`#flowchart-${code}{`);
      expect(warm.charts.get(code)?.svg).toBe(svg);
    }
  });
});

describe('without a browser', () => {
  it('writes every .mmd, no SVG, and says once how to install Chromium', async () => {
    vi.stubEnv('LICAT_CHROMIUM', '/nonexistent/chromium');
    const catalog = smallCatalog();
    const { out, logs, context } = memoryContext();
    await flowchartsEmitter.emit(catalog, context);
    expect(out.names()).toEqual(['flowcharts/440101001000.mmd']);
    const notices = logs.filter((l) => l.includes('apt-get install chromium fonts-noto-cjk'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('Chromium');
  });
});
