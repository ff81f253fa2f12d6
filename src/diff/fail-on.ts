import { t, type Text } from '../i18n/lang.js';
import type { DiffResult } from './diff-result.js';

/** What `--fail-on` accepts: the kinds of change that make CI require a review (exit 1). */
export const FAIL_ON = ['added', 'removed', 'renamed', 'changed', 'unified', 'catch-all', 'vague'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Parse `--fail-on removed,unified`; unknown names are returned separately for a usage error. */
export function parseFailOn(value: string | undefined): { conditions: FailOn[]; unknown: string[] } {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    conditions: names.filter((n): n is FailOn => (FAIL_ON as readonly string[]).includes(n)),
    unknown: names.filter((n) => !(FAIL_ON as readonly string[]).includes(n)),
  };
}

/**
 * The reasons a diff fails the requested conditions; empty when it passes. `unified` covers
 * changed unified elements of an item and a changed `unified` list in catalog.yaml; `catch-all`
 * and `vague` mean such clauses were introduced. Pure.
 * @example failReasons(result, ['removed', 'unified']).length > 0 // exit 1
 */
export function failReasons(result: DiffResult, conditions: readonly FailOn[]): Text[] {
  const out: Text[] = [];
  const s = result.summary;
  const f = result.figures;
  const codes = (pred: (i: DiffResult['items'][number]) => boolean) =>
    result.items
      .filter(pred)
      .map((i) => i.code)
      .slice(0, 10)
      .join(', ') + (result.items.filter(pred).length > 10 ? ', …' : '');
  for (const c of conditions) {
    switch (c) {
      case 'added':
      case 'removed':
      case 'renamed': {
        const n = s[c];
        const zh = { added: '新增', removed: '删除', renamed: '更名' }[c];
        if (n > 0) out.push(t(`${zh}了 ${n} 个事项：${codes((i) => i.status === c)}`, `${n} item(s) ${c}: ${codes((i) => i.status === c)}`));
        break;
      }
      case 'changed':
        if (s.changed + s.renamed > 0) {
          out.push(
            t(
              `变更了 ${s.changed + s.renamed} 个事项：${codes((i) => i.status === 'changed' || i.status === 'renamed')}`,
              `${s.changed + s.renamed} item(s) changed: ${codes((i) => i.status === 'changed' || i.status === 'renamed')}`,
            ),
          );
        }
        break;
      case 'unified': {
        if (s.unifiedChanged > 0) {
          out.push(
            t(
              `${s.unifiedChanged} 个事项的统一要素有变更：${codes((i) => i.unified.length > 0)}`,
              `unified elements of ${s.unifiedChanged} item(s) changed: ${codes((i) => i.unified.length > 0)}`,
            ),
          );
        }
        const u = result.catalog.unified;
        if (u.added.length + u.removed.length > 0) {
          const parts = [...u.added.map((e) => `+${e}`), ...u.removed.map((e) => `-${e}`)].join(' ');
          out.push(t(`catalog.yaml 的统一要素清单有变更：${parts}`, `the unified elements list of catalog.yaml changed: ${parts}`));
        }
        break;
      }
      case 'catch-all':
        if (f.catchAllClauses.introduced > 0)
          out.push(t(`新增了 ${f.catchAllClauses.introduced} 处兜底条款`, `${f.catchAllClauses.introduced} catch-all clause(s) introduced`));
        break;
      case 'vague':
        if (f.vagueClauses.introduced > 0)
          out.push(t(`新增了 ${f.vagueClauses.introduced} 处模糊条款`, `${f.vagueClauses.introduced} vague clause(s) introduced`));
        break;
    }
  }
  return out;
}
