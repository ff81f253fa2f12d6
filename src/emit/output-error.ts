import { t, type Text } from '../i18n/lang.js';

/**
 * A build that cannot write its output (disk full, read-only, no permission, output held by
 * another build, a target that is not a licat output). Reported as one bilingual line, exit 2;
 * the previous output is left as it was.
 */
export class OutputError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

const CAUSES: Record<string, Text> = {
  ENOSPC: t('磁盘空间已满', 'the disk is full'),
  EDQUOT: t('超出磁盘配额', 'the disk quota is exceeded'),
  EROFS: t('文件系统为只读', 'the file system is read-only'),
  EACCES: t('没有写入权限', 'permission denied'),
  EPERM: t('操作不被允许', 'operation not permitted'),
  EMFILE: t('打开的文件过多', 'too many open files'),
  ENOTDIR: t('路径中有一段不是文件夹', 'a part of the path is not a folder'),
  EISDIR: t('目标是一个文件夹', 'the target is a folder'),
  EEXIST: t('路径上有同名的文件挡住了', 'a file is in the way'),
};

/** Is this a file-system error (it has a string `code` like ENOSPC) rather than a bug? */
export function isFsError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

/**
 * Turn a file-system error while writing `out` into a clear OutputError.
 * @example throw outputFsError(error, 'dist') // 无法写入输出 dist：磁盘空间已满（ENOSPC）…
 */
export function outputFsError(error: NodeJS.ErrnoException & { code: string }, out: string): OutputError {
  const cause = CAUSES[error.code] ?? t('文件系统错误', 'file-system error');
  const where = error.path ? `${error.path}` : out;
  return new OutputError(
    t(
      `无法写入输出 ${out}：${cause.zh}（${error.code}，${where}）。原有的 ${out} 未改变。`,
      `cannot write the output ${out}: ${cause.en} (${error.code} at ${where}). The previous ${out} is unchanged.`,
    ),
  );
}

/**
 * Turn a file-system error while writing one file (a report, a baseline, a diff) into a clear
 * OutputError; the file is left as it was.
 * @example throw outputFileError(error, 'report.json') // 无法写入 report.json：目标是一个文件夹（EISDIR…）
 */
export function outputFileError(error: NodeJS.ErrnoException & { code: string }, file: string): OutputError {
  const cause = CAUSES[error.code] ?? t('文件系统错误', 'file-system error');
  const where = error.path ?? file;
  return new OutputError(t(`无法写入 ${file}：${cause.zh}（${error.code}，${where}）`, `cannot write ${file}: ${cause.en} (${error.code} at ${where})`));
}
