import { displayWidth } from '../../report/stylish.js';
import type { DiffResult } from '../diff-result.js';
import type { DiffFormatter } from './formatter.js';
import { changeLines, changeSummary, words, type Words } from './words.js';
import { figureRows, hallRows, sideLabel } from './rows.js';

/** The readable report for a terminal: summary, item table, reform figures, feeds, details. */
export const tableFormat: DiffFormatter = (result, { lang }) => {
  const w = words(lang);
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(`licat diff: ${sideLabel(result.base)} → ${sideLabel(result.head)}`);
  const version = result.catalog.version;
  if (version) out.push(`${zh ? '目录版本' : 'catalog version'} ${version.from ?? '—'} → ${version.to ?? '—'}`);
  out.push('');
  const s = result.summary;
  out.push(
    zh
      ? `事项：新增 ${s.added}，删除 ${s.removed}，更名 ${s.renamed}，变更 ${s.changed}（统一要素变更 ${s.unifiedChanged}），未变 ${s.unchanged}` +
          (s.unreadable ? `，无法读取 ${s.unreadable}` : '')
      : `items: ${s.added} added, ${s.removed} removed, ${s.renamed} renamed, ${s.changed} changed (${s.unifiedChanged} with unified elements), ${s.unchanged} unchanged` +
          (s.unreadable ? `, ${s.unreadable} unreadable` : ''),
  );
  out.push(...catalogLines(result, w));

  if (result.items.length > 0) {
    out.push('');
    const rows = result.items.map((item) => [
      item.code,
      w.status(item.status),
      item.baseName ? `${item.baseName} → ${item.name}` : item.name,
      w.list(changeSummary(item, w).map((p) => (p.unified ? `★${p.text}` : p.text))),
    ]);
    out.push(...grid([[zh ? '基本编码' : 'code', zh ? '状态' : 'status', zh ? '事项名称' : 'item', zh ? '变更' : 'changes'], ...rows]));
    if (s.unifiedChanged > 0) out.push(zh ? '★ 统一要素变更：全省各级大厅都继承这些变更' : '★ unified elements changed: every hall inherits these changes');
  } else {
    out.push(zh ? '没有事项变更。' : 'No item changed.');
  }

  out.push('', zh ? '改革数据' : 'Reform figures');
  out.push(...grid(figureRows(result, w), false).map((l) => `  ${l}`));
  out.push(
    zh
      ? '  注：自然日按其中至少包含的工作日折算（每满 7 天计 5 天，余数减 2 天），不计法定节假日。'
      : '  Calendar days count as the fewest working days they hold (5 per whole week, the rest less 2); public holidays are not counted.',
  );

  out.push('', zh ? '数据源（feeds）' : 'Feeds');
  const f = result.feeds;
  out.push(
    zh
      ? `  事项数据源：新增 ${f.items.added.length}，删除 ${f.items.removed.length}，变更 ${f.items.changed.length}`
      : `  item feeds: ${f.items.added.length} added, ${f.items.removed.length} removed, ${f.items.changed.length} changed`,
  );
  const hr = hallRows(result, w);
  if (hr.length > 1) out.push(...grid(hr, true, [false, true, true, true, true]).map((l) => `  ${l}`));

  for (const note of result.notes) out.push('', `${zh ? '注意' : 'Note'}: ${note[lang]}`);

  const detailed = result.items.filter((i) => i.changes.length > 0 || hasClauses(i));
  if (detailed.length > 0) {
    out.push('', zh ? '明细' : 'Details');
    for (const item of detailed) {
      out.push('', `${item.code}  ${item.name}  ${item.file.head ?? item.file.base ?? ''}`);
      for (const line of changeLines(item, w)) out.push(`  ${line}`);
    }
  }
  return out.join('\n') + '\n';
};

function hasClauses(item: DiffResult['items'][number]): boolean {
  const c = item.figures.clauses;
  return c.vague.removed.length + c.vague.introduced.length + c.catchAll.removed.length + c.catchAll.introduced.length > 0;
}

function catalogLines(result: DiffResult, w: Words): string[] {
  const c = result.catalog;
  const zh = w.lang === 'zh';
  const out: string[] = [];
  if (c.unified.added.length + c.unified.removed.length > 0) {
    const parts = [...c.unified.added.map((e) => `+${e}`), ...c.unified.removed.map((e) => `−${e}`)];
    out.push(
      zh ? `★ 统一要素清单变更（catalog.yaml unified）：${parts.join(' ')}` : `★ unified elements list changed (catalog.yaml unified): ${parts.join(' ')}`,
    );
  }
  if (c.tiers.added.length + c.tiers.removed.length > 0) {
    const parts = [...c.tiers.added.map((e) => `+${w.tier(e)}`), ...c.tiers.removed.map((e) => `−${w.tier(e)}`)];
    out.push(`${zh ? '层级变更' : 'tiers changed'}: ${parts.join(' ')}`);
  }
  const d = c.departments;
  if (d.kindsAdded.length + d.kindsRemoved.length + d.kindsChanged.length + d.bodiesAdded + d.bodiesRemoved + d.bodiesChanged > 0) {
    out.push(
      zh
        ? `departments.yaml：部门类别 +${d.kindsAdded.length} −${d.kindsRemoved.length} ~${d.kindsChanged.length}，实施主体 +${d.bodiesAdded} −${d.bodiesRemoved} ~${d.bodiesChanged}`
        : `departments.yaml: kinds +${d.kindsAdded.length} −${d.kindsRemoved.length} ~${d.kindsChanged.length}, bodies +${d.bodiesAdded} −${d.bodiesRemoved} ~${d.bodiesChanged}`,
    );
  }
  const r = c.regions;
  if (r.added.length + r.removed.length + r.changed.length > 0) {
    out.push(
      zh
        ? `区划：新增 ${r.added.length}，删除 ${r.removed.length}，变更 ${r.changed.length}`
        : `regions: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed`,
    );
  }
  return out;
}

/** Lay rows out in columns that line up in a terminal (CJK characters are two columns wide). */
function grid(rows: string[][], header = true, right: boolean[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - displayWidth(cell));
        if (i === row.length - 1 && !right[i]) return cell;
        return right[i] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const out = rows.map(line);
  if (header && out.length > 0) out.splice(1, 0, widths.map((n) => '─'.repeat(n)).join('  '));
  return out;
}
