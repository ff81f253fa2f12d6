import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { t } from '../i18n/lang.js';
import { OutputError } from './output-error.js';

/** What a lock file says about the build holding it. */
interface Holder {
  pid: number;
  host: string;
  token: string;
  started: string;
}

/** A held lock. */
export interface Lock {
  file: string;
  release(): Promise<void>;
  /** For signal handlers, where nothing asynchronous runs any more. */
  releaseSync(): void;
}

/** A lock file younger than this with no readable holder may still be being written. */
const UNREADABLE_GRACE_MS = 10_000;

/**
 * Take the lock file of an output folder, so that two builds never write the same output.
 * The holder (pid, host) is written to a temporary file and linked into place, which is atomic
 * and fails when a lock exists, so a lock file is never seen half-written. A lock whose process
 * is gone (same host, no such pid) is stale: it is taken over. A live holder gives an
 * OutputError naming it and the lock file.
 * @example const lock = await acquireLock('/work/.dist.lock'); try { ... } finally { await lock.release(); }
 */
export async function acquireLock(file: string, label: string): Promise<Lock> {
  const me: Holder = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), started: new Date().toISOString() };
  const text = JSON.stringify(me) + '\n';
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await create(file, text)) return held(file, text);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === undefined) continue; // released meanwhile: try again
    const holder = parse(current);
    if (holder ? isAlive(holder) : await isFresh(file)) {
      throw new OutputError(
        holder
          ? t(
              `另一个构建（进程 ${holder.pid}，${holder.host}，开始于 ${holder.started}）正在写入 ${label}，请等它结束后再试。若确认没有构建在运行，删除锁文件 ${file}。`,
              `another build (pid ${holder.pid} on ${holder.host}, started ${holder.started}) is writing ${label}; try again when it has finished. If no build is running, delete the lock file ${file}.`,
            )
          : t(`另一个构建正在写入 ${label}（锁文件 ${file}）`, `another build is writing ${label} (lock file ${file})`),
      );
    }
    // Stale: remove it only if it is still the very lock we judged, then try again.
    const again = await readFile(file, 'utf8').catch(() => undefined);
    if (again === current) await unlink(file).catch(() => undefined);
  }
  throw new OutputError(t(`无法取得锁文件 ${file}`, `could not take the lock file ${file}`));
}

async function create(file: string, text: string): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text);
  try {
    await link(tmp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    // A file system without hard links: exclusive create instead.
    try {
      await writeFile(file, text, { flag: 'wx' });
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

function held(file: string, text: string): Lock {
  const mine = () => {
    try {
      return readFileSync(file, 'utf8') === text;
    } catch {
      return false;
    }
  };
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      if ((await readFile(file, 'utf8').catch(() => undefined)) === text) await unlink(file).catch(() => undefined);
    },
    releaseSync() {
      if (released) return;
      released = true;
      if (mine()) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    },
  };
}

function parse(text: string): Holder | undefined {
  try {
    const data = JSON.parse(text) as Partial<Holder>;
    if (typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.token === 'string') {
      return { pid: data.pid, host: data.host, token: data.token, started: String(data.started ?? '?') };
    }
  } catch {
    // not ours or cut short
  }
  return undefined;
}

/** A holder on another host cannot be checked and counts as alive. */
function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isFresh(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs < UNREADABLE_GRACE_MS;
}
