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
const TIER_OF: ReadonlyMap<string, Tier> = new Map(TIERS.map((tier) => [tier, tier]));

/** Parse a region table `code,name,tier,parent`. Malformed rows become findings. */
export function parseRegionsCsv(text: string, file: string): { regions: Region[]; findings: Finding[] } {
  const regions: Region[] = [];
  const findings: Finding[] = [];
  // The lines as `text.split(/\r?\n/)` gives them, taken one at a time.
  let from = 0;
  const nextLine = (): string => {
    const end = text.indexOf('\n', from);
    if (end < 0) {
      const last = text.slice(from);
      from = text.length + 1;
      return last;
    }
    const line = text.slice(from, end > from && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
    from = end + 1;
    return line;
  };
  const bad = (line: number, zh: string, en: string) => findings.push({ rule: 'schema', file, path: '', line, column: 1, message: t(zh, en) });
  const header = nextLine().trim();
  if (header !== 'code,name,tier,parent') {
    bad(1, '区划表第一行应为 code,name,tier,parent', 'the first row of a region table must be code,name,tier,parent');
    return { regions, findings };
  }
  for (let i = 1; from <= text.length; i++) {
    const raw = nextLine();
    if (raw.trim() === '') continue;
    let code: string, name: string, tier: string, parent: string, columns: number;
    // A plain row of four cells (the common case) is cut at its commas, with no array of cells.
    const c1 = raw.indexOf(',');
    const c2 = c1 < 0 ? -1 : raw.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : raw.indexOf(',', c2 + 1);
    if (c3 >= 0 && raw.indexOf(',', c3 + 1) < 0 && !raw.includes('"')) {
      code = raw.slice(0, c1);
      name = raw.slice(c1 + 1, c2);
      tier = raw.slice(c2 + 1, c3);
      parent = raw.slice(c3 + 1);
      columns = 4;
    } else {
      const cells = splitCsvLine(raw);
      [code = '', name = '', tier = '', parent = ''] = cells;
      columns = cells.length;
    }
    // The tier as one of TIERS: one string for all the rows of a tier, not one per row.
    const known = TIER_OF.get(tier);
    if (columns !== 4) {
      bad(i + 1, `应有 4 列，实有 ${columns} 列`, `expected 4 columns, found ${columns}`);
    } else if (!CODE.test(code)) {
      bad(i + 1, `区划代码格式不正确：${code}`, `malformed region code: ${code}`);
    } else if (known === undefined) {
      bad(i + 1, `未知层级：${tier}（应为 ${TIERS.join('、')}）`, `unknown tier: ${tier} (expected ${TIERS.join(', ')})`);
    } else if (parent !== '' && !CODE.test(parent)) {
      bad(i + 1, `上级区划代码格式不正确：${parent}`, `malformed parent code: ${parent}`);
    } else if (name.trim() === '') {
      bad(i + 1, '区划名称为空', 'empty region name');
    } else {
      regions.push({ code, name: name.trim(), tier: known, parent: parent === '' ? null : parent, file, line: i + 1 });
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
