/**
 * Text from a catalog (file names, YAML values quoted in messages) is shown to terminals, CI logs
 * and other programs. Control characters in it could move the cursor, rewrite a log line or, put
 * at the start of a line, become a CI workflow command (`::error …`); bidirectional overrides can
 * make a line read differently from what it holds. Every reporter passes such text through here.
 */

/**
 * What may never reach a reader raw: C0 controls (line breaks included) and DEL, C1 controls
 * (U+0085 among them), the line and paragraph separators, bidirectional marks, embeddings,
 * overrides and isolates, and lone surrogates. Tab is kept: it moves the cursor, nothing more.
 */
const UNSAFE =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/** A visible escape for one unsafe character: `\n`, `\r`, `\x1B`, `\u202E`. */
function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Text safe to show on one line of a terminal or a CI log: every control, line separator and
 * bidirectional control becomes a visible escape.
 * @example displayText('a\u001b[31mb\nc') // 'a\\x1B[31mb\\nc'
 */
export function displayText(s: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s) ? s.replace(UNSAFE, escapeChar) : s;
}

/**
 * Like `displayText`, and a line that would start with `::` (a CI workflow command) is prefixed
 * with a space. For text that begins an output line.
 * @example lineStart('::error::x') // ' ::error::x'
 */
export function lineStart(s: string): string {
  const safe = displayText(s);
  return safe.startsWith('::') ? ` ${safe}` : safe;
}

/** What `JSON.stringify` leaves raw of `UNSAFE`: it escapes C0 controls and lone surrogates itself. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (from `JSON.stringify`) with the characters it leaves raw but `displayText` would
 * escape (C1 controls, U+2028/U+2029, bidirectional controls) written as `\uXXXX` escapes. The
 * parsed value is unchanged, so machine-readable output stays exact.
 * @example jsonSafe(JSON.stringify({ m: 'a\u2028b' })) // '{"m":"a\\u2028b"}'
 */
export function jsonSafe(json: string): string {
  JSON_UNSAFE.lastIndex = 0;
  return JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** `UNSAFE` but the line feed: for whole outputs whose lines are their structure. */
const UNSAFE_BUT_LF = new RegExp(UNSAFE.source.replace('\\u000a-\\u001f', '\\u000b-\\u001f'), 'g');

/**
 * A whole multi-line text output (a table, a markdown report) made safe for a terminal or CI log:
 * every unsafe character but the line feed becomes a visible escape (a lone CR included), and a
 * line that would start with `::` is prefixed with a space. For formats that lay out catalog text
 * in many places; one pass over the finished text covers them all.
 * @example safeOutput('a\n::error::x\u001b[2J\n') // 'a\n ::error::x\\x1B[2J\n'
 */
export function safeOutput(text: string): string {
  UNSAFE_BUT_LF.lastIndex = 0;
  const escaped = UNSAFE_BUT_LF.test(text) ? text.replace(UNSAFE_BUT_LF, escapeChar) : text;
  return escaped.startsWith('::') || escaped.includes('\n::') ? escaped.replace(/^::/gm, ' ::') : escaped;
}
