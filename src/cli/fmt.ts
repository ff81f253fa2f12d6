import { lstatSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveLang } from '../i18n/lang.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { kindOfPath } from '../load/catalog-paths.js';
import { formatYaml } from '../load/format-yaml.js';
import { shapeFor } from '../schema/shape.js';
import { writeFileAtomic } from './write-output.js';

/**
 * `licat fmt [paths] [--check]`: put catalog YAML files in canonical form (edit/format-yaml.ts).
 * Writes each changed file whole (temporary file, then rename) and names it; with --check writes
 * nothing and exits 1 when a file would change. A file that does not parse is reported (exit 1)
 * and left as it is.
 */
export async function runFmt(paths: string[], options: { check?: boolean; lang?: string }): Promise<number> {
  const lang = resolveLang(options.lang);
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const cwd = process.cwd();
  const files: string[] = [];
  for (const given of paths.length > 0 ? paths : ['catalog']) {
    const abs = path.resolve(cwd, given);
    const info = tryStat(abs);
    if (!info) throw new UsageError(say(`找不到 ${given}`, `${given} not found`));
    if (info.isDirectory()) files.push(...yamlFiles(abs));
    else if (info.isFile()) {
      if (!kindOfPath(abs))
        throw new UsageError(
          say(
            `${given} 不是目录中的 YAML 文件（items/、halls/、catalog.yaml、departments.yaml）`,
            `${given} is not a catalog YAML file (items/, halls/, catalog.yaml, departments.yaml)`,
          ),
        );
      files.push(abs);
    }
  }
  let changed = 0;
  let broken = 0;
  for (const abs of [...new Set(files)].sort()) {
    const kind = kindOfPath(abs)!;
    const shown = (path.relative(cwd, abs) || abs).split(path.sep).join('/');
    const text = await readFile(abs, 'utf8');
    const result = formatYaml(text, shapeFor(kind));
    if (!result.ok) {
      broken++;
      process.stderr.write(`${shown}:${result.line}:${result.column}  ${say('无法解析，未格式化', 'does not parse; not formatted')}: ${result.message}\n`);
      continue;
    }
    if (result.text === text) continue;
    changed++;
    if (!options.check) await writeFileAtomic(abs, result.text);
    process.stdout.write(`${shown}\n`);
  }
  if (options.check) {
    process.stderr.write(
      `licat: ${changed > 0 ? say(`${changed} 个文件不是规范格式（运行 licat fmt 格式化）`, `${changed} ${changed === 1 ? 'file is' : 'files are'} not in canonical form (run licat fmt)`) : say(`${files.length} 个文件都是规范格式`, `all ${files.length} files are in canonical form`)}\n`,
    );
    return changed > 0 || broken > 0 ? 1 : 0;
  }
  process.stderr.write(`licat: ${say(`格式化了 ${changed} 个文件（共 ${files.length} 个）`, `formatted ${changed} of ${files.length} files`)}\n`);
  return broken > 0 ? 1 : 0;
}

/** The catalog YAML files below a folder, without following symbolic links; hidden entries skipped. */
function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(abs));
    else if (entry.isFile() && kindOfPath(abs)) out.push(abs);
  }
  return out;
}

function tryStat(abs: string) {
  try {
    return lstatSync(abs);
  } catch {
    return undefined;
  }
}
