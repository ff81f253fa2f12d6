import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { junit } from '../../src/report/junit.js';
import { licat } from '../helpers.js';
import { sampleProblems } from './context.js';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** Parse XML strictly (saxes throws on anything not well-formed) into a small element tree. */
function parseXml(xml: string): Element {
  const parser = new SaxesParser();
  const root: Element = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    stack[stack.length - 1]!.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    stack[stack.length - 1]!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0]!;
}

describe('junit', () => {
  it('is well-formed XML with one testsuite per checked file and escaped messages', () => {
    const { diagnostics, context } = sampleProblems();
    const xml = junit(diagnostics, context);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const doc = parseXml(xml);
    expect(doc.name).toBe('testsuites');
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    expect(doc.attributes.failures).toBe(String(errors));
    const suites = doc.children;
    expect(suites.map((s) => s.attributes.name)).toEqual([...context.texts.keys()].sort());
    const item = suites.find((s) => s.attributes.name === 'catalog/items/market/food.yaml')!;
    const cases = item.children;
    expect(Number(item.attributes.tests)).toBe(cases.length);
    expect(Number(item.attributes.failures)).toBe(cases.filter((c) => c.children[0]?.name === 'failure').length);
    const escaped = cases.find((c) => c.attributes.name === 'schema 3:7 /name')!;
    // A line break in catalog text is shown escaped, never written as one.
    expect(escaped.children[0]!.attributes.message).toBe('name has <b>, & and "quotes", a line\\nbreak, 100%, a:b');
    expect(escaped.children[0]!.text).toContain('catalog/items/market/food.yaml:3:7 error schema /name\nname has <b>, & and "quotes"');
    const warning = cases.find((c) => c.attributes.name!.startsWith('material-unused'))!;
    expect(warning.children.map((c) => c.name)).toEqual(['system-out']);
    expect(warning.children[0]!.text).toMatch(/^warning: catalog\/items\/market\/food\.yaml:\d+:5 warning material-unused/);
    const clean = suites.find((s) => s.attributes.name === 'catalog/catalog.yaml')!;
    expect(clean.children.map((c) => [c.attributes.name, c.children.length])).toEqual([['licat validate', 0]]);
  });

  it('escapes control characters visibly instead of writing a broken file', () => {
    const { diagnostics, context } = sampleProblems();
    const bad = [{ ...diagnostics[0]!, severity: 'error' as const, message: { zh: '控制字符\u0001\u001b[31m', en: 'control\u0001\u001b[31m' } }];
    const doc = parseXml(junit(bad, context));
    const failure = doc.children.flatMap((s) => s.children).find((c) => c.children[0]?.name === 'failure')!;
    expect(failure.children[0]!.attributes.message).toBe('control\\x01\\x1B[31m');
  });

  it('licat validate --format junit on the sample: every file passes', () => {
    const r = licat(['validate', 'catalog', '--format', 'junit']);
    const doc = parseXml(r.stdout);
    expect(doc.children.length).toBeGreaterThan(40);
    expect(doc.attributes.failures).toBe(String(doc.children.reduce((n, s) => n + Number(s.attributes.failures), 0)));
  });
});
