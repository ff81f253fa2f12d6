import { lstatSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

/** Chromium profile folders licat makes in the temporary folder: `licat-chromium-<pid>-XXXXXX`. */
export const PROFILE_PREFIX = 'licat-chromium-';

/**
 * A fresh profile folder for one Chromium, named for this process, after removing the folders of
 * licat processes that are gone. A licat killed with SIGKILL cannot remove its profile (the
 * browser itself exits with it: it is driven through a pipe, whose end it sees); the next licat
 * that draws flowcharts does.
 * @example const profile = await newChromiumProfile(); // /tmp/licat-chromium-4242-Ab12Cd
 */
export async function newChromiumProfile(dir = tmpdir()): Promise<string> {
  sweepStaleProfiles(dir);
  return mkdtemp(path.join(dir, `${PROFILE_PREFIX}${process.pid}-`));
}

/**
 * Remove the profile folders in `dir` whose licat process is no longer running: those named for
 * a dead process id, and those of older versions (no process id in the name) whose browser is
 * gone (its `SingletonLock` names a dead process, or there is none). Only folders of this user;
 * nothing of a running licat, nothing that fails to go. Returns the folders removed.
 */
export function sweepStaleProfiles(dir = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(PROFILE_PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  const uid = process.getuid?.();
  for (const name of names) {
    const folder = path.join(dir, name);
    try {
      const info = lstatSync(folder);
      if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
      const owner = /^licat-chromium-(\d+)-/.exec(name)?.[1];
      const stale = owner !== undefined ? !isRunning(Number(owner)) : !lockHeld(folder);
      if (!stale) continue;
      rmSync(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** Whether a process of that id exists (one of another user counts). */
function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether Chromium's `SingletonLock` (a link to `host-pid`) names a running browser of this host. */
function lockHeld(folder: string): boolean {
  let target: string;
  try {
    target = readlinkSync(path.join(folder, 'SingletonLock'));
  } catch {
    return false;
  }
  const at = target.lastIndexOf('-');
  const host = target.slice(0, at);
  // A lock of another host (a shared temporary folder) cannot be checked: keep it.
  return host !== hostname() || isRunning(Number(target.slice(at + 1)));
}
