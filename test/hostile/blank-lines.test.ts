import { describe, expect, it } from 'vitest';
import { onlyBlanksAndComments } from '../../src/load/check-file.js';
import { checkInline, sampleItem } from '../inline.js';

describe('blank lines and comments', () => {
  it('loads an item after a hundred blank lines and comments, promptly (a backtracking check used to hang on a few dozen)', () => {
    for (const lead of ['\n'.repeat(100), ' \n'.repeat(100), '\r\n'.repeat(60) + '# note\n' + '\t\n'.repeat(60)]) {
      const r = checkInline({ 'items/food.yaml': lead + sampleItem() });
      expect(r.diagnostics).toEqual([]);
      expect(r.catalog.items).toHaveLength(1);
    }
  });

  it('calls a file of blank lines and comments empty, and locates nothing else in it', () => {
    const r = checkInline({ 'items/empty.yaml': '\n'.repeat(200) + '# only a comment\n   # another\n\u3000\n' });
    expect(r.diagnostics.map((d) => [d.rule, d.line, d.column, d.message.en])).toEqual([['schema', 1, 1, 'the file is empty']]);
  });

  it('decides emptiness as the line-by-line rule it replaces, on every short text of blanks, comments and content', () => {
    // The former check, safe on texts this short.
    const former = (text: string) => text.trim() === '' || /^(\s*#[^\n]*\n?|\s*\n)*\s*$/.test(text);
    const alphabet = [' ', '\n', '\r', '\t', '#', 'a', ':', '\u3000', '\u00a0'];
    let compared = 0;
    const walk = (text: string) => {
      expect(onlyBlanksAndComments(text), JSON.stringify(text)).toBe(former(text));
      compared++;
      if (text.length < 5) for (const c of alphabet) walk(text + c);
    };
    walk('');
    expect(compared).toBeGreaterThan(60_000);
  });
});
