import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { count, countSeverities, rootRelative, type ReportContext, type Reporter } from './reporter.js';
import { displayText } from './safe-text.js';

/**
 * GitHub shows at most 10 error and 10 warning annotations of one step; more are dropped
 * silently. licat annotates the first ones of each level and says how many it left out; the job
 * summary lists everything up to SUMMARY_ROWS.
 */
export const ANNOTATIONS_PER_LEVEL = 10;
/** Problems listed in the markdown summary before "and N more". */
export const SUMMARY_ROWS = 500;

/**
 * GitHub Actions: workflow-command annotations (`::error file=…,line=…,col=…,title=rule::message`)
 * followed by a markdown summary, unless the summary goes to $GITHUB_STEP_SUMMARY
 * (`githubStepSummary`), where the command line appends `githubSummary`.
 */
export const github: Reporter = (diagnostics, context) => {
  const out = githubAnnotations(diagnostics, context);
  if (!context.githubStepSummary) {
    if (out.length > 0) out.push('');
    out.push(githubSummary(diagnostics, context).trimEnd());
  } else if (out.length === 0) return '';
  return out.join('\n') + '\n';
};

function githubAnnotations(diagnostics: readonly Diagnostic[], { lang, sourceRoot }: ReportContext): string[] {
  const out: string[] = [];
  const shown = { error: 0, warning: 0 };
  let omitted = 0;
  for (const d of diagnostics) {
    if (shown[d.severity] >= ANNOTATIONS_PER_LEVEL) {
      omitted++;
      continue;
    }
    shown[d.severity]++;
    const file = rootRelative(d.file, sourceRoot);
    out.push(`::${d.severity} file=${property(file)},line=${d.line},col=${d.column},title=${property(d.rule)}::${data(d.message[lang])}`);
  }
  if (omitted > 0) {
    const zh = lang === 'zh';
    out.push(
      `::notice title=licat::${data(
        zh
          ? `另有 ${omitted} 个问题未加注释（GitHub 每个步骤最多显示 ${ANNOTATIONS_PER_LEVEL} 个错误和 ${ANNOTATIONS_PER_LEVEL} 个警告注释），完整列表见作业摘要`
          : `${omitted} more ${omitted === 1 ? 'problem is' : 'problems are'} not annotated (GitHub shows at most ${ANNOTATIONS_PER_LEVEL} error and ${ANNOTATIONS_PER_LEVEL} warning annotations per step); see the job summary for all`,
      )}`,
    );
  }
  return out;
}

/**
 * The markdown job summary: totals, a count per rule, and a table of problems.
 * @example appendFileSync(process.env.GITHUB_STEP_SUMMARY!, githubSummary(diagnostics, context))
 */
export function githubSummary(diagnostics: readonly Diagnostic[], { lang, summary, sourceRoot }: ReportContext): string {
  const zh = lang === 'zh';
  const { errors, warnings } = countSeverities(diagnostics);
  const out: string[] = [zh ? '## licat 目录检查' : '## licat validate', ''];
  if (errors + warnings === 0) {
    out.push(
      zh
        ? `✅ 检查了 ${summary.files} 个文件、${summary.items} 个事项，没有发现问题。`
        : `✅ ${count(summary.files, 'file')}, ${count(summary.items, 'item')} checked: no problems.`,
    );
    return out.join('\n') + '\n';
  }
  out.push(
    zh
      ? `${errors > 0 ? '❌' : '⚠️'} ${errors + warnings} 个问题（${errors} 个错误，${warnings} 个警告），检查了 ${summary.files} 个文件、${summary.items} 个事项。`
      : `${errors > 0 ? '❌' : '⚠️'} ${count(errors + warnings, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')}) in ${count(summary.files, 'file')}, ${count(summary.items, 'item')}.`,
    '',
  );
  const perRule = new Map<string, { errors: number; warnings: number }>();
  for (const d of diagnostics) {
    const c = perRule.get(d.rule) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') c.errors++;
    else c.warnings++;
    perRule.set(d.rule, c);
  }
  out.push(zh ? '| 规则 | 错误 | 警告 |' : '| Rule | Errors | Warnings |', '| --- | ---: | ---: |');
  for (const [rule, c] of [...perRule].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`| ${cell(rule)} | ${c.errors} | ${c.warnings} |`);
  out.push('', zh ? '| 级别 | 文件 | 位置 | 规则 | 说明 |' : '| Level | File | Line | Rule | Message |', '| --- | --- | ---: | --- | --- |');
  for (const d of diagnostics.slice(0, SUMMARY_ROWS)) {
    const level = d.severity === 'error' ? (zh ? '❌ 错误' : '❌ error') : zh ? '⚠️ 警告' : '⚠️ warning';
    out.push(`| ${level} | ${cell(rootRelative(d.file, sourceRoot))} | ${d.line}:${d.column} | ${cell(d.rule)} | ${cell(d.message[lang])} |`);
  }
  if (diagnostics.length > SUMMARY_ROWS) {
    const more = diagnostics.length - SUMMARY_ROWS;
    out.push('', zh ? `……另有 ${more} 个问题，完整列表请用 --format json 或 sarif。` : `… and ${more} more; use --format json or sarif for the full list.`);
  }
  return out.join('\n') + '\n';
}

/**
 * Escape a workflow-command message (the part after `::`): line breaks of every kind (a runner
 * takes a lone CR as one too) and other controls become visible escapes first, so no part of the
 * text can start a line of its own.
 */
function data(s: string): string {
  return displayText(s).replace(/%/g, '%25');
}

/** Escape a workflow-command property value (file, title): also `:` and `,`. */
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A markdown table cell: no pipes, line breaks or HTML. */
function cell(s: string): string {
  return displayText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}
