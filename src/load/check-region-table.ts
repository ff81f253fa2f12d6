import { t } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { Region } from './regions-csv.js';

/**
 * The region table as a whole: there is one, it holds one province, and every region belongs to
 * the catalog's province (catalog.yaml `province`). Without these a build expands to no hall, or
 * to the halls of another province, and reports nothing; so they are structural errors (`schema`),
 * like a missing catalog.yaml, not rule findings a setting could turn off.
 * @example checkRegionTable({ regionsFolder: 'catalog/regions', files: [], regions: [], province: '44', tableFindings: 0 })
 */
export function checkRegionTable(input: {
  /** The regions folder as shown to users. */
  regionsFolder: string;
  /** Region table files read (shown paths), sorted. */
  files: readonly string[];
  /** Regions loaded from them, in file order. */
  regions: readonly Region[];
  /** catalog.yaml's `province`, when it loaded. */
  province: string | undefined;
  /** Findings already reported on the table files (a bad header, bad rows). */
  tableFindings: number;
}): Finding[] {
  const { regionsFolder, files, regions, province } = input;
  const at = (file: string, line: number, zh: string, en: string): Finding => ({ rule: 'schema', file, path: '', line, column: 1, message: t(zh, en) });
  if (files.length === 0) {
    return [
      at(
        regionsFolder,
        1,
        `缺少区划表：${regionsFolder} 中没有可读取的 .csv 文件；没有区划就不会生成任何大厅`,
        `no region table: ${regionsFolder} holds no readable .csv file; without regions no hall is built`,
      ),
    ];
  }
  if (regions.length === 0) {
    if (input.tableFindings > 0) return [];
    return [at(files[0]!, 1, '区划表中没有任何区划；没有区划就不会生成任何大厅', 'the region table holds no region; without regions no hall is built')];
  }
  const findings: Finding[] = [];
  const provinces = regions.filter((r) => r.tier === 'province');
  if (provinces.length === 0) {
    findings.push(at(files[0]!, 1, '区划表中没有省级区划（层级为 province 的行）', 'the region table has no province (a row of tier province)'));
  }
  for (const extra of provinces.slice(1)) {
    const first = provinces[0]!;
    findings.push(
      at(
        extra.file,
        extra.line,
        `区划表只能有一个省级区划：${extra.code} ${extra.name}，已有 ${first.code} ${first.name}（${first.file}:${first.line}）`,
        `the region table may hold one province only: ${extra.code} ${extra.name}, besides ${first.code} ${first.name} (${first.file}:${first.line})`,
      ),
    );
  }
  if (province !== undefined) {
    // One finding per file, at its first region of another province, with the count of the rest:
    // a table of another province has thousands of rows, and one line says it.
    const foreign = new Map<string, { first: Region; count: number }>();
    for (const region of regions) {
      if (region.code.startsWith(province)) continue;
      const seen = foreign.get(region.file);
      if (seen) seen.count++;
      else foreign.set(region.file, { first: region, count: 1 });
    }
    for (const { first, count } of foreign.values()) {
      const more = count - 1;
      findings.push(
        at(
          first.file,
          first.line,
          `区划 ${first.code} ${first.name} 不属于本目录所属省份 ${province}（catalog.yaml 的 province）` +
            (more > 0 ? `；本文件另有 ${more} 个区划也不属于` : ''),
          `region ${first.code} ${first.name} is outside the catalog's province ${province} (catalog.yaml province)` +
            (more > 0 ? `; ${more} more regions of this file are too` : ''),
        ),
      );
    }
  }
  return findings;
}
