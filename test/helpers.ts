import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE = path.join(ROOT, 'catalog');
const BIN = path.join(ROOT, 'bin', 'licat.cjs');

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

/** Every `.yaml` file below `dir`, by name within each folder. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...yamlFiles(abs));
    else if (name.endsWith('.yaml')) out.push(abs);
  }
  return out;
}

/**
 * One of `texts` edited at random, for property tests: up to `maxEdits` times, a few characters
 * at some place are removed and one of `inserts` is put there.
 */
export function editedText(texts: readonly string[], inserts: readonly string[], maxEdits: number): fc.Arbitrary<string> {
  const edit = fc.record({
    file: fc.nat({ max: texts.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat({ max: 3 }),
    insert: fc.constantFrom(...inserts),
  });
  return fc.array(edit, { minLength: 1, maxLength: maxEdits }).map((edits) => {
    let text = texts[edits[0]!.file]!;
    for (const e of edits) {
      const at = Math.floor(e.at * text.length);
      text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
    }
    return text;
  });
}
