/**
 * mermaid's `assignWithDepth`, as minified in the builds this patch was written for (11.x,
 * mermaid.min.js). Two statements create a key that the target lacks with
 * `Object.defineProperty`, so that a `__proto__` key cannot reach the prototype.
 */
const DEFINE_NESTED = 'Object.hasOwn(e,a)||Object.defineProperty(e,a,{value:void 0,writable:!0,enumerable:!0,configurable:!0})';
const DEFINE_VALUE = 'Object.hasOwn(e,a)?i[a]=o:Object.defineProperty(e,a,{value:o,writable:!0,enumerable:!0,configurable:!0})';

/**
 * The same statements with a plain assignment for every key but `__proto__`. On an ordinary
 * object whose prototypes are the built-in ones (`e` is a config object or array mermaid made;
 * `i` is `e`), assigning a key it lacks creates exactly the property `defineProperty` creates:
 * writable, enumerable, configurable, in the same order. `__proto__` keeps `defineProperty`.
 */
const ASSIGN_NESTED = `Object.hasOwn(e,a)||(a!=="__proto__"?i[a]=void 0:Object.defineProperty(e,a,{value:void 0,writable:!0,enumerable:!0,configurable:!0}))`;
const ASSIGN_VALUE = `Object.hasOwn(e,a)||a!=="__proto__"?i[a]=o:Object.defineProperty(e,a,{value:o,writable:!0,enumerable:!0,configurable:!0})`;

/**
 * mermaid's browser bundle with its configuration copy made cheaper, and whether the patch applied.
 *
 * Why: mermaid copies its whole configuration (53 sections, about 800 keys) on every internal
 * `getConfig()`, a hundred-odd times per flowchart, and each copy created every key with
 * `Object.defineProperty`, V8's slow path. That copying was about 30% of the page's time per
 * flowchart; with plain assignments it is about half as much. The objects are the same, so the
 * SVG is the same byte for byte (test/documents/flowcharts.test.ts renders every sample item both
 * ways).
 *
 * The patch matches the exact minified text, once each. Another mermaid build, where the text
 * differs, is returned unchanged (slower, same output).
 * @example const { text, patched } = patchMermaidBundle(await readFile(bundle.file, 'utf8'));
 */
export function patchMermaidBundle(bundle: string): { text: string; patched: boolean } {
  if (occurrences(bundle, DEFINE_NESTED) !== 1 || occurrences(bundle, DEFINE_VALUE) !== 1) return { text: bundle, patched: false };
  // Functions as replacements, so that `$` in the inserted text is never a substitution pattern.
  const text = bundle.replace(DEFINE_NESTED, () => ASSIGN_NESTED).replace(DEFINE_VALUE, () => ASSIGN_VALUE);
  return { text, patched: true };
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}
