import type { Text } from '../i18n/lang.js';
import type { Finding, Severity } from '../diagnostics/diagnostic.js';
import type { Catalog } from '../model/catalog.js';

/**
 * A rule: its fixed id, default severity, a one-line description in both languages, and, for
 * rules that look at the composed catalog, a pure check. Rules of the load stage (syntax,
 * encoding, schema) have no check: the loader reports them.
 */
export interface Rule {
  id: string;
  severity: Severity;
  description: Text;
  check?: (catalog: Catalog) => Finding[];
}
