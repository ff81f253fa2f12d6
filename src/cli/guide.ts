import { resolveLang, t } from '../i18n/lang.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { countSeverities } from '../report/reporter.js';
import { checkCatalog } from '../pipeline/check-catalog.js';
import type { EmitContext } from '../emit/emitter.js';
import { findChromium } from '../emit/flowcharts/find-chromium.js';
import { isBaseUrl } from '../emit/guides/qr-code.js';
import { GUIDE_VARIANTS, type GuideVariant } from '../emit/guides/render-guide.js';
import { OutputError } from '../emit/output-error.js';
import { writeFileAtomic } from './write-output.js';

interface GuideOptions {
  hall?: string;
  variant?: string;
  baseUrl?: string;
  out?: string;
  flowchart?: boolean;
  cacheDir?: string;
  lang?: string;
}

/**
 * `licat guide <item-code> [dir] --hall <region>`: one item's guide for one hall, as HTML (or a
 * PDF printed by Chromium when `--out` ends in .pdf). Refuses a catalog with errors, as build does.
 */
export async function runGuide(code: string, dir: string, options: GuideOptions): Promise<number> {
  const lang = resolveLang(options.lang);
  const variant = (options.variant ?? 'full') as GuideVariant;
  if (!GUIDE_VARIANTS.includes(variant)) {
    throw new UsageError(`未知版本 ${options.variant}；可用：${GUIDE_VARIANTS.join(', ')} / unknown variant ${options.variant}`);
  }
  if (options.baseUrl !== undefined && !isBaseUrl(options.baseUrl)) {
    throw new UsageError(`--base-url 须为 http(s) 网址，不带 ? 或 #：${options.baseUrl} / --base-url must be an http(s) URL without ? or #`);
  }
  const pdf = options.out?.toLowerCase().endsWith('.pdf') ?? false;
  const chromium = pdf ? await findChromium() : undefined;
  if (pdf && !chromium) {
    throw new UsageError('打印 PDF 需要 Chromium：apt-get install chromium fonts-noto-cjk（或设置 LICAT_CHROMIUM）/ a PDF needs Chromium');
  }
  const check = await checkCatalog(dir);
  const { errors } = countSeverities(check.diagnostics);
  if (errors > 0) {
    process.stderr.write(
      t(
        `目录有 ${errors} 个错误（licat validate 可查看），未生成办事指南。\n`,
        `The catalog has ${errors} error(s) (see licat validate); no guide was written.\n`,
      )[lang],
    );
    return 1;
  }
  const context: EmitContext = {
    out: {
      write: refuse,
      streamPath: refuse,
      added: refuse,
      stage: () => {
        throw new Error('licat guide writes no build output');
      },
    },
    lang,
    options: {},
    log: () => undefined,
    cacheDir: options.cacheDir,
  };
  const { printGuide } = await import('../emit/guides/print-guide.js');
  const printed = await printGuide(
    check.catalog,
    {
      itemCode: code,
      ...(options.hall !== undefined && { hall: options.hall }),
      variant,
      ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
      flowchart: options.flowchart !== false,
    },
    context,
  );
  if ('error' in printed) {
    process.stderr.write(`licat: ${printed.error[lang]}\n`);
    return 1;
  }
  for (const notice of printed.notices) process.stderr.write(`${notice[lang]}\n`);
  if (options.out === undefined) {
    process.stdout.write(printed.html);
    return 0;
  }
  let content: string | Uint8Array = printed.html;
  if (pdf) {
    const { htmlToPdf } = await import('../emit/guides/guide-pdf.js');
    content = await htmlToPdf(chromium!, printed.html);
  }
  try {
    await writeFileAtomic(options.out, content);
  } catch (error) {
    // A file-system error, said in one located line (write-output.ts removed its temporary file).
    if (!(error instanceof OutputError)) throw error;
    process.stderr.write(`licat: ${error.text[lang]}\n`);
    return 2;
  }
  return 0;
}

async function refuse(): Promise<never> {
  throw new Error('licat guide writes no build output');
}
