import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Lang } from '../i18n/lang.js';
import { watchCatalog } from '../load/watch-catalog.js';
import { REPORTERS } from '../report/registry.js';
import { countSeverities } from '../report/reporter.js';
import { CheckSession } from '../pipeline/check-session.js';

export interface WatchRun {
  lang: Lang;
  color: boolean;
  poll?: boolean;
}

/**
 * `licat validate --watch`: check the catalog, then check again whenever a file of it is saved,
 * printing one compact result per change: the problems of the files changed, the problems the
 * change caused or removed elsewhere, the catalog's totals and the time the check took. Ends
 * cleanly on Ctrl-C (SIGINT) or SIGTERM, with exit code 0.
 */
export async function runWatch(dir: string, run: WatchRun): Promise<number> {
  const cwd = process.cwd();
  const zh = run.lang === 'zh';
  const session = await CheckSession.open(dir, cwd);
  const first = session.result;
  process.stdout.write(
    REPORTERS.stylish(first.diagnostics, { lang: run.lang, texts: first.texts, summary: { files: first.files, items: first.itemFiles }, color: run.color }),
  );
  let previous = new Set(first.diagnostics.map(key));

  const onChange = (rels: string[]) => {
    const started = performance.now();
    const touched = new Set(session.update(rels));
    const ms = Math.round(performance.now() - started);
    const { diagnostics } = session.result;
    const now = new Set(diagnostics.map(key));
    const own = diagnostics.filter((d) => touched.has(d.file));
    const elsewhere = diagnostics.filter((d) => !touched.has(d.file) && !previous.has(key(d)));
    let gone = 0;
    for (const k of previous) if (!now.has(k) && !touched.has(k.split('\0')[0]!)) gone++;
    previous = now;
    const mine = countSeverities(own);
    const all = countSeverities(diagnostics);
    const time = new Date().toTimeString().slice(0, 8);
    const names = [...touched].join(', ');
    const state =
      mine.errors + mine.warnings === 0 ? '✓' : zh ? `✖ ${mine.errors} 个错误，${mine.warnings} 个警告` : `✖ ${mine.errors} errors, ${mine.warnings} warnings`;
    const total =
      all.errors + all.warnings === 0
        ? zh
          ? '目录没有问题'
          : 'catalog clean'
        : zh
          ? `目录共 ${all.errors} 个错误、${all.warnings} 个警告`
          : `catalog: ${all.errors} errors, ${all.warnings} warnings`;
    const lines = [`[${time}] ${names}  ${state} · ${total} · ${ms} ms`];
    for (const d of [...own, ...elsewhere])
      lines.push(
        `  ${d.file}:${d.line}:${d.column}  ${d.severity === 'error' ? (zh ? '错误' : 'error') : zh ? '警告' : 'warning'}  ${d.message[run.lang]}  ${d.rule}`,
      );
    if (gone > 0) lines.push(zh ? `  其他文件中 ${gone} 个问题已消失` : `  ${gone} problems elsewhere are gone`);
    process.stdout.write(`${lines.join('\n')}\n`);
  };

  const watcher = watchCatalog(path.resolve(cwd, dir), onChange, { poll: run.poll });
  process.stderr.write(
    zh
      ? `licat: 正在监视 ${dir}（${watcher.mode === 'poll' ? '轮询' : '系统通知'}），保存文件即重新检查；按 Ctrl-C 退出\n`
      : `licat: watching ${dir} (${watcher.mode === 'poll' ? 'polling' : 'system events'}); saving a file checks it again; Ctrl-C to stop\n`,
  );
  return new Promise((resolve) => {
    const stop = () => {
      watcher.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stderr.write(zh ? 'licat: 已停止监视\n' : 'licat: stopped watching\n');
      resolve(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function key(d: Diagnostic): string {
  return `${d.file}\0${d.rule}\0${d.path}\0${d.line}\0${d.message.en}`;
}
