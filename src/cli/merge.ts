import { resolveLang, t } from '../i18n/lang.js';
import { emitOutput } from '../emit/build.js';
import { InvalidFeedError } from '../emit/feeds/feed-validator.js';
import { MergeError, mergedCatalog, mergeEmitter, readShards } from '../emit/merge-shards.js';
import { OutputError } from '../emit/output-error.js';
import { awaitBuild } from './await-build.js';
import { displayText } from '../report/safe-text.js';
import { progressReporter } from './progress.js';

export interface MergeOptions {
  out?: string;
  quiet?: boolean;
  lang?: string;
  [key: string]: unknown;
}

/**
 * `licat merge SHARD...`: check that the folders are the shards of one `licat build --shard`,
 * then write the feeds and index a single build would have written, through the same staging,
 * lock and swap as `licat build`. Exit 2 when the shards do not fit together or the output
 * cannot be written.
 */
export async function runMerge(dirs: string[], options: MergeOptions): Promise<number> {
  const lang = resolveLang(options.lang);
  const out = options.out ?? 'dist';
  const quiet = options.quiet === true;
  const reporter = progressReporter(process.stderr, { quiet });
  try {
    const shards = await readShards(dirs);
    const { buildTime, baseUrl } = shards[0]!.info;
    const handle = emitOutput(mergedCatalog(shards), {
      out,
      emitters: [mergeEmitter(shards)],
      lang,
      ...(buildTime !== undefined && { buildTime }),
      ...(baseUrl !== undefined && { options: { baseUrl } }),
      cacheDir: undefined,
      log: reporter.log,
      progress: reporter.progress,
    });
    const summary = await awaitBuild(handle, reporter, out, lang);
    if (!quiet) {
      const files = (summary.files.length + 1).toLocaleString('en-US');
      process.stdout.write(t(`✓ 已合并到 ${out}：${files} 个文件\n`, `✓ merged into ${out}: ${files} files\n`)[lang]);
    }
    return 0;
  } catch (error) {
    reporter.finish();
    if (error instanceof MergeError || error instanceof OutputError) {
      process.stderr.write(`licat: ${displayText(error.text[lang])}\n`);
      return 2;
    }
    if (error instanceof InvalidFeedError) {
      process.stderr.write(
        `licat: ${t(`内部错误：合并后的 ${error.file} 不符合已发布的 Schema`, `internal error: the merged ${error.file} does not match its published schema`)[lang]}\n  ${error.errors.join('\n  ')}\n`,
      );
      return 2;
    }
    throw error;
  }
}
