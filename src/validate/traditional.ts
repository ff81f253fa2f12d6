import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A Traditional character in Simplified text, with its Simplified form. */
export interface TraditionalChar {
  index: number;
  char: string;
  simplified: string;
}

let candidates: RegExp | undefined;
/** The candidates of the Basic Multilingual Plane, by code unit (the others are left to `candidates`); made with it. */
let table: Uint8Array | undefined;
let convert: ((text: string) => string) | undefined;

/**
 * Traditional characters in `text`, by OpenCC's Traditional-to-Simplified (mainland) conversion.
 * Candidates come from data/terms/traditional-chars.txt (a character class test, so clean text
 * never loads OpenCC); each is confirmed by the phrase-aware conversion, so a character that is
 * Simplified in its phrase ("著作", "乾隆") is not reported.
 * @example findTraditional('营业執照') // [{ index: 2, char: '執', simplified: '执' }]
 */
export function findTraditional(text: string): TraditionalChar[] {
  candidates ??= loadCandidates();
  if (!hasCandidate(text, candidates)) return [];
  convert ??= loadConverter();
  const converted = [...convert(text)];
  const original = [...text];
  const out: TraditionalChar[] = [];
  if (converted.length === original.length) {
    let index = 0;
    original.forEach((char, i) => {
      if (converted[i] !== char) out.push({ index, char, simplified: converted[i]! });
      index += char.length;
    });
    return out;
  }
  // A phrase changed length: judge each candidate character alone.
  let index = 0;
  for (const char of original) {
    if (candidates.test(char)) {
      const simplified = convert(char);
      if (simplified !== char) out.push({ index, char, simplified });
    }
    index += char.length;
  }
  return out;
}

/**
 * `candidates.test(text)`, by table: one look per character of the text, where the regular
 * expression's class of some 3,200 characters costs a search each.
 */
function hasCandidate(text: string, candidates: RegExp): boolean {
  const bmp = table!;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair: the expression decides for the whole text.
    if (c >= 0xd800 && c <= 0xdfff) return candidates.test(text);
    if (bmp[c] === 1) return true;
  }
  return false;
}

/** The characters of the Basic Multilingual Plane among `chars`, as a table by code unit. */
function bmpTable(chars: string): Uint8Array {
  const out = new Uint8Array(0x10000);
  for (const char of chars) {
    const c = char.codePointAt(0)!;
    if (c < 0x10000) out[c] = 1;
  }
  return out;
}

function candidateChars(): string {
  const text = readFileSync(new URL('../../data/terms/traditional-chars.txt', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .join('');
}

function loadCandidates(): RegExp {
  const chars = candidateChars();
  table = bmpTable(chars);
  return new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]`, 'u');
}

function loadConverter(): (text: string) => string {
  // Synchronous (rules are), and only once a candidate is seen: OpenCC's tables are large.
  const require = createRequire(import.meta.url);
  const OpenCC = require('opencc-js/t2cn') as { Converter(options: { from: string; to: string }): (text: string) => string };
  return OpenCC.Converter({ from: 't', to: 'cn' });
}
