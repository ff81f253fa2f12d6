import type { Node } from 'yaml';
import { t } from '../i18n/lang.js';
import { pointer, type Finding } from '../diagnostics/diagnostic.js';
import { yamlLibrary } from '../load/yaml-library.js';

/** The mark of a value still to be written in a new item (`licat new` writes it); rule `placeholder`. */
export const PLACEHOLDER = '【待填写】';

/**
 * Every value of a file that still holds the placeholder, at its exact position. Files without
 * the mark are passed by with one substring search.
 * @example placeholderFindings('name: 【待填写】事项名称\n', 'a.yaml')[0].path // '/name'
 */
export function placeholderFindings(text: string, file: string): Finding[] {
  if (!text.includes(PLACEHOLDER)) return [];
  const YAML = yamlLibrary();
  const doc = YAML.parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return [];
  const out: Finding[] = [];
  const walk = (node: unknown, segments: Array<string | number>) => {
    if (YAML.isScalar(node)) {
      if (typeof node.value === 'string' && node.value.includes(PLACEHOLDER)) {
        const hint = node.value.replace(PLACEHOLDER, '').trim();
        out.push({
          rule: 'placeholder',
          file,
          path: pointer(segments),
          message: t(
            `尚未填写${hint ? `：${hint}` : ''}（把“${PLACEHOLDER}”换成实际内容）`,
            `not filled in yet${hint ? `: ${hint}` : ''} (replace “${PLACEHOLDER}” with the real value)`,
          ),
        });
      }
    } else if (YAML.isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        walk(pair.value, [...segments, YAML.isScalar(key) ? String(key.value) : String(key)]);
      }
    } else if (YAML.isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...segments, i]));
    }
  };
  walk(doc.contents, []);
  return out;
}
