/**
 * mermaid's `assignWithDepth`, exactly as minified in mermaid.min.js (11.x). It creates each key
 * the target lacks with `Object.defineProperty` (so that a `__proto__` key cannot reach the
 * prototype) and walks the source with `Object.entries(...).forEach`.
 */
export const ASSIGN_WITH_DEPTH =
  'vD=s((e,t,{depth:r=2}={})=>{let n={depth:r};if(Array.isArray(t)&&!Array.isArray(e))return t.forEach(i=>vD(e,i,n)),e;' +
  'if(Array.isArray(t)&&Array.isArray(e))return t.forEach(i=>{e.includes(i)||e.push(i)}),e;' +
  'if(e==null||r<=0)return e!=null&&typeof e=="object"&&typeof t=="object"?Object.assign(e,t):t;' +
  'if(t!=null&&typeof e=="object"&&typeof t=="object"){let i=e;Object.entries(t).forEach(([a,o])=>{if(typeof o=="object"){if(o===null)return;' +
  'Object.hasOwn(e,a)||Object.defineProperty(e,a,{value:void 0,writable:!0,enumerable:!0,configurable:!0}),' +
  'i[a]===void 0&&(i[a]=Array.isArray(o)?[]:{}),typeof i[a]=="object"&&(i[a]=vD(i[a],o,{depth:r-1}))}' +
  'else typeof i[a]!="object"&&(Object.hasOwn(e,a)?i[a]=o:Object.defineProperty(e,a,{value:o,writable:!0,enumerable:!0,configurable:!0}))})}' +
  'return e},"assignWithDepth")';

/**
 * The same function, faster: the source's own keys and their values are taken first with
 * `for...in` and `Object.hasOwn` (the keys, order and values `Object.entries` gives, without an
 * array per key), and a key the target lacks is created by plain assignment, except `__proto__`,
 * which keeps `Object.defineProperty`. On the ordinary objects and arrays mermaid merges (their
 * prototypes the built-in ones), assigning a key the object lacks creates exactly the property
 * `defineProperty` created: writable, enumerable, configurable, in the same place.
 */
export const ASSIGN_WITH_DEPTH_FAST =
  'vD=s((e,t,{depth:r=2}={})=>{let n={depth:r};if(Array.isArray(t)&&!Array.isArray(e))return t.forEach(i=>vD(e,i,n)),e;' +
  'if(Array.isArray(t)&&Array.isArray(e))return t.forEach(i=>{e.includes(i)||e.push(i)}),e;' +
  'if(e==null||r<=0)return e!=null&&typeof e=="object"&&typeof t=="object"?Object.assign(e,t):t;' +
  'if(t!=null&&typeof e=="object"&&typeof t=="object"){let i=e,k=[],v=[];for(const a in t)Object.hasOwn(t,a)&&(k.push(a),v.push(t[a]));' +
  'for(let j=0;j<k.length;j++){const a=k[j],o=v[j];if(typeof o=="object"){if(o===null)continue;' +
  'Object.hasOwn(e,a)||(a!=="__proto__"?i[a]=void 0:Object.defineProperty(e,a,{value:void 0,writable:!0,enumerable:!0,configurable:!0})),' +
  'i[a]===void 0&&(i[a]=Array.isArray(o)?[]:{}),typeof i[a]=="object"&&(i[a]=vD(i[a],o,{depth:r-1}))}' +
  'else typeof i[a]!="object"&&(Object.hasOwn(e,a)||a!=="__proto__"?i[a]=o:Object.defineProperty(e,a,{value:o,writable:!0,enumerable:!0,configurable:!0}))}}' +
  'return e},"assignWithDepth")';

/**
 * mermaid's `splitWordToFitWidthRecursion`, exactly as minified in mermaid.min.js (11.x). With
 * `htmlLabels: false`, a label line wider than the wrapping width whose word does not fit is cut
 * at the longest prefix of characters that fits, found by measuring prefixes of 1, 2, 3...
 * characters in the page (`e` measures). A Chinese label has no spaces, so each long line is
 * measured character by character.
 */
export const SPLIT_WORD =
  'function Hae(e,t,r,n){if(r.length===0)return[{content:t.join(""),type:n},{content:"",type:n}];' +
  'let[i,...a]=r,o=[...t,i];return e([{content:o.join(""),type:n}])?Hae(e,o,a,n):' +
  '(t.length===0&&i&&(t.push(i),r.shift()),[{content:t.join(""),type:n},{content:r.join(""),type:n}])}';

/**
 * The same cut found by bisection: `l` characters are known to fit (none measured yet: 0), `h`
 * are known not to (none measured yet: all plus one), and the prefix halfway is measured until
 * they meet: about log2(n) measurements instead of n. The cut is the original's as long as a
 * longer prefix is never narrower than a shorter one, which holds for the text labels carry
 * (Chinese, Latin letters, digits, punctuation: each character adds its advance, and kerning
 * takes back far less). Script that reshapes earlier letters as later ones arrive could break
 * it; the SVG cache key names this replacement, so such a change never mixes with other SVGs.
 */
export const SPLIT_WORD_BISECT =
  'function Hae(e,t,r,n){let l=0,h=r.length+1;for(;h-l>1;){let m=l+h>>1;e([{content:[...t,...r.slice(0,m)].join(""),type:n}])?l=m:h=m}' +
  'if(l===r.length)return[{content:[...t,...r].join(""),type:n},{content:"",type:n}];' +
  'if(l===0)return t.length===0&&r[0]?[{content:r[0],type:n},{content:r.slice(1).join(""),type:n}]:[{content:t.join(""),type:n},{content:r.join(""),type:n}];' +
  'return[{content:[...t,...r.slice(0,l)].join(""),type:n},{content:r.slice(l).join(""),type:n}]}';

/** The replacements `patchMermaidBundle` makes, by name. */
export const MERMAID_PATCHES = [
  { name: 'assignWithDepth', original: ASSIGN_WITH_DEPTH, replacement: ASSIGN_WITH_DEPTH_FAST },
  { name: 'splitWordToFitWidth', original: SPLIT_WORD, replacement: SPLIT_WORD_BISECT },
] as const;

/**
 * mermaid's browser bundle with the functions in `MERMAID_PATCHES` replaced, and the names of the
 * replacements that applied (they go into the SVG cache key).
 *
 * Why: profiled in the page, a flowchart spent a third of its time copying mermaid's
 * configuration (53 sections, about 800 keys, copied by `assignWithDepth` on each of 87
 * `getConfig()` calls), and another third measuring label text, 61 of its 98 measurements
 * for prefixes of long Chinese lines (each measurement lays the page out). The faster
 * `assignWithDepth` makes a `getConfig()` about three times cheaper (0.44 -> 0.14 ms); bisection
 * cuts the measurements to 58. The SVG is the same byte for byte: test/documents/flowcharts.test.ts
 * compares each pair of functions on random inputs and renders every sample item with both bundles.
 *
 * Each function is matched as exact text, once. In another mermaid build, where the text differs,
 * it is left as it is (slower, same output).
 * @example const { text, applied } = patchMermaidBundle(await readFile(bundle.file, 'utf8'));
 */
export function patchMermaidBundle(bundle: string): { text: string; applied: string[] } {
  let text = bundle;
  const applied: string[] = [];
  for (const { name, original, replacement } of MERMAID_PATCHES) {
    const at = text.indexOf(original);
    if (at < 0 || text.indexOf(original, at + 1) >= 0) continue;
    text = text.slice(0, at) + replacement + text.slice(at + original.length);
    applied.push(name);
  }
  return { text, applied };
}
