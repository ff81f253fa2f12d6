/**
 * A fast reading of the plain YAML a catalog is written in, for files that use nothing else:
 * block mappings and sequences indented with spaces, one scalar per line (plain, or quoted
 * without escapes), flow sequences and mappings of such scalars on one line, comments. It gives
 * exactly what js-yaml's `load` with the core schema gives, or UNSURE: anything else (a block or
 * multi-line scalar, an anchor, a tag, an escape, a number that is not a plain whole number, a
 * tab, a carriage return, a duplicate key, a line indented other than its block...) is left to
 * js-yaml, which also reports every error. It never answers for a file it might read otherwise
 * than js-yaml: test/unit/yaml-fast.test.ts compares both on every catalog file and on many
 * thousands of generated and mutated texts.
 *
 * Why: js-yaml is a complete YAML parser and pays for it on every character; a catalog file is
 * a few hundred such lines, and reading them this way takes a fraction of the time.
 */

/** What `readPlainYaml` returns when it cannot vouch for its reading: js-yaml then decides. */
export const UNSURE: unique symbol = Symbol('unsure');

/**
 * Characters that may make a file js-yaml's alone: the ones it refuses in a scalar
 * (non-printable, lone surrogates: any surrogate sends the file to the exact test below), line
 * breaks other than `\n`, tabs and a byte-order mark.
 */
const MAYBE_NOT_PLAIN = /[\x00-\x09\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF\u2028\u2029]/;
const NOT_PLAIN = /[\x00-\x09\x0B-\x1F\x7F-\x9F\uFEFF\uFFFE\uFFFF\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Words the core schema reads as null or a boolean (js-yaml also turns such a key into its own spelling). */
const CORE_WORDS: ReadonlyMap<string, null | boolean> = new Map<string, null | boolean>([
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['~', null],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
/**
 * Scalars the core schema might read as a number: only whole numbers and decimals written plainly
 * (no plus sign, exponent or leading zero; few enough digits to be read exactly alike) are read here.
 */
const NUMBER_LIKE = /^[-+.0-9][-+._:0-9a-zA-Z]*$/;
const PLAIN_NUMBER = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?$/;
/** ASCII characters a plain key of this reader never holds: indicators, comment marks, quotes, white space. */
const NOT_IN_KEY = asciiSet(',[]{}#&*!|>\'"%@`?: \t\n\r\v\f');
/** ASCII characters that cannot start a plain scalar here (YAML indicators). */
const NOT_FIRST = asciiSet('-?:,[]{}#&*!|>\'"%@`');
/** First characters of the words in CORE_WORDS. */
const WORD_FIRST = asciiSet('nNtTfF~');

function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

/** Whether the character at `at` is a digit. */
const isDigitAt = (text: string, at: number) => {
  const c = text.charCodeAt(at);
  return c >= 0x30 && c <= 0x39;
};
/**
 * Deepest nesting read here: well below js-yaml's own limit (100 nodes deep, where it throws)
 * and above licat's (64, parse-yaml.ts), so a file nested that deep gets js-yaml's verdict.
 */
const MAX_NESTING = 80;
/** Longest key read here (YAML limits an implicit key to 1,024 characters). */
const MAX_KEY = 256;

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const COMMA = 0x2c;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const OPEN_SEQ = 0x5b;
const CLOSE_SEQ = 0x5d;
const OPEN_MAP = 0x7b;
const CLOSE_MAP = 0x7d;

/**
 * The entries of the sequences being read, innermost last: each sequence takes its own from the
 * top when it ends (`takeFrom`). Emptied by `readPlainYaml` after every reading.
 */
const stack: unknown[] = [];

/** The entries on the stack from `base` up, as an array of exactly their number, taken off it. */
function takeFrom(base: number): unknown[] {
  const out = stack.slice(base);
  stack.length = base;
  return out;
}

/** Thrown (one object, made once) where the reader gives up; `readPlainYaml` answers UNSURE. */
const GIVE_UP = new Error('not plain YAML');
const unsure = (): never => {
  throw GIVE_UP;
};

const isFlowIndicator = (c: number) => c === COMMA || c === OPEN_SEQ || c === CLOSE_SEQ || c === OPEN_MAP || c === CLOSE_MAP;

/** Limits the data read must keep within, else UNSURE (js-yaml then reads it, and the caller measures). */
export interface PlainYamlLimits {
  /** Most values (scalars and collections, keys not counted). */
  values: number;
  /** Deepest nesting of collections, the outermost being 1. */
  depth: number;
}

/** Values read so far, nesting now and deepest nesting seen, in the current `readPlainYaml`. */
let valuesRead = 0;
let depthNow = 0;
let deepest = 0;

/**
 * A node of the data with where its content starts in the text, as load/locate-fast.ts reads
 * js-yaml's node events: a mapping's children are its keys and values in turn, a sequence's its
 * items. `kind` null is an empty value.
 */
export interface PlainYamlNode {
  start: number;
  kind: 'mapping' | 'sequence' | 'scalar' | null;
  result: unknown;
  children: PlainYamlNode[];
}

/** Whether nodes are being recorded (`readPlainYamlTree`), and the node of the last value read. */
let recording = false;
let lastNode: PlainYamlNode | undefined;

const node = (start: number, kind: PlainYamlNode['kind'], result: unknown, children: PlainYamlNode[] = []): PlainYamlNode => ({
  start,
  kind,
  result,
  children,
});

/**
 * The nodes of a YAML text with where each starts (see `PlainYamlNode`), for a text this reader
 * reads (`readPlainYaml` not UNSURE); else undefined. Locating a problem then needs no second
 * parser.
 * @example readPlainYamlTree('a: 1\n')?.children[1]?.start // 3
 */
export function readPlainYamlTree(text: string): PlainYamlNode | undefined {
  recording = true;
  lastNode = undefined;
  try {
    return readPlainYaml(text) === UNSURE ? undefined : lastNode;
  } finally {
    recording = false;
    lastNode = undefined;
  }
}

/**
 * The data of a YAML text as js-yaml's `load(text, { schema: CORE_SCHEMA })` gives it, or UNSURE.
 * With `limits`, also UNSURE when the data holds more values or deeper nesting than they allow.
 * @example readPlainYaml('a: [x, "1"]\nb: 2\n') // { a: ['x', '1'], b: 2 }
 */
export function readPlainYaml(text: string, limits?: PlainYamlLimits): unknown {
  if (MAYBE_NOT_PLAIN.test(text) && NOT_PLAIN.test(text)) return UNSURE;
  valuesRead = 0;
  depthNow = 0;
  deepest = 0;
  try {
    const reader = new Reader(text);
    if (reader.count === 0 || reader.indent[0] !== 0) return UNSURE;
    const value = reader.block(0);
    if (reader.at !== reader.count) return UNSURE;
    if (limits && (valuesRead > limits.values || deepest > limits.depth)) return UNSURE;
    return value;
  } catch {
    // Unsure, or nesting deeper than the stack: js-yaml's to read or to refuse.
    return UNSURE;
  } finally {
    stack.length = 0;
  }
}

/** A collection begins: one value more, one level deeper. */
function enter(): void {
  valuesRead++;
  if (++depthNow > deepest) {
    deepest = depthNow;
    if (deepest > MAX_NESTING) unsure();
  }
}

/** The lines of a text that hold something (not blank, not a comment), read as blocks. */
/**
 * The line tables of the text being read, shared by every reading (one at a time, each over
 * before the next begins) and grown as needed: a catalog's files then make none of their own
 * (some 10 MB fewer allocations in a check of 1,200 items).
 */
let lineTables = { indent: new Int32Array(1024), start: new Int32Array(1024), end: new Int32Array(1024) };

function growLineTables(): void {
  const size = lineTables.indent.length * 2;
  const grown = { indent: new Int32Array(size), start: new Int32Array(size), end: new Int32Array(size) };
  grown.indent.set(lineTables.indent);
  grown.start.set(lineTables.start);
  grown.end.set(lineTables.end);
  lineTables = grown;
}

class Reader {
  /** Per content line: its indentation, where its content starts, and where it ends (lines 0 to count - 1). */
  readonly indent: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly count: number;
  /** The content line being read. */
  at = 0;

  constructor(private readonly text: string) {
    let from = 0;
    let count = 0;
    const length = text.length;
    while (from < length) {
      let end = text.indexOf('\n', from);
      if (end < 0) end = length;
      let at = from;
      while (text.charCodeAt(at) === SPACE) at++;
      if (at < end) {
        const first = text.charCodeAt(at);
        if (first !== HASH) {
          // A directive or a document marker: js-yaml's.
          if (
            first === 0x25 ||
            (at === from &&
              end - at >= 3 &&
              (text.startsWith('---', at) || text.startsWith('...', at)) &&
              (end - at === 3 || text.charCodeAt(at + 3) === SPACE))
          )
            unsure();
          if (count === lineTables.indent.length) growLineTables();
          lineTables.indent[count] = at - from;
          lineTables.start[count] = at;
          lineTables.end[count] = end;
          count++;
        }
      }
      from = end + 1;
    }
    ({ indent: this.indent, start: this.start, end: this.end } = lineTables);
    this.count = count;
  }

  private isEntry(line: number): boolean {
    const at = this.start[line]!;
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.end[line] || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** The block that starts at the current line, whose lines are indented by `indent`. */
  block(indent: number): unknown {
    if (this.indent[this.at] !== indent) unsure();
    return this.isEntry(this.at) ? this.sequence(indent) : this.mapping(indent, this.start[this.at]!);
  }

  /** A block sequence whose `- ` marks stand at `indent`. */
  private sequence(indent: number): unknown[] {
    enter();
    const text = this.text;
    // The entries gather on the shared stack and are copied out at the end, into an array of
    // exactly their number (one grown by `push` keeps spare room, kept as long as the data).
    const base = stack.length;
    const own = recording ? node(this.start[this.at]!, 'sequence', undefined) : undefined;
    while (this.at < this.count) {
      const lineIndent = this.indent[this.at]!;
      // A line back at the mark's indentation that is no entry ends it (the sequence was a
      // mapping's value, written at the mapping's own indentation).
      if (lineIndent < indent || (lineIndent === indent && !this.isEntry(this.at))) break;
      if (lineIndent > indent) unsure();
      const end = this.end[this.at]!;
      let at = this.start[this.at]! + 1;
      while (text.charCodeAt(at) === SPACE) at++;
      const first = text.charCodeAt(at);
      if (at >= end || first === HASH || (first === DASH && (at + 1 === end || text.charCodeAt(at + 1) === SPACE))) unsure();
      if (keyEnd(text, at, end) >= 0) {
        // `- key: value`: a mapping whose keys line up after the mark.
        stack.push(this.mapping(indent + (at - this.start[this.at]!), at));
      } else {
        stack.push(inlineValue(text, at, end));
        this.at++;
      }
      own?.children.push(lastNode!);
    }
    depthNow--;
    const out = takeFrom(base);
    if (own) {
      own.result = out;
      lastNode = own;
    }
    return out;
  }

  /** A block mapping whose keys stand at `indent`; its first key starts at `from` on the current line. */
  private mapping(indent: number, from: number): Record<string, unknown> {
    enter();
    const text = this.text;
    const out: Record<string, unknown> = {};
    const own = recording ? node(from, 'mapping', out) : undefined;
    let at = from;
    for (;;) {
      const end = this.end[this.at]!;
      const colon = keyEnd(text, at, end);
      if (colon < 0) unsure();
      const name = keyFound;
      if (Object.hasOwn(out, name)) unsure();
      own?.children.push(node(at, 'scalar', name));
      this.at++;
      let value: unknown;
      let rest = colon + 1;
      while (text.charCodeAt(rest) === SPACE && rest < end) rest++;
      if (rest >= end || text.charCodeAt(rest) === HASH) {
        const next = this.at < this.count ? this.indent[this.at]! : -1;
        if (next > indent) value = this.block(next);
        else if (next === indent && this.isEntry(this.at)) value = this.sequence(indent);
        else {
          value = null;
          if (own) lastNode = node(colon + 1, null, null);
        }
      } else {
        value = inlineValue(text, rest, end);
      }
      own?.children.push(lastNode!);
      out[name] = value;
      if (this.at >= this.count) break;
      const next = this.indent[this.at]!;
      if (next < indent) break;
      if (next > indent) unsure();
      at = this.start[this.at]!;
    }
    depthNow--;
    if (own) lastNode = own;
    return out;
  }
}

/**
 * Where the colon of a key `key: ...` or `key:` at `from` stands, or -1 when the text there is
 * not such a key of this reader's kind: a plain key (see `plainKey`) or a double-quoted one
 * without escapes. The key itself is left in `keyFound`.
 */
function keyEnd(text: string, from: number, end: number): number {
  let colon: number;
  let name: string | undefined;
  if (text.charCodeAt(from) === DQUOTE) {
    const close = text.indexOf('"', from + 1);
    if (close < 0 || close >= end) return -1;
    colon = close + 1;
    if (text.charCodeAt(colon) !== COLON) return -1;
    name = quotedKey(text.slice(from + 1, close));
  } else {
    colon = text.indexOf(':', from);
    if (colon <= from || colon >= end || colon - from > MAX_KEY) return -1;
    name = plainKey(text.slice(from, colon));
  }
  if (name === undefined || name === '__proto__') return -1;
  if (colon + 1 < end && text.charCodeAt(colon + 1) !== SPACE) return -1;
  keyFound = name;
  return colon;
}

/** The key `keyEnd` found last. */
let keyFound = '';

function quotedKey(name: string): string | undefined {
  return name.includes('\\') || name.length > MAX_KEY ? undefined : name;
}

/**
 * A plain key as js-yaml reads it, where that is the text itself: a word (of any script) with
 * no YAML indicator in it that the core schema reads as a string, or a whole number of up to 15
 * digits (read as a number, whose text is the key). Undefined for anything else.
 */
function plainKey(name: string): string | undefined {
  const first = name.charCodeAt(0);
  if (first === DASH || (first < 128 && WORD_FIRST[first] === 1 && CORE_WORDS.has(name))) return undefined;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    // Other white space (U+3000, U+00A0...) is js-yaml's to judge.
    if (c < 128 ? NOT_IN_KEY[c] === 1 : c === 0x3000 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f)
      return undefined;
  }
  if ((isDigitAt(name, 0) || first === 0x2b || first === 0x2e) && NUMBER_LIKE.test(name)) return /^[1-9][0-9]{0,14}$/.test(name) ? name : undefined;
  return name;
}

/** Whether the text from `at` to `end` is only spaces, then maybe a comment. */
function blankFrom(text: string, at: number, end: number): boolean {
  while (at < end && text.charCodeAt(at) === SPACE) at++;
  return at >= end || text.charCodeAt(at) === HASH;
}

/** A value written on its key's or mark's line, from `at` to `end`: a scalar, or a one-line flow collection. */
function inlineValue(text: string, at: number, end: number): unknown {
  const first = text.charCodeAt(at);
  if (first === OPEN_SEQ || first === OPEN_MAP) return flow(text, at, end);
  const value = scalar(text, at, end, false);
  if (!blankFrom(text, scalarEnd, end)) unsure();
  return value;
}

/** Where the last scalar read by `scalar` ended. */
let scalarEnd = 0;

/**
 * The scalar starting at `from` (its end is left in `scalarEnd`). In a flow collection
 * (`inFlow`) a plain one also ends at a comma or bracket.
 */
function scalar(text: string, from: number, end: number, inFlow: boolean): unknown {
  valuesRead++;
  const first = text.charCodeAt(from);
  if (first === DQUOTE || first === SQUOTE) {
    const close = text.indexOf(first === DQUOTE ? '"' : "'", from + 1);
    if (close < 0 || close >= end) unsure();
    const value = shared(text.slice(from + 1, close));
    if (first === DQUOTE && value.includes('\\')) unsure();
    // `''` in a single-quoted text is an escaped quote: js-yaml's.
    if (first === SQUOTE && text.charCodeAt(close + 1) === SQUOTE) unsure();
    scalarEnd = close + 1;
    if (recording) lastNode = node(from, 'scalar', value);
    return value;
  }
  // Indicators that start something else (or nothing) in YAML: js-yaml's. A minus before a
  // digit starts a number.
  if (from >= end || (first < 128 && NOT_FIRST[first] === 1 && !(first === DASH && isDigitAt(text, from + 1)))) unsure();
  let at = from;
  let last = from;
  for (; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === COLON) {
      const next = text.charCodeAt(at + 1);
      if (at + 1 === end || next === SPACE || (inFlow && isFlowIndicator(next))) unsure();
    } else if (c === HASH && text.charCodeAt(at - 1) === SPACE) {
      break;
    } else if (inFlow && isFlowIndicator(c)) {
      break;
    }
    if (c !== SPACE) last = at + 1;
  }
  scalarEnd = last;
  const value = resolve(text.slice(from, last));
  if (recording) lastNode = node(from, 'scalar', value);
  return value;
}

/**
 * Short texts read so far, each kept once. A catalog repeats a few thousand short words (units,
 * kinds, ids) some hundred thousand times; V8 copies a text this short (a longer one is a view of
 * the file's text), so sharing one copy keeps that many fewer objects alive for the garbage
 * collector to move. Texts are values: which copy is shared changes nothing.
 */
const shortTexts = new Map<string, string>();
/** Below this length V8 copies a slice rather than pointing into the text. */
const SHORT = 13;
/** Most short texts kept (a bound on memory for odd catalogs). */
const MAX_SHORT_TEXTS = 50_000;

function shared(text: string): string {
  if (text.length >= SHORT) return text;
  const known = shortTexts.get(text);
  if (known !== undefined) return known;
  if (shortTexts.size < MAX_SHORT_TEXTS) shortTexts.set(text, text);
  return text;
}

/** A plain scalar as the core schema reads it, where this reader is sure how. */
function resolve(plain: string): unknown {
  const first = plain.charCodeAt(0);
  if (first < 128 && WORD_FIRST[first] === 1) {
    const word = CORE_WORDS.get(plain);
    if (word !== undefined) return word;
  }
  // Only text starting with a digit, a sign or a dot can be a number.
  if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === DASH || first === 0x2e) {
    // js-yaml reads the whole number -0 as 0 (and the decimal -0.0 as -0, as Number does).
    if (NUMBER_LIKE.test(plain)) return PLAIN_NUMBER.test(plain) ? (plain === '-0' ? 0 : Number(plain)) : unsure();
  }
  return shared(plain);
}

/** A one-line flow sequence `[...]` or mapping `{...}` of scalars at `from`, with nothing after it but a comment. */
function flow(text: string, from: number, end: number): unknown {
  const isMap = text.charCodeAt(from) === OPEN_MAP;
  const close = isMap ? CLOSE_MAP : CLOSE_SEQ;
  const base = stack.length;
  const map: Record<string, unknown> | undefined = isMap ? {} : undefined;
  const own = recording ? node(from, isMap ? 'mapping' : 'sequence', map) : undefined;
  enter();
  let at = from + 1;
  while (text.charCodeAt(at) === SPACE) at++;
  if (text.charCodeAt(at) === close) {
    at++;
  } else {
    for (;;) {
      if (at >= end) unsure();
      if (isMap) {
        const colon = text.indexOf(':', at);
        if (colon < 0 || colon >= end || text.charCodeAt(colon + 1) !== SPACE) unsure();
        const quoted = text.charCodeAt(at) === DQUOTE;
        if (quoted && (text.charCodeAt(colon - 1) !== DQUOTE || colon - 1 <= at || text.indexOf('"', at + 1) !== colon - 1)) unsure();
        const key = quoted ? quotedKey(text.slice(at + 1, colon - 1)) : plainKey(text.slice(at, colon));
        if (key === undefined || key === '__proto__' || Object.hasOwn(map!, key)) unsure();
        own?.children.push(node(at, 'scalar', key));
        at = colon + 1;
        while (text.charCodeAt(at) === SPACE) at++;
        map![key!] = scalar(text, at, end, true);
      } else {
        stack.push(scalar(text, at, end, true));
      }
      own?.children.push(lastNode!);
      at = scalarEnd;
      while (text.charCodeAt(at) === SPACE) at++;
      const c = text.charCodeAt(at);
      if (c === close && at < end) {
        at++;
        break;
      }
      if (c !== COMMA || at >= end) unsure();
      at++;
      while (text.charCodeAt(at) === SPACE) at++;
      // A trailing comma, or an empty entry: js-yaml's.
      const next = text.charCodeAt(at);
      if (next === close || next === COMMA) unsure();
    }
  }
  if (!blankFrom(text, at, end)) unsure();
  depthNow--;
  const value = map ?? takeFrom(base);
  if (own) {
    own.result = value;
    lastNode = own;
  }
  return value;
}
