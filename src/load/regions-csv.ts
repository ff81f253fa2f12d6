import { t } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import { TIERS, type Tier } from '../schema/common.js';

export interface Region {
  code: string;
  name: string;
  tier: Tier;
  parent: string | null;
  file: string;
  line: number;
}

const CODE = /^(\d{6}|\d{9}|\d{12})$/;

/** Parse a region table `code,name,tier,parent`. Malformed rows become findings. */
export function parseRegionsCsv(text: string, file: string): { regions: Region[]; findings: Finding[] } {
  const regions: Region[] = [];
  const findings: Finding[] = [];
  const lines = text.split(/\r?\n/);
  const bad = (line: number, zh: string, en: string) => findings.push({ rule: 'schema', file, path: '', line, column: 1, message: t(zh, en) });
  const header = (lines[0] ?? '').trim();
  if (header !== 'code,name,tier,parent') {
    bad(1, '区划表第一行应为 code,name,tier,parent', 'the first row of a region table must be code,name,tier,parent');
    return { regions, findings };
  }
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw);
    const [code = '', name = '', tier = '', parent = ''] = cells;
    if (cells.length !== 4) {
      bad(i + 1, `应有 4 列，实有 ${cells.length} 列`, `expected 4 columns, found ${cells.length}`);
    } else if (!CODE.test(code)) {
      bad(i + 1, `区划代码格式不正确：${code}`, `malformed region code: ${code}`);
    } else if (!(TIERS as readonly string[]).includes(tier)) {
      bad(i + 1, `未知层级：${tier}（应为 ${TIERS.join('、')}）`, `unknown tier: ${tier} (expected ${TIERS.join(', ')})`);
    } else if (parent !== '' && !CODE.test(parent)) {
      bad(i + 1, `上级区划代码格式不正确：${parent}`, `malformed parent code: ${parent}`);
    } else if (name.trim() === '') {
      bad(i + 1, '区划名称为空', 'empty region name');
    } else {
      regions.push({ code, name: name.trim(), tier: tier as Tier, parent: parent === '' ? null : parent, file, line: i + 1 });
    }
  }
  return { regions, findings };
}

function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
