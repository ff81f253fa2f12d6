import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { t, type Text } from '../i18n/lang.js';
import { loadYamlData } from '../load/parse-yaml.js';
import { compileFastPath, UNSURE } from '../load/schema-fast-path.js';

/** A curated phrase of a term list (data/terms/*.yaml) and what to write instead. */
export interface Term {
  /** The phrase as shown in docs: the literal `match`, or the `example` of a pattern. */
  label: string;
  regex: RegExp;
  instead: Text;
}

/** One term list: the rule it feeds, its terms, and precise phrases that contain a term. */
export interface TermList {
  rule: string;
  description: string;
  terms: Term[];
  allow: string[];
  /**
   * Every term's pattern in one alternation: a text it does not match has no term at all, so
   * the common clean text costs one scan instead of one per term. Absent when the patterns
   * cannot be combined (a back-reference would change meaning).
   */
  any?: RegExp;
}

/** One place a term matched: the phrase as written, and where it starts in the text. */
export interface TermMatch {
  term: Term;
  phrase: string;
  index: number;
}

export type TermListName = 'catch-all' | 'vague' | 'criteria-vague';

const termFile = z.strictObject({
  rule: z.string().regex(/^[a-z-]+$/),
  description: z.string().min(1),
  allow: z.array(z.string().min(1)).optional(),
  terms: z
    .array(
      z
        .strictObject({
          match: z.string().min(1).optional(),
          pattern: z.string().min(1).optional(),
          example: z.string().min(1).optional(),
          instead: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
        })
        .refine((term) => (term.match === undefined) !== (term.pattern === undefined), 'write exactly one of match and pattern'),
    )
    .min(1),
});

const fastTermFile = compileFastPath(termFile);

/**
 * Parse a term list. A malformed list is a defect of licat's own data, so it throws.
 * @example parseTerms('rule: vague-clause\ndescription: d\nterms:\n  - match: 若干\n    instead: { zh: 写明数量, en: give the number }\n', 'x.yaml')
 */
export function parseTerms(text: string, source: string): TermList {
  // Read as the catalog's files are (the fast reader, else js-yaml), where `yaml` would be loaded for this alone.
  const data = loadYamlData(text, source);
  // The fast check gives zod's output without zod's first-run cost; zod reports what it refuses.
  let list = fastTermFile(data, false) as z.output<typeof termFile> | typeof UNSURE;
  if (list === UNSURE) {
    const result = termFile.safeParse(data);
    if (!result.success) throw new Error(`${source}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    list = result.data;
  }
  const { rule, description, allow = [], terms } = list;
  const compiled = terms.map((term) => ({
    label: term.match ?? term.example ?? term.pattern!,
    regex: new RegExp(term.match !== undefined ? [...term.match].map(escapeRegExp).join('\\s*') : term.pattern!, 'gu'),
    instead: t(term.instead.zh, term.instead.en),
  }));
  const any = combine(compiled.map((term) => term.regex.source));
  return { rule, description, allow, terms: compiled, ...(any && { any }) };
}

/** One regex matching wherever any of `sources` matches, or undefined when that is not safe. */
function combine(sources: string[]): RegExp | undefined {
  if (sources.some((s) => /\\[1-9]|\\k<|\(\?<[A-Za-z]/.test(s))) return undefined;
  try {
    return new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'u');
  } catch {
    return undefined;
  }
}

const cache = new Map<TermListName, TermList>();

/**
 * The curated term list `data/terms/<name>.yaml`, shipped with licat and read once. The data
 * files are part of licat, not of the catalog, so reading them here is not a catalog read.
 */
export function termList(name: TermListName): TermList {
  let list = cache.get(name);
  if (!list) {
    const url = new URL(`../../data/terms/${name}.yaml`, import.meta.url);
    list = parseTerms(readFileSync(url, 'utf8'), `data/terms/${name}.yaml`);
    cache.set(name, list);
  }
  return list;
}

/**
 * Every phrase of a term list in `text`, leftmost first. Where two matches overlap the longer one
 * wins, so "其他相关材料" is one match, not two; a phrase of the list's `allow` is never matched.
 * @example findTerms('提交其他材料', termList('catch-all'))[0]?.phrase // '其他材料'
 */
export function findTerms(text: string, list: TermList): readonly TermMatch[] {
  let memo = found.get(list);
  if (!memo) found.set(list, (memo = new Map<string, readonly TermMatch[]>()));
  let matches = memo.get(text);
  if (matches === undefined) {
    matches = matchTerms(text, list);
    if (memo.size >= MAX_FOUND) memo.clear();
    memo.set(text, matches);
  }
  return matches;
}

/**
 * What `findTerms` found, by list and text: a catalog says the same things many times over (the
 * same conditions, materials and notes in item after item: 23,603 clauses of the province
 * catalog are 709 texts), and the rules that read them ask again for each.
 */
const found = new WeakMap<TermList, Map<string, readonly TermMatch[]>>();
/** No match: one array for every such text. */
const NONE: readonly TermMatch[] = Object.freeze([]);
/** Most texts remembered per list; past this the memo starts again. */
const MAX_FOUND = 20_000;

function matchTerms(text: string, list: TermList): readonly TermMatch[] {
  let masked = text;
  for (const phrase of list.allow) if (masked.includes(phrase)) masked = masked.split(phrase).join('\u0000'.repeat(phrase.length));
  if (list.any && !list.any.test(masked)) return NONE;
  const all: TermMatch[] = [];
  for (const term of list.terms) {
    term.regex.lastIndex = 0;
    for (const m of masked.matchAll(term.regex)) {
      if (m[0] !== '') all.push({ term, phrase: m[0], index: m.index });
    }
  }
  all.sort((a, b) => a.index - b.index || b.phrase.length - a.phrase.length);
  const kept: TermMatch[] = [];
  let end = -1;
  for (const match of all) {
    if (match.index < end) continue;
    kept.push(match);
    end = match.index + match.phrase.length;
  }
  return kept;
}

/** Whether two matches share any character. */
export function overlaps(a: Pick<TermMatch, 'index' | 'phrase'>, b: Pick<TermMatch, 'index' | 'phrase'>): boolean {
  return a.index < b.index + b.phrase.length && b.index < a.index + a.phrase.length;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
