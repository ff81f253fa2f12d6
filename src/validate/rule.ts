import type { Text } from '../i18n/lang.js';
import type { Finding, Severity } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rule-ids.js';
import type { Catalog } from '../model/catalog.js';

/**
 * A rule: its fixed id, default severity, a one-line description in both languages, and, for
 * rules that look at the composed catalog, a pure check. Rules of the load stage (syntax,
 * encoding, schema) have no check: the loader reports them.
 */
export interface Rule {
  id: RuleId;
  severity: Severity;
  description: Text;
  check?: (catalog: Catalog) => Finding[];
  /** `licat validate --fix` can fix what the rule finds, safely and without changing the meaning. */
  fixable?: boolean;
  /**
   * `item`: the rule looks at each item alone. Its findings on a catalog are, in order, its
   * findings on each item in a catalog of that item alone, each in that item's own file, whatever
   * else the catalog holds. Such a rule can then run where the item is parsed (on a worker
   * thread, validate/item-rules.ts); test/unit/item-rules checks the promise on the sample.
   */
  scope?: 'item';
}
