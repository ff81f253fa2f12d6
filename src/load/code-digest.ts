import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder: the parent of lib/ (or src/). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where `npm run build` records the digest (scripts/code-digest.mjs). */
export const DIGEST_FILE = path.join('lib', 'code-digest.json');

/** Folders whose every file is licat's code or shapes its output (package.json `files`, plus src/ in a checkout). */
const LOCKFILE = 'package-lock.json';
const CODE_FOLDERS = ['bin', 'lib', 'src', 'schemas', 'templates', 'data'];

interface Recorded {
  digest: string;
  /** Every file hashed, with its size and modification time: the record holds while they do. */
  files: Array<[string, number, number]>;
}

let memo: string | undefined;

/**
 * A digest of everything licat's results depend on: every file of its code folders (compiled
 * modules, schemas, templates, data; not a chosen list of folders) and the exact versions of its
 * runtime dependencies (from package-lock.json, else the installed ones). Caches key their
 * entries with it, so an entry never meets other code, even without a version bump. Read from
 * the record `npm run build` writes, when every file is still as recorded; else computed.
 * @example codeDigest() // '3f0c2a9e7d41b6a8'
 */
export function codeDigest(root: string = PACKAGE_ROOT): string {
  if (root === PACKAGE_ROOT && memo) return memo;
  const listed = listCodeFiles(root);
  const recorded = readRecord(root);
  const digest = recorded && sameFiles(recorded.files, listed) ? recorded.digest : computeDigest(root, listed);
  if (root === PACKAGE_ROOT) memo = digest;
  return digest;
}

/** Compute the digest and write the record (part of `npm run build`). */
export function writeCodeDigest(root: string = PACKAGE_ROOT): string {
  const listed = listCodeFiles(root);
  const record: Recorded = { digest: computeDigest(root, listed), files: listed };
  writeFileSync(path.join(root, DIGEST_FILE), JSON.stringify(record));
  return record.digest;
}

function computeDigest(root: string, files: ReadonlyArray<[string, number, number]>): string {
  const hash = createHash('sha256');
  for (const [rel, size] of files)
    if (rel !== LOCKFILE && size >= 0)
      hash
        .update(rel)
        .update('\0')
        .update(readFileSync(path.join(root, rel)))
        .update('\0');
  hash.update(dependencyVersions(root));
  return hash.digest('hex').slice(0, 16);
}

/** Every code file (relative, forward slashes), sorted, with size and mtime; the record itself excluded. */
function listCodeFiles(root: string): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  const skip = DIGEST_FILE.split(path.sep).join('/');
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && child !== skip && !entry.name.endsWith('.tmp')) {
        const info = statSync(path.join(root, child));
        out.push([child, info.size, info.mtimeMs]);
      }
    }
  };
  for (const folder of CODE_FOLDERS) walk(folder);
  out.push(['package.json', ...stamp(path.join(root, 'package.json'))]);
  // Stamped, not hashed whole: its runtime packages are (dependencyVersions), not its dev ones.
  out.push([LOCKFILE, ...stamp(path.join(root, LOCKFILE))]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function stamp(file: string): [number, number] {
  try {
    const info = statSync(file);
    return [info.size, info.mtimeMs];
  } catch {
    return [-1, -1];
  }
}

/**
 * The runtime dependencies, each with its exact version: every non-dev package of
 * package-lock.json (with its integrity), or, without a lockfile (an installed licat), the
 * installed version of each dependency package.json names.
 */
function dependencyVersions(root: string): string {
  const lines: string[] = [];
  const lockfile = path.join(root, LOCKFILE);
  if (existsSync(lockfile)) {
    const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages?: Record<string, { version?: string; integrity?: string; dev?: boolean }> };
    for (const [where, pkg] of Object.entries(lock.packages ?? {})) {
      if (where === '' || pkg.dev) continue;
      lines.push(`${where}@${pkg.version ?? ''} ${pkg.integrity ?? ''}`);
    }
  } else {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      let version = 'missing';
      for (let dir = root; ; dir = path.dirname(dir)) {
        const file = path.join(dir, 'node_modules', name, 'package.json');
        if (existsSync(file)) {
          version = String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version);
          break;
        }
        if (path.dirname(dir) === dir) break;
      }
      lines.push(`${name}@${version}`);
    }
  }
  return lines.sort().join('\n');
}

function readRecord(root: string): Recorded | undefined {
  try {
    const data = JSON.parse(readFileSync(path.join(root, DIGEST_FILE), 'utf8')) as Partial<Recorded>;
    return typeof data.digest === 'string' && Array.isArray(data.files) ? (data as Recorded) : undefined;
  } catch {
    return undefined;
  }
}

function sameFiles(a: ReadonlyArray<[string, number, number]>, b: ReadonlyArray<[string, number, number]>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2]) return false;
  }
  return true;
}
