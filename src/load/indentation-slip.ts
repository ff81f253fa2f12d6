/** A line indented unlike any block it could belong to. */
export interface IndentationSlip {
  /** 1-based. */
  line: number;
  /** Spaces the line has. */
  indent: number;
  /** The indentations it could have had there, deepest first. */
  expected: number[];
}

/**
 * The first line, at or before `before` (1-based), whose indentation matches no block it could
 * belong to: deeper than the line above without that line opening a block, or shallower without
 * returning to an enclosing block's indentation. YAML parsers report such a slip where the
 * structure finally breaks, often a line later and in other words ("implicit keys must be on
 * one line", "missing character"); this names the line itself. Block scalars (`|`, `>`), flow
 * collections spanning lines and comments are skipped. Undefined when no line stands out.
 * @example findIndentationSlip('a:\n  b: 1\n   c: 2\n', 3) // { line: 3, indent: 3, expected: [2, 0] }
 */
export function findIndentationSlip(text: string, before: number): IndentationSlip | undefined {
  const lines = text.split(/\r?\n/);
  // Indentations of the open blocks (key columns), outermost first.
  const levels: number[] = [];
  // After a line that opens a block (`key:` with no value, a bare `-`): the key's column.
  let opener: number | undefined;
  let scalarIndent: number | undefined; // inside a block scalar: lines deeper than this
  let flowDepth = 0;
  for (let n = 0; n < Math.min(lines.length, before); n++) {
    const raw = lines[n]!;
    const content = raw.trimStart();
    const indent = raw.length - content.length;
    if (content === '' || content.startsWith('#')) continue;
    if (scalarIndent !== undefined) {
      if (indent > scalarIndent) continue;
      scalarIndent = undefined;
    }
    if (flowDepth > 0) {
      flowDepth += depthChange(content);
      continue;
    }
    if (/^(---|\.\.\.)(\s|$)/.test(raw) || content.startsWith('%')) {
      levels.length = 0;
      opener = undefined;
      continue;
    }
    if (raw[indent] === '\t') return undefined; // tabs have a message of their own
    const item = content.startsWith('- ') || content === '-';
    const opensChild = opener !== undefined && (indent > opener || (item && indent === opener));
    if (opensChild || levels.length === 0) levels.push(indent);
    else {
      const open = [...levels].reverse();
      while (levels.length > 0 && levels[levels.length - 1]! > indent) levels.pop();
      if (levels[levels.length - 1] !== indent) {
        const expected = open;
        return { line: n + 1, indent, expected: opener !== undefined ? [...expected, opener + 2].sort((a, b) => b - a) : expected };
      }
    }
    // What this line opens for the next one.
    const dash = /^(-(\s+|$))+/.exec(content);
    const column = indent + (dash ? dash[0].length : 0);
    if (dash && column > indent) levels.push(column);
    const rest = content.slice(column - indent);
    const key = /^("[^"]*"|'[^']*'|[^\s#'"{[][^#]*?)\s*:(\s+|$)/.exec(rest);
    const value = key ? rest.slice(key[0].length).trim() : rest.trim();
    opener = (key || dash) && /^(#.*)?$/.test(value) ? column : undefined;
    if (/^[|>][-+0-9]*\s*(#.*)?$/.test(value)) scalarIndent = column;
    const change = depthChange(value);
    if (change > 0) flowDepth = change;
  }
  return undefined;
}

/** Net brackets opened by a line's flow collections, ignoring quoted text and comments. */
function depthChange(s: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || s[i - 1] === ' ')) break;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth;
}
