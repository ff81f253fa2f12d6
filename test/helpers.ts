import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE = path.join(ROOT, 'catalog');
const BIN = path.join(ROOT, 'bin', 'licat.js');

/** Run the built CLI (npm test builds lib/ first). */
export function licat(args: string[], options: { cwd?: string; env?: Record<string, string>; uid?: number; gid?: number } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    ...(options.uid !== undefined && { uid: options.uid, gid: options.gid ?? options.uid }),
    env: { ...process.env, NO_COLOR: '1', LICAT_LANG: '', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'licat-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Copy the sample catalog into a temporary folder and return the copy's path. */
export function copySample(): string {
  const dir = path.join(tempDir(), 'catalog');
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}
