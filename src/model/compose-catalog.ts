import { t } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { CatalogMeta } from '../schema/catalog.js';
import type { Departments } from '../schema/departments.js';
import type { Hall } from '../schema/hall.js';
import type { Item } from '../schema/item.js';
import { checkFile, type CheckedFile } from '../load/check-file.js';
import { checkRegionTable } from '../load/check-region-table.js';
import { decodeUtf8 } from '../load/decode.js';
import type { RawFile } from '../load/read-catalog.js';
import { parseRegionsCsv } from '../load/regions-csv.js';
import { TextMap } from '../load/text-map.js';
import type { Catalog, Region } from './catalog.js';

export interface Composed {
  catalog: Catalog;
  findings: Finding[];
  /** Decoded text of every file, for locating findings and showing excerpts. */
  texts: TextMap;
}

/**
 * Compose the catalog from its raw files: decode, parse and check each against its schema.
 * `checked` holds files already checked (by worker threads, or from the cache); the others are
 * checked here. Pure: the same files give the same catalog and findings.
 */
export function composeCatalog(root: string, files: RawFile[], checked?: ReadonlyMap<string, CheckedFile>): Composed {
  const findings: Finding[] = [];
  const texts = new TextMap();
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
  const regionRaws = files.filter((raw) => raw.kind === 'regions');
  const only = regionRaws.length === 1 ? regionRaws[0]! : undefined;
  const known = only && regionParts.get(only.bytes);
  for (const raw of files) {
    if (raw.kind === 'regions' && known) {
      regionFiles.push(raw.file);
      findings.push(...known.findings);
      tableFindings += known.tableFindings;
      if (known.text !== undefined) texts.set(raw.file, known.text);
      catalog.regions = known.regions;
      catalog.regionByCode = known.regionByCode;
      continue;
    }
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
            message: t(
              `区划代码重复：${region.code}（首见于 ${seen.file}:${seen.line}）`,
              `duplicate region code ${region.code} (first at ${seen.file}:${seen.line})`,
            ),
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
    else if (file.textOf) texts.setLazy(raw.file, file.textOf);
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
  const loopFindings = findings.length;
  findings.push(...duplicateHalls(catalog));
  findings.push(
    ...checkRegionTable({
      regionsFolder: joinPath(root, 'regions'),
      files: regionFiles,
      regions: catalog.regions,
      province: catalog.meta?.province,
      tableFindings,
    }),
  );
  if (!known) {
    catalog.regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    if (only) {
      const own = findings.slice(0, loopFindings).filter((f) => f.file === only.file);
      regionParts.set(only.bytes, { text: texts.get(only.file), findings: own, tableFindings, regions: catalog.regions, regionByCode: catalog.regionByCode });
    }
  }
  return { catalog, findings, texts };
}

/**
 * The region table as composed from the bytes of the (usual) single table: `validate --watch`
 * composes the catalog again after every change, and the region tree (some 28,000 rows) seldom
 * changes. The same bytes give the same arrays, which the rest only reads.
 */
const regionParts = new WeakMap<
  Uint8Array,
  { text: string | undefined; findings: Finding[]; tableFindings: number; regions: Region[]; regionByCode: Map<string, Region> }
>();

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
        message: t(
          `区划 ${key} 有两个大厅文件：${seen} 和 ${file}；每个区划只能有一个`,
          `region ${key} has two hall files, ${seen} and ${file}; a region has one`,
        ),
      });
      break;
    }
  }
  return findings;
}

function joinPath(root: string, name: string): string {
  return root === '.' || root === '' ? name : `${root.replace(/\/+$/, '')}/${name}`;
}
