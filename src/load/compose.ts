import { t } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { Catalog } from '../model/catalog.js';
import { catalogSchema, type CatalogMeta } from '../schema/catalog.js';
import { departmentsSchema, type Departments } from '../schema/departments.js';
import { hallSchema, type Hall } from '../schema/hall.js';
import { itemSchema, type Item } from '../schema/item.js';
import { checkRegionTable } from './check-region-table.js';
import { decodeUtf8 } from './decode.js';
import { parseYaml } from './parse-yaml.js';
import type { RawFile } from './read-catalog.js';
import { parseRegionsCsv, type Region } from './regions-csv.js';
import { compileFastPath, UNSURE } from './schema-fast-path.js';
import { zodFindings } from './zod-findings.js';

export interface Composed {
  catalog: Catalog;
  findings: Finding[];
  /** Decoded text of every file, for locating findings and showing excerpts. */
  texts: Map<string, string>;
}

/** Parsed data of one YAML file, or the findings that stopped it. */
export interface ParsedFile {
  file: string;
  text: string | undefined;
  data: unknown;
  findings: Finding[];
}

/** Decode and parse one YAML file. Pure; never throws. */
export function parseFile(raw: Pick<RawFile, 'file' | 'bytes'>): ParsedFile {
  const decoded = decodeUtf8(raw.bytes, raw.file);
  if (decoded.finding) return { file: raw.file, text: undefined, data: undefined, findings: [decoded.finding] };
  const text = decoded.text;
  if (onlyBlanksAndComments(text)) {
    return {
      file: raw.file,
      text,
      data: undefined,
      findings: [{ rule: 'schema', file: raw.file, path: '', line: 1, column: 1, message: t('文件为空', 'the file is empty') }],
    };
  }
  const parsed = parseYaml(text, raw.file);
  return { file: raw.file, text, data: parsed.data, findings: parsed.findings };
}

const SPACES = /\s*/y;

/**
 * Whether every line is blank or a comment: the first character that is not white space (as
 * `\s` counts it) on each line is `#`. One pass, where a regular expression over the lines would
 * backtrack exponentially on a few dozen blank lines.
 */
export function onlyBlanksAndComments(text: string): boolean {
  let i = 0;
  for (;;) {
    SPACES.lastIndex = i;
    SPACES.test(text);
    i = SPACES.lastIndex;
    if (i >= text.length) return true;
    if (text.charCodeAt(i) !== 0x23) return false;
    const end = text.indexOf('\n', i);
    if (end < 0) return true;
    i = end + 1;
  }
}

/** A YAML file decoded, parsed and checked against the schema of its kind. */
export interface CheckedFile {
  file: string;
  text: string | undefined;
  findings: Finding[];
  /** The schema's output, when the file parsed and passed its schema. */
  value?: unknown;
  /** An item file that did not load: the code it names, if it names one. */
  unloadedCode?: string;
  /** What a hook of the parse workers made of a loaded item (see `ParsePool`). */
  derived?: unknown;
}

const SCHEMAS = { catalog: catalogSchema, departments: departmentsSchema, item: itemSchema, hall: hallSchema } as const;
/** The same schemas compiled for clean files (load/schema-fast-path.ts): zod's output, made faster. */
const FAST = {
  catalog: compileFastPath(catalogSchema),
  departments: compileFastPath(departmentsSchema),
  item: compileFastPath(itemSchema),
  hall: compileFastPath(hallSchema),
} as const;

/**
 * Decode, parse and schema-check one YAML file (any kind but `regions`). Pure; never throws.
 * Worker threads run the same function (load/parse-parallel.ts).
 */
export function checkFile(raw: Pick<RawFile, 'kind' | 'file' | 'bytes'>): CheckedFile {
  if (raw.kind === 'regions') throw new Error(`checkFile: ${raw.file} is a region table`);
  const parsed = parseFile(raw);
  const out: CheckedFile = { file: raw.file, text: parsed.text, findings: parsed.findings };
  if (parsed.data === undefined) {
    if (raw.kind === 'item' && parsed.text !== undefined) {
      const code = /^code:\s*["']?(\d{12})["']?\s*$/m.exec(parsed.text)?.[1];
      if (code) out.unloadedCode = code;
    }
    return out;
  }
  // Without anchors no object appears twice in the parsed data, so it can be kept as the output.
  const fast = FAST[raw.kind](parsed.data, parsed.text !== undefined && !parsed.text.includes('&'));
  if (fast !== UNSURE) {
    out.value = fast;
    return out;
  }
  const result = SCHEMAS[raw.kind].safeParse(parsed.data);
  if (result.success) {
    out.value = result.data;
    return out;
  }
  out.findings = [...parsed.findings, ...zodFindings(result.error, parsed.data, raw.file)];
  if (raw.kind === 'item') {
    const code = (parsed.data as { code?: unknown } | null)?.code;
    if (typeof code === 'string') out.unloadedCode = code;
  }
  return out;
}

/**
 * Compose the catalog from its raw files: decode, parse and check each against its schema.
 * `checked` holds files already checked (by worker threads, or from the cache); the others are
 * checked here. Pure: the same files give the same catalog and findings.
 */
export function composeCatalog(root: string, files: RawFile[], checked?: ReadonlyMap<string, CheckedFile>): Composed {
  const findings: Finding[] = [];
  const texts = new Map<string, string>();
  const catalog: Catalog = {
    root,
    metaFile: joinPath(root, 'catalog.yaml'),
    meta: undefined,
    departmentsFile: joinPath(root, 'departments.yaml'),
    departments: undefined,
    regions: [],
    regionByCode: new Map<string, Region>(),
    items: [],
    halls: [],
    unloadedCodes: new Set<string>(),
  };
  const regionFiles: string[] = [];
  let tableFindings = 0;
  for (const raw of files) {
    if (raw.kind === 'regions') {
      regionFiles.push(raw.file);
      const decoded = decodeUtf8(raw.bytes, raw.file);
      if (decoded.finding) {
        findings.push(decoded.finding);
        tableFindings++;
        continue;
      }
      texts.set(raw.file, decoded.text);
      const table = parseRegionsCsv(decoded.text, raw.file);
      findings.push(...table.findings);
      tableFindings += table.findings.length;
      for (const region of table.regions) {
        const seen = catalog.regionByCode.get(region.code);
        if (seen) {
          findings.push({
            rule: 'schema',
            file: raw.file,
            path: '',
            line: region.line,
            column: 1,
            message: t(`区划代码重复：${region.code}（首见于 ${seen.file}:${seen.line}）`, `duplicate region code ${region.code} (first at ${seen.file}:${seen.line})`),
          });
          continue;
        }
        catalog.regions.push(region);
        catalog.regionByCode.set(region.code, region);
      }
      continue;
    }
    const file = checked?.get(raw.file) ?? checkFile(raw);
    if (file.text !== undefined) texts.set(raw.file, file.text);
    findings.push(...file.findings);
    if (file.unloadedCode !== undefined) catalog.unloadedCodes.add(file.unloadedCode);
    if (file.value === undefined) continue;
    switch (raw.kind) {
      case 'catalog':
        catalog.meta = file.value as CatalogMeta;
        break;
      case 'departments':
        catalog.departments = file.value as Departments;
        break;
      case 'item':
        catalog.items.push({ file: raw.file, rel: raw.rel, item: file.value as Item });
        break;
      case 'hall':
        catalog.halls.push({ file: raw.file, hall: file.value as Hall });
        break;
    }
  }
  findings.push(...duplicateHalls(catalog));
  findings.push(
    ...checkRegionTable({ regionsFolder: joinPath(root, 'regions'), files: regionFiles, regions: catalog.regions, province: catalog.meta?.province, tableFindings }),
  );
  catalog.regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { catalog, findings, texts };
}

/**
 * Two hall files for one region (`440106.yaml` and `440106.yml`, or two files whose `region` is
 * the same): the build keeps one hall per region, so the second would be dropped without a word.
 * Each later file is an error naming the first.
 */
function duplicateHalls(catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, string>();
  for (const { file, hall } of [...catalog.halls].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const stem = (file.split('/').pop() ?? '').replace(/\.ya?ml$/i, '');
    for (const key of new Set([stem, hall.region])) {
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, file);
        continue;
      }
      findings.push({
        rule: 'schema',
        file,
        path: '/region',
        message: t(`区划 ${key} 有两个大厅文件：${seen} 和 ${file}；每个区划只能有一个`, `region ${key} has two hall files, ${seen} and ${file}; a region has one`),
      });
      break;
    }
  }
  return findings;
}

function joinPath(root: string, name: string): string {
  return root === '.' || root === '' ? name : `${root.replace(/\/+$/, '')}/${name}`;
}
