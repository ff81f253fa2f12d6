import { t } from '../../i18n/lang.js';
import { UsageError } from '../../diagnostics/usage-error.js';
import type { Catalog } from '../../model/catalog.js';
import type { Item } from '../../schema/item.js';
import type { EmitContext, Emitter } from '../emitter.js';
import type { EmitterId } from '../emitter-ids.js';
import { itemsByCode } from '../items-by-code.js';
import { catalogSheets, type ItemLinks } from './catalog-sheets.js';
import { hallGroups, NOT_OFFERED_COLUMNS, OFFER_COLUMNS, offerRows } from './hall-sheets.js';
import { NO_DATE, workbookBuffer, workbookFile, type Row } from './write-workbook.js';

/**
 * `excel/catalog.xlsx`, the general directory (通用目录), and with `--excel-halls` the
 * implementation list of every hall in `excel/halls/<region>.xlsx`: one workbook for the
 * province hall and one per city with all its halls, written by the streaming writer.
 */
export const excelEmitter: Emitter = {
  id: 'excel',
  description: 'Excel 目录（通用目录，可选各大厅实施清单） / Excel directories (the catalog, optionally every hall)',
  async emit(catalog, context) {
    const date = buildDate(context.options.buildTime);
    const items = itemsByCode(catalog);
    const sheets = catalogSheets(catalog, {
      items,
      sourceOf: sourceFile(catalog),
      links: await itemLinks(catalog, context),
      title: sheetTitle(catalog, context.options.buildTime),
      byDepartment: excelBy(context.options.excelBy),
    });
    const xlsx = await workbookBuffer(sheets, { date });
    await context.out.write('excel/catalog.xlsx', xlsx);
    context.log(t(`Excel：通用目录 ${items.length} 个事项`, `Excel: catalog directory of ${items.length} items`)[context.lang]);
    const halls = hallSelection(context.options.excelHalls);
    if (halls) await emitHallWorkbooks(catalog, context, date, halls.only);
  },
};

/**
 * Links to the files of the same output: the guide when guides are built; the flowchart's SVG
 * when flowcharts are built and it could be rendered, else its Mermaid source (as the guide
 * does); nothing for an artifact this build does not write.
 */
async function itemLinks(catalog: Catalog, context: EmitContext): Promise<ItemLinks> {
  const built = (id: EmitterId) => context.artifacts === undefined || context.artifacts.includes(id);
  let flowchart: ItemLinks['flowchart'] = () => undefined;
  if (context.artifacts === undefined) flowchart = (code) => `flowcharts/${code}.svg`;
  else if (built('flowcharts')) {
    const { flowchartsFor } = await import('../flowcharts/render-flowcharts.js');
    const { charts } = await flowchartsFor(catalog, context);
    flowchart = (code) => `flowcharts/${code}.${charts.get(code)?.svg !== undefined ? 'svg' : 'mmd'}`;
  }
  return { flowchart, guide: (code) => (built('guides') ? `guides/${code}.html` : undefined) };
}

async function emitHallWorkbooks(catalog: Catalog, context: EmitContext, date: Date, only: string[] | undefined): Promise<void> {
  const { planExpansion } = await import('../../model/expand.js');
  const expansion = planExpansion(catalog);
  const groups = hallGroups(expansion, only);
  let rows = 0;
  for (const [index, group] of groups.entries()) {
    // Region codes become file names: only a checked division code may.
    if (!/^\d{6}(\d{3}){0,2}$/.test(group.head.code)) throw new Error(`region code is not a division code: ${JSON.stringify(group.head.code)}`);
    const rel = `excel/halls/${group.head.code}.xlsx`;
    const file = await context.out.streamPath(rel);
    const notOffered: Row[] = [];
    let groupRows = 0;
    const offers = offerRows(expansion, group, notOffered);
    const counted = (function* () {
      for (const row of offers) {
        groupRows++;
        yield row;
      }
    })();
    await workbookFile(
      file,
      [
        { name: '实施清单', columns: OFFER_COLUMNS, rows: counted, frozenColumns: 2 },
        { name: '不提供事项', columns: NOT_OFFERED_COLUMNS, rows: notOffered, frozenColumns: 2 },
      ],
      { date, inlineStrings: true },
    );
    await context.out.added(rel);
    rows += groupRows;
    context.progress?.('excel/halls', index + 1, groups.length);
  }
  context.log(t(`Excel：${groups.length} 个大厅实施清单工作簿，共 ${rows} 行`, `Excel: ${groups.length} hall workbooks, ${rows} rows in all`)[context.lang]);
}

/**
 * `--excel-halls` (true: every hall, by city) or `--excel-halls 440106,441900` (those regions
 * with the halls under them); undefined when not asked for.
 */
function hallSelection(value: unknown): { only: string[] | undefined } | undefined {
  if (value === true || value === 'true') return { only: undefined };
  if (typeof value === 'string' && value.trim() !== '') {
    return {
      only: value
        .split(',')
        .map((code) => code.trim())
        .filter((code) => code !== ''),
    };
  }
  return undefined;
}

/** The build time given on the command line (ISO), else a fixed date: no clock in the output. */
function buildDate(value: unknown): Date {
  if (typeof value === 'string' || value instanceof Date) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return NO_DATE;
}

/**
 * An item's file relative to the catalog folder, the same wherever the build runs and however
 * the folder is spelled (`catalog`, `./catalog`, `/abs/catalog`): the workbook's bytes do not
 * depend on it.
 */
function sourceFile(catalog: Catalog): (item: Item) => string {
  const prefix = `${catalog.root.replace(/\/+$/, '')}/`;
  const files = new Map(
    catalog.items.map((entry) => [entry.item, entry.rel ?? (entry.file.startsWith(prefix) ? entry.file.slice(prefix.length) : entry.file)]),
  );
  return (item) => files.get(item) ?? '';
}

/**
 * The title row of each sheet: catalog name, version, the sheet, and the build date when a build
 * time was given (none otherwise, so the output stays the same from build to build).
 */
function sheetTitle(catalog: Catalog, buildTime: unknown): (sheet: string) => string {
  const date = buildDate(buildTime);
  const name = catalog.meta ? `${catalog.meta.name}（${catalog.meta.version} 版）` : '行政许可事项目录';
  const built = date === NO_DATE ? '' : `　生成日期：${date.toISOString().slice(0, 10)}`;
  return (sheet) => `${name}　${sheet}${built}`;
}

/** `--excel-by department`: a sheet per department; any other value is a usage error. */
function excelBy(value: unknown): boolean {
  if (value === undefined || value === false) return false;
  if (value === 'department') return true;
  throw new UsageError(`--excel-by 只接受 department / --excel-by takes only: department (got ${JSON.stringify(value)})`);
}
