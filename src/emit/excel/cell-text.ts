/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

/**
 * Catalog text as it goes into a cell: always a string. The writer stores it as a text cell in a
 * column formatted as text (`@`), so text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return (spreadsheet formula injection) is never a formula, not even after an edit. It is cut
 * to Excel's 32,767 characters with a visible mark rather than refused by Excel on opening.
 * @example cellText('=1+1') === '=1+1' // stored as text, shown as typed
 */
export function cellText(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  const mark = '……（超出单元格长度，已截断）';
  return text.slice(0, MAX_CELL_CHARS - mark.length) + mark;
}
