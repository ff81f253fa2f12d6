import { describe, expect, it } from 'vitest';
import { checkInline, sampleItem } from '../inline.js';

/** The problems of a catalog holding `text` as its one item, as [rule, line, column, English message]. */
function problems(text: string, extra: Record<string, string> = {}) {
  return checkInline({ 'items/a.yaml': text, ...extra }).diagnostics.map((d) => [d.rule, d.line, d.column, d.message.en]);
}

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line contains ${needle}`);
  return i + 1;
}

const ITEM = sampleItem();

describe('one root cause, one problem, with a did-you-mean', () => {
  it('a mistyped step id is one broken reference, not also unreachable or looping steps', () => {
    const text = ITEM.replace('      next: [review]', '      next: [reveiw]');
    expect(problems(text)).toEqual([
      ['process-graph', lineOf(text, 'next: [reveiw]'), 14, 'step accept leads to reveiw, which is not a step; did you mean "review"?'],
    ]);
  });

  it('a mistyped material id in a step is one problem, and the material meant is not called unused', () => {
    const text = ITEM.replace('materials: [application-form, business-licence,', 'materials: [application-form, busines-licence,');
    expect(problems(text)).toEqual([
      [
        'material-unknown',
        lineOf(text, 'busines-licence'),
        37,
        'step accept refers to material busines-licence, which does not exist; did you mean "business-licence"?',
      ],
    ]);
  });

  it('a mistyped key is one problem: unknown, with the key meant, and not also "missing"', () => {
    const text = ITEM.replace(/^name: /m, 'nmae: ');
    expect(problems(text)).toEqual([['schema', lineOf(text, 'nmae:'), 1, 'unknown key `nmae`; did you mean "name"?']]);
  });

  it('a misspelt enum value suggests the value meant', () => {
    const text = ITEM.replace('    necessity: required\n    forms: [electronic]', '    necessity: requierd\n    forms: [electronic]');
    expect(problems(text)).toEqual([['schema', lineOf(text, 'requierd'), 16, 'invalid value "requierd" for `necessity`; did you mean "required"?']]);
  });

  it('a missing required key says it is missing (with the values allowed), not "invalid value undefined"', () => {
    const text = ITEM.replace('    necessity: required\n    forms: [electronic]', '    forms: [electronic]');
    const [problem] = problems(text);
    expect(problem).toEqual([
      'schema',
      lineOf(text, '- id: business-licence'),
      5,
      'missing required key `necessity`; allowed: required, conditional, optional',
    ]);
    expect(JSON.stringify(problems(text))).not.toContain('undefined');
  });

  it('an unknown department kind suggests the kind meant and lists the kinds there are', () => {
    const text = ITEM.replace(/^department: market$/m, 'department: markte');
    expect(problems(text)).toEqual([
      [
        'department-unknown',
        lineOf(text, 'department: markte'),
        13,
        'unknown department kind `markte`; did you mean "market"? (the kinds in departments.yaml: market)',
      ],
    ]);
  });

  it('a hall named for a region code that does not exist suggests the code one digit away', () => {
    const d = checkInline({ 'halls/440160.yaml': 'region: "440160"\nname: 天河区政务服务中心\n' }).diagnostics;
    expect(d.map((x) => [x.rule, x.file, x.message.en])).toEqual([
      [
        'region-unknown',
        'catalog/halls/440160.yaml',
        'a hall file is named for its region code (such as 440106.yaml), but there is no region 440160; did you mean "440100 广州市" or "440106 天河区"?',
      ],
    ]);
  });
});

describe('characters that look right', () => {
  it('full-width digits in a number', () => {
    const text = ITEM.replace('    copies: 1\n', '    copies: １\n');
    expect(problems(text)).toEqual([
      ['fullwidth-digits', lineOf(text, 'copies: １'), 13, 'half-width digits expected: "１" becomes 1 (licat validate --fix fixes it)'],
    ]);
  });

  // Invisible characters and no-break spaces are the fixable invisible-character rule's (licat validate --fix).
  it.each(['\u200B', '\uFEFF', '\u00A0'])('an invisible character or no-break space (%j) in an enum value', (char) => {
    const text = ITEM.replace('    necessity: required\n    forms: [electronic]', `    necessity: "required${char}"\n    forms: [electronic]`);
    expect(problems(text)).toEqual([
      [
        'invisible-character',
        lineOf(text, 'necessity: "required'),
        16,
        'invisible characters or no-break spaces in the text: removed, or made ordinary spaces (licat validate --fix fixes it)',
      ],
    ]);
  });

  it.each([['\u3000', 'a full-width space (U+3000)']])('an odd space (%j) in an enum value', (char, name) => {
    const text = ITEM.replace('    necessity: required\n    forms: [electronic]', `    necessity: "required${char}"\n    forms: [electronic]`);
    expect(problems(text)).toEqual([
      [
        'schema',
        lineOf(text, 'necessity: "required'),
        16,
        `invalid value ${JSON.stringify(`required${char}`)} for \`necessity\`; did you mean "required"?; it holds ${name}: retype it with half-width characters`,
      ],
    ]);
  });

  it('full-width digits in a code', () => {
    const code = /^code: "(\d+)"/m.exec(ITEM)![1]!;
    const wide = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const text = ITEM.replace(`code: "${code}"`, `code: "${wide}"`);
    const [problem] = problems(text);
    expect(problem).toEqual([
      'fullwidth-digits',
      lineOf(text, 'code:'),
      7,
      `half-width digits expected: "${wide}" becomes "${code}" (licat validate --fix fixes it)`,
    ]);
  });
});

describe('a YAML indentation slip is reported where it is', () => {
  it('a key indented one space too deep: the line itself, not the block above', () => {
    const text = ITEM.replace('    name: 营业执照\n', '     name: 营业执照\n');
    expect(problems(text)).toEqual([
      [
        'yaml-syntax',
        lineOf(text, '     name: 营业执照'),
        6,
        'bad indentation: this line is indented by 5 spaces, which matches no block around it; keys of one mapping line up, so 4 spaces here (or 2, 0 for an outer block)',
      ],
    ]);
  });

  it('a key indented one space too shallow: one problem, not a cascade about missing characters', () => {
    const text = ITEM.replace('    necessity: required\n    forms: [electronic]', '    necessity: required\n   forms: [electronic]');
    const zh = checkInline({ 'items/a.yaml': text }).diagnostics.map((d) => d.message.zh);
    expect(problems(text)).toEqual([
      [
        'yaml-syntax',
        lineOf(text, '   forms: [electronic]'),
        4,
        'bad indentation: this line is indented by 3 spaces, which matches no block around it; keys of one mapping line up, so 4 spaces here (or 2, 0 for an outer block)',
      ],
    ]);
    expect(zh).toEqual(['缩进不正确：本行缩进 3 个空格，与上下文的层级不符；同一层的键应对齐，这里应为 4 个空格（或外层的 2、0 个）']);
  });
});
