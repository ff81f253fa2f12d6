import { t } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { Catalog } from '../model/catalog.js';
import { catalogSchema } from '../schema/catalog.js';
import { departmentsSchema } from '../schema/departments.js';
import { hallSchema } from '../schema/hall.js';
import { itemSchema } from '../schema/item.js';
import { decodeUtf8 } from './decode.js';
import { parseYaml } from './parse-yaml.js';
import type { RawFile } from './read-catalog.js';
import { parseRegionsCsv, type Region } from './regions-csv.js';
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
  if (text.trim() === '' || /^(\s*#[^\n]*\n?|\s*\n)*\s*$/.test(text)) {
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

/**
 * Compose the catalog from its raw files: decode, parse and check each against its schema.
 * Pure: the same files give the same catalog and findings.
 */
export function composeCatalog(root: string, files: RawFile[], parsed?: Map<string, ParsedFile>): Composed {
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
  for (const raw of files) {
    if (raw.kind === 'regions') {
      const decoded = decodeUtf8(raw.bytes, raw.file);
      if (decoded.finding) {
        findings.push(decoded.finding);
        continue;
      }
      texts.set(raw.file, decoded.text);
      const table = parseRegionsCsv(decoded.text, raw.file);
      findings.push(...table.findings);
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
    const file = parsed?.get(raw.file) ?? parseFile(raw);
    if (file.text !== undefined) texts.set(raw.file, file.text);
    findings.push(...file.findings);
    if (file.data === undefined) {
      if (raw.kind === 'item' && file.text !== undefined) {
        const code = /^code:\s*["']?(\d{12})["']?\s*$/m.exec(file.text)?.[1];
        if (code) catalog.unloadedCodes.add(code);
      }
      continue;
    }
    switch (raw.kind) {
      case 'catalog': {
        const result = catalogSchema.safeParse(file.data);
        if (result.success) catalog.meta = result.data;
        else findings.push(...zodFindings(result.error, file.data, raw.file));
        break;
      }
      case 'departments': {
        const result = departmentsSchema.safeParse(file.data);
        if (result.success) catalog.departments = result.data;
        else findings.push(...zodFindings(result.error, file.data, raw.file));
        break;
      }
      case 'item': {
        const result = itemSchema.safeParse(file.data);
        if (result.success) catalog.items.push({ file: raw.file, item: result.data });
        else {
          findings.push(...zodFindings(result.error, file.data, raw.file));
          const code = (file.data as { code?: unknown } | null)?.code;
          if (typeof code === 'string') catalog.unloadedCodes.add(code);
        }
        break;
      }
      case 'hall': {
        const result = hallSchema.safeParse(file.data);
        if (result.success) catalog.halls.push({ file: raw.file, hall: result.data });
        else findings.push(...zodFindings(result.error, file.data, raw.file));
        break;
      }
    }
  }
  catalog.regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { catalog, findings, texts };
}

function joinPath(root: string, name: string): string {
  return root === '.' || root === '' ? name : `${root.replace(/\/+$/, '')}/${name}`;
}
