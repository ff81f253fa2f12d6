/**
 * Make catalog text safe inside a quoted Mermaid label (`s1["…"]`, `-->|"…"|`).
 *
 * Mermaid's entity codes (`#quot;`) only decode in HTML labels; with `htmlLabels: false`, which
 * the flowcharts need so that SVG viewers show the text, they print literally (`&quot;`). So the
 * few characters that could end the quoted string or reach Mermaid's pre-processing are replaced
 * by their full-width forms, which read the same in Chinese text:
 * - `"` ends the label; `#` starts an entity code; `%` makes `%%` comments and `%%{init}%%`
 *   directives (matched anywhere in the source, even inside labels);
 * - `<` `>` make tags (`<br>` is a line break, others are sanitised away); `` ` `` starts a
 *   markdown string; `\` makes `\n` a line break;
 * - line breaks and other control characters end a statement: they become spaces.
 * Everything else (brackets, `|`, `;`, keywords such as `end` or `click`) is inert inside quotes.
 *
 * @example mermaidLabel('许可"%%{init}%%') === '许可＂％％{init}％％'
 */
export function mermaidLabel(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/["#%<>`\\]/g, (c) => FULL_WIDTH[c] ?? c)
    .replace(/ {2,}/g, ' ')
    .trim();
}

const FULL_WIDTH: Record<string, string> = {
  '"': '＂',
  '#': '＃',
  '%': '％',
  '<': '＜',
  '>': '＞',
  '`': '｀',
  '\\': '＼',
};

/** Characters that must never appear inside a label once escaped. */
export const LABEL_FORBIDDEN = /["#%<>`\\\r\n\u2028\u2029]/;
