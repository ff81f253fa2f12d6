import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE } from '../inline.js';
import { FIXTURE } from '../feeds/fixture.js';
import { SAMPLE, tempDir } from '../helpers.js';

/** Write a catalog given as texts (BASE, then the feeds fixture, then `extra`) into a fresh folder. */
export function writeSmallCatalog(extra: Record<string, string | null> = {}): string {
  const dir = path.join(tempDir('licat-build-'), 'catalog');
  const files: Record<string, string | null> = { ...BASE, 'regions/test.csv': null, ...FIXTURE, ...extra };
  for (const [rel, text] of Object.entries(files)) {
    if (text === null) continue;
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/**
 * The sample's real region tree (28,743 halls) and departments with one item, the canonical
 * food-business licence: a build long enough to be killed partway, whatever state the other
 * sample items are in.
 */
export function writeRegionCatalog(): string {
  const dir = path.join(tempDir('licat-build-'), 'catalog');
  for (const name of ['catalog.yaml', 'departments.yaml', 'regions']) cpSync(path.join(SAMPLE, name), path.join(dir, name), { recursive: true });
  mkdirSync(path.join(dir, 'items/market'), { recursive: true });
  cpSync(path.join(SAMPLE, 'items/market/food-business.yaml'), path.join(dir, 'items/market/food-business.yaml'));
  return dir;
}

/** Every file below `dir` (recursively, names starting with a dot included) with its sha256. */
export function snapshot(dir: string): Map<string, string> {
  return mapFiles(dir, (abs) => createHash('sha256').update(readFileSync(abs)).digest('hex'));
}

/** Every file below `dir` with its content as text (feeds are JSON), keyed by relative path. */
export function fileTexts(dir: string): Map<string, string> {
  return mapFiles(dir, (abs) => readFileSync(abs, 'utf8'));
}

/** `read` of every file below `dir`, keyed by its path relative to `dir`, in sorted order. */
function mapFiles(dir: string, read: (abs: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const a = path.join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(a).isDirectory()) walk(a, r);
      else out.set(r, read(a));
    }
  };
  walk(dir, '');
  return out;
}

/** Check an output against its own manifest: every listed file present with its sha256, nothing else. */
export function verifyAgainstManifest(dir: string): string[] {
  const problems: string[] = [];
  const files = snapshot(dir);
  type Listed = { path: string; sha256: string; size: number };
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: Listed[]; pages: Listed[] };
  const listed = new Set<string>(['manifest.json']);
  const entries = [...manifest.files, ...manifest.pages];
  for (const page of manifest.pages) {
    if (files.has(page.path)) entries.push(...(JSON.parse(readFileSync(path.join(dir, page.path), 'utf8')) as { files: Listed[] }).files);
  }
  for (const f of entries) {
    listed.add(f.path);
    if (files.get(f.path) !== f.sha256) problems.push(`${f.path}: ${files.has(f.path) ? 'sha256 differs' : 'missing'}`);
  }
  for (const p of files.keys()) if (!listed.has(p)) problems.push(`${p}: not in the manifest`);
  return problems;
}

/** Names beside `out` left by a build: lock, staging and old folders. */
export function leftovers(out: string): string[] {
  const base = path.basename(out);
  return readdirSync(path.dirname(out)).filter((n) => n.startsWith(`.${base}.`));
}
