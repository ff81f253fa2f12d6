/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

/** Shown where a character XML cannot carry was: U+FFFD, the replacement character. */
export const REPLACED = '\uFFFD';

/**
 * Characters an XML 1.0 document may not contain: C0 controls other than tab, line feed and
 * carriage return, lone surrogates, and U+FFFE / U+FFFF. One of them in a cell makes Excel
 * refuse the whole workbook ("We found a problem with some content").
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

/**
 * Text a workbook part can carry: each character XML forbids becomes U+FFFD (visible, so an
 * editor sees where the catalog has a stray control character), everything else is kept.
 * Every string that reaches a workbook (cells, headers, titles, sheet names, footers) goes
 * through this function.
 * @example xmlSafe('a\u0001b') === 'a\uFFFDb'
 */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, REPLACED);
}

/**
 * Catalog text as it goes into a cell: always a string, XML-safe. The writer stores it as a text
 * cell in a column formatted as text (`@`), so text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (spreadsheet formula injection) is never a formula, not even after an edit. It
 * is cut to Excel's 32,767 characters with a visible mark rather than refused by Excel on opening.
 * @example cellText('=1+1') === '=1+1' // stored as text, shown as typed
 */
export function cellText(text: string): string {
  const safe = xmlSafe(text);
  if (safe.length <= MAX_CELL_CHARS) return safe;
  const mark = '……（超出单元格长度，已截断）';
  let cut = MAX_CELL_CHARS - mark.length;
  // Never split a surrogate pair: half of one is itself a character XML forbids.
  if (/[\ud800-\udbff]/.test(safe[cut - 1] ?? '')) cut--;
  return safe.slice(0, cut) + mark;
}
