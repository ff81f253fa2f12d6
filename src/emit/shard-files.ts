import { closeSync, constants, fstatSync, lstatSync, openSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { t, type Text } from '../i18n/lang.js';
import { readWhole } from '../load/read-whole.js';

/**
 * Read one file of a shard output as untrusted input: `rel` (already checked to be a plain
 * relative path) must lead, through real folders only, to a regular file inside `root` (a real
 * path); no symbolic link is followed, at any level. Returns its bytes, or why it was refused.
 * @example readShardFile('/data/out-1', 'feeds/halls/440106.json')
 */
export function readShardFile(root: string, rel: string, limit: number): Buffer | Text {
  const abs = path.join(root, ...rel.split('/'));
  // Every folder on the way must be itself: a link anywhere would lead elsewhere.
  const parent = path.dirname(abs);
  let realParent: string;
  try {
    realParent = realpathSync.native(parent);
  } catch {
    return t('缺失', 'missing');
  }
  if (realParent !== parent) return t('所在文件夹是符号链接，已拒绝', 'lies in a folder reached through a symbolic link; refused');
  if (tryLstat(abs)?.isSymbolicLink()) return t('是符号链接，已拒绝', 'is a symbolic link; refused');
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? t('是符号链接，已拒绝', 'is a symbolic link; refused') : t('缺失', 'missing');
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return t('不是普通文件', 'is not a regular file');
    if (info.size > limit) return t(`过大（${info.size} 字节）`, `is too large (${info.size} bytes)`);
    return readWhole(fd, info.size);
  } catch {
    return t('无法读取', 'cannot be read');
  } finally {
    closeSync(fd);
  }
}

function tryLstat(abs: string) {
  try {
    return lstatSync(abs);
  } catch {
    return undefined;
  }
}
