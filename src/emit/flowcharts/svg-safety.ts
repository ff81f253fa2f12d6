/**
 * The elements a rendered flowchart may contain. Anything else (script, foreignObject, a,
 * image, iframe, animate, set, use…) fails the build: it would be HTML in an SVG viewer,
 * a link, an external load or a way to change an attribute at run time.
 */
const ALLOWED_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'style',
  'title',
  'desc',
  'marker',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'filter',
  'feGaussianBlur',
  'feOffset',
  'feFlood',
  'feComposite',
  'feMerge',
  'feMergeNode',
  'feDropShadow',
]);

/**
 * Why an SVG is unsafe to publish, or undefined when it is safe: only allowed elements, no
 * event-handler attribute, no `javascript:` (or other script) URL in any attribute or CSS
 * `url()`, and every `url()` points inside the document. Text content is not inspected: a
 * label may mention "javascript:" as words; it is escaped text, not a URL.
 * @example svgProblem('<svg><script/></svg>') // 'element <script>'
 */
export function svgProblem(svg: string): string | undefined {
  if (/<!DOCTYPE|<!ENTITY|<\?(?!xml\s)/i.test(svg)) return 'document type, entity or processing instruction';
  for (const tag of svg.matchAll(/<([A-Za-z][\w:.-]*)([^>]*)>/g)) {
    const name = tag[1] ?? '';
    if (!ALLOWED_ELEMENTS.has(name)) return `element <${name}>`;
    const attributes = tag[2] ?? '';
    // Looser than an attribute parser on purpose: a tampered file with odd quoting still fails.
    const handler = /(?:^|[\s"'/])(on[a-z]+)\s*=/i.exec(attributes);
    if (handler) return `event-handler attribute ${handler[1]}`;
    for (const attr of attributes.matchAll(/([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"']+)/g)) {
      const attrName = (attr[1] ?? '').toLowerCase();
      const value = decodeXmlEntities((attr[2] ?? '').replace(/^["']|["']$/g, ''));
      if (hasScriptUrl(value)) return `script URL in attribute ${attrName}`;
      const outside = outsideUrl(value);
      if (outside) return `url(${outside}) outside the document`;
      if ((attrName === 'href' || attrName.endsWith(':href') || attrName === 'src') && !value.trim().startsWith('#')) {
        return `external reference in attribute ${attrName}`;
      }
    }
  }
  for (const style of svg.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
    const css = decodeXmlEntities(style[1] ?? '');
    if (hasScriptUrl(css)) return 'script URL in a stylesheet';
    if (/@import|expression\s*\(/i.test(css)) return 'stylesheet import or expression';
    const outside = outsideUrl(css);
    if (outside) return `url(${outside}) outside the document`;
  }
  return undefined;
}

/** Throw when `svgProblem` finds something: it is a renderer bug or a tampered cache, never the user's. */
export function assertSafeSvg(svg: string, what: string): void {
  const problem = svgProblem(svg);
  if (problem) throw new Error(`unsafe SVG for ${what}: ${problem}`);
}

/** The first CSS `url()` that does not point inside the document (`url(#marker)`). */
function outsideUrl(css: string): string | undefined {
  for (const match of css.matchAll(/url\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)) {
    const target = (match[2] ?? '').trim();
    if (!target.startsWith('#')) return target;
  }
  return undefined;
}

function hasScriptUrl(value: string): boolean {
  // Browsers ignore whitespace and control characters inside a scheme: "java\tscript:".
  const squeezed = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  return /(javascript|vbscript|livescript):|data:text\/html/.test(squeezed);
}

function decodeXmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const e = entity.toLowerCase();
    if (e.startsWith('#')) {
      const code = e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? '';
  });
}
