import { t, type Lang, type Text } from '../i18n/lang.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { displayText } from '../report/safe-text.js';

/**
 * The one line a failed command ends with, and its exit code: a usage or environment error (a
 * file that cannot be read or written, a folder that is not licat's) says what and where, exit 2;
 * anything else is a bug in licat: one line naming where it happened and how to report it, with
 * the full trace only under LICAT_DEBUG=1. Never a bare stack trace.
 * @example const { line, code } = describeFailure(error, 'en'); process.stderr.write(line);
 */
export function describeFailure(error: unknown, lang: Lang, env: NodeJS.ProcessEnv = process.env): { line: string; code: number } {
  const text = userText(error);
  if (text) return { line: `licat: ${displayText(text[lang])}\n`, code: 2 };
  if (isFsError(error)) {
    const where = error.path ?? error.dest ?? '';
    const message = t(`文件系统错误（${error.code}${where ? `，${where}` : ''}）`, `file-system error (${error.code}${where ? ` at ${where}` : ''})`);
    return { line: `licat: ${displayText(message[lang])}\n`, code: 2 };
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const at = error instanceof Error ? firstFrame(error.stack) : undefined;
  const report = t(
    `内部错误：${message}${at ? `（位于 ${at}）` : ''}。这是 licat 的缺陷，请连同所运行的命令和 LICAT_DEBUG=1 时的输出报告给 licat 的维护者（问题跟踪）。`,
    `internal error: ${message}${at ? ` (at ${at})` : ''}. This is a bug in licat; please report it to the licat maintainers (issue tracker) with the command you ran and its output under LICAT_DEBUG=1.`,
  );
  const trace = env.LICAT_DEBUG && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  return { line: `licat: ${displayText(report[lang])}\n${trace}`, code: 2 };
}

/** The bilingual message of a user-facing error (UsageError's text is already bilingual). */
function userText(error: unknown): Text | undefined {
  if (!(error instanceof Error)) return undefined;
  const text = (error as Error & { text?: unknown }).text;
  if (text && typeof text === 'object' && typeof (text as Text).zh === 'string' && typeof (text as Text).en === 'string') return text as Text;
  if (error instanceof UsageError) return t(error.message, error.message);
  return undefined;
}

function isFsError(error: unknown): error is NodeJS.ErrnoException & { code: string; dest?: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

/** `file:line` of the first frame in licat's own code, relative to the package. */
function firstFrame(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const m = /((?:lib|src|bin)\/[^\s():]+):(\d+)/.exec(line);
    if (m) return `${m[1]}:${m[2]}`;
  }
  return undefined;
}
