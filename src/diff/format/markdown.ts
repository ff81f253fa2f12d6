import type { ItemDiff } from '../diff-result.js';
import type { DiffFormatter } from './formatter.js';
import { figureRows, hallRows, sideLabel } from './rows.js';
import { changeLines, changeSummary, words } from './words.js';

/** Rows of the item table and items in the details shown before the rest is summarised. */
export const MARKDOWN_ITEM_LIMIT = 150;
/** A pull-request comment holds 65,536 characters; stop adding details well before that. */
export const MARKDOWN_BUDGET = 60_000;

/**
 * GitHub-flavoured markdown for a pull-request comment or a CI job summary: pipe tables (cells
 * escaped, one line each), an alert when unified elements changed, details in a collapsed block.
 */
export const markdownFormat: DiffFormatter = (result, { lang }) => {
  const w = words(lang);
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(`### licat diff: ${code(sideLabel(result.base))} → ${code(sideLabel(result.head))}`, '');
  const version = result.catalog.version;
  if (version) out.push(`${zh ? '目录版本' : 'Catalog version'}: ${cell(version.from ?? '—')} → ${cell(version.to ?? '—')}`, '');

  const s = result.summary;
  out.push(
    ...table(
      [
        zh ? '新增' : 'added',
        zh ? '删除' : 'removed',
        zh ? '更名' : 'renamed',
        zh ? '变更' : 'changed',
        zh ? '统一要素变更' : 'unified changed',
        zh ? '未变' : 'unchanged',
      ],
      [[s.added, s.removed, s.renamed, s.changed, s.unifiedChanged, s.unchanged].map(String)],
      [true, true, true, true, true, true],
    ),
  );
  out.push('');

  const unifiedList = result.catalog.unified;
  if (s.unifiedChanged > 0 || unifiedList.added.length + unifiedList.removed.length > 0) {
    const items = result.items.filter((i) => i.unified.length > 0).map((i) => `${code(i.code)} ${cell(i.name)}`);
    out.push('> [!WARNING]');
    if (s.unifiedChanged > 0) {
      out.push(
        zh
          ? `> ${s.unifiedChanged} 个事项的统一要素有变更，全省各级大厅都继承这些变更：${items.slice(0, 20).join('、')}${items.length > 20 ? ' …' : ''}`
          : `> Unified elements of ${s.unifiedChanged} item(s) changed; every hall inherits them: ${items.slice(0, 20).join(', ')}${items.length > 20 ? ' …' : ''}`,
      );
    }
    if (unifiedList.added.length + unifiedList.removed.length > 0) {
      const parts = [...unifiedList.added.map((e) => `+${code(e)}`), ...unifiedList.removed.map((e) => `−${code(e)}`)].join(' ');
      if (s.unifiedChanged > 0) out.push('>');
      out.push(zh ? `> catalog.yaml 的统一要素清单变更：${parts}` : `> The unified elements list of catalog.yaml changed: ${parts}`);
    }
    out.push('');
  }
  if (result.summary.removed > 0) {
    const removed = result.items.filter((i) => i.status === 'removed').map((i) => `${code(i.code)} ${cell(i.name)}`);
    out.push(
      '> [!CAUTION]',
      zh
        ? `> 删除了 ${removed.length} 个事项：${removed.slice(0, 20).join('、')}${removed.length > 20 ? ' …' : ''}`
        : `> ${removed.length} item(s) removed: ${removed.slice(0, 20).join(', ')}${removed.length > 20 ? ' …' : ''}`,
      '',
    );
  }

  out.push(`#### ${zh ? '改革数据' : 'Reform figures'}`, '');
  out.push(
    ...table(
      [zh ? '指标' : 'figure', zh ? '本次变更' : 'this change'],
      figureRows(result, w).map(([a, b]) => [cell(a), cell(b)]),
    ),
  );
  out.push(
    '',
    zh
      ? '<sub>自然日按其中至少包含的工作日折算（每满 7 天计 5 天，余数减 2 天），不计法定节假日。</sub>'
      : '<sub>Calendar days count as the fewest working days they hold (5 per whole week, the rest less 2); public holidays are not counted.</sub>',
    '',
  );

  if (result.items.length > 0) {
    out.push(`#### ${zh ? '事项' : 'Items'}`, '');
    const shown = result.items.slice(0, MARKDOWN_ITEM_LIMIT);
    out.push(
      ...table(
        [zh ? '基本编码' : 'code', zh ? '事项' : 'item', zh ? '状态' : 'status', zh ? '变更' : 'changes', zh ? '承诺时限' : 'promised limit'],
        shown.map((item) => [
          code(item.code),
          cell(item.baseName ? `${item.baseName} → ${item.name}` : item.name),
          cell(w.status(item.status)),
          changesCell(item, w),
          cell(item.figures.promised ? `${w.duration(item.figures.promised.from)} → ${w.duration(item.figures.promised.to)}` : ''),
        ]),
      ),
    );
    if (result.items.length > shown.length)
      out.push(
        '',
        zh
          ? `另有 ${result.items.length - shown.length} 个事项未列出（见 --format json）。`
          : `${result.items.length - shown.length} more items not listed (see --format json).`,
      );
    out.push('');
  }

  out.push(`#### ${zh ? '数据源' : 'Feeds'}`, '');
  const f = result.feeds;
  out.push(
    zh
      ? `事项数据源：新增 ${f.items.added.length}，删除 ${f.items.removed.length}，变更 ${f.items.changed.length}`
      : `Item feeds: ${f.items.added.length} added, ${f.items.removed.length} removed, ${f.items.changed.length} changed`,
    '',
  );
  const hr = hallRows(result, w);
  if (hr.length > 1)
    out.push(
      ...table(
        hr[0]!.map(cell),
        hr.slice(1).map((r) => r.map(cell)),
        [false, true, true, true, true],
      ),
      '',
    );

  for (const note of result.notes) out.push(`> ${cell(note[lang])}`, '');

  const detailed = result.items.filter((i) => changeLines(i, w).length > 0);
  if (detailed.length > 0) {
    out.push('<details>', `<summary>${zh ? '明细' : 'Details'}</summary>`, '');
    let used = out.reduce((n, l) => n + l.length + 1, 0);
    let listed = 0;
    for (const item of detailed.slice(0, MARKDOWN_ITEM_LIMIT)) {
      const block = [`- ${code(item.code)} ${cell(item.name)}`, ...changeLines(item, w).map((l) => `  - ${cell(l)}`)];
      const size = block.reduce((n, l) => n + l.length + 1, 0);
      if (used + size > MARKDOWN_BUDGET) break;
      out.push(...block);
      used += size;
      listed++;
    }
    if (listed < detailed.length)
      out.push(
        '',
        zh
          ? `另有 ${detailed.length - listed} 个事项的明细未列出（见 --format json）。`
          : `Details of ${detailed.length - listed} more items not listed (see --format json).`,
      );
    out.push('', '</details>', '');
  }
  return out.join('\n');
};

function changesCell(item: ItemDiff, w: ReturnType<typeof words>): string {
  // Unified elements stand out in bold with a marker: every hall inherits them.
  return changeSummary(item, w)
    .map((p) => (p.unified ? `**⚠ ${cell(p.text)}**` : cell(p.text)))
    .join(w.lang === 'zh' ? '；' : '; ');
}

function table(header: string[], rows: string[][], right: boolean[] = []): string[] {
  const align = header.map((_, i) => (right[i] ? '---:' : '---'));
  return [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Text safe inside a table cell: one line, pipes and markup escaped. */
export function cell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}
