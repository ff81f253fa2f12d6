import { t, type Lang } from '../i18n/lang.js';
import type { BuildHandle, EmitSummary } from '../emit/build.js';
import type { ProgressReporter } from './progress.js';

/**
 * Wait for a running build or merge. On SIGINT or SIGTERM the staging folder and the lock are
 * removed at once and the process exits (130 or 143), leaving `out` as it was.
 */
export async function awaitBuild(handle: BuildHandle, reporter: ProgressReporter, out: string, lang: Lang): Promise<EmitSummary> {
  const onSignal = (signal: NodeJS.Signals) => {
    handle.abortSync();
    reporter.finish();
    process.stderr.write(t(`已中断，${out} 未改变。\n`, `Interrupted; ${out} is unchanged.\n`)[lang]);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const summary = await handle.done;
    reporter.finish();
    return summary;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
