import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { t } from '../i18n/lang.js';
import { isFsError, OutputError, outputFileError } from '../emit/output-error.js';

/**
 * Write a file whole or not at all: a temporary file beside it, then a rename. A target that is
 * a folder, or any file-system error, ends in an OutputError (one line, exit 2), and the
 * temporary file is removed: nothing half-written is left behind.
 * @example await writeFileAtomic('report.sarif', text);
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const target = path.resolve(file);
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new OutputError(t(`无法写入 ${file}：这是一个文件夹，请给出文件名`, `cannot write ${file}: it is a folder; give a file name`));
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    if (isFsError(error)) throw outputFileError(error, file);
    throw error;
  }
}
