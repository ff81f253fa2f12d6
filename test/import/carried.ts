import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Item } from '../../src/schema/item.js';
import { excelEmitter } from '../../src/emit/excel/excel-emitter.js';
import type { Catalog } from '../../src/model/catalog.js';
import { sheetsFromBytes } from '../../src/load/read-sheet.js';
import { importRows } from '../../src/import/import-rows.js';
import { knownNames, planImport, type ExistingItemFile } from '../../src/import/import-plan.js';
import { memoryContext } from '../memory-sink.js';

/**
 * The elements of an item that the 通用目录, 申请材料, 办理流程, 收费标准 and 自由裁量标准 sheets
 * carry, as data: what a round trip through the export and the import must keep. Not carried:
 * material ids (a step's materials are compared by the materials' names) and article texts. An
 * absent flag and `false` mean the same (the sheet writes 否 for both), and so do an absent list
 * of special procedures or criteria and an empty one.
 */
export function carried(item: Item | Record<string, any>): Record<string, unknown> {
  const flag = (v: unknown) => v === true;
  const materialName = new Map<string, string>(item.materials.map((m: any) => [m.id, m.name]));
  return {
    code: item.code,
    name: item.name,
    type: item.type,
    department: item.department,
    levels: item.levels,
    acceptedAt: item.acceptedAt?.length ? item.acceptedAt : undefined,
    serviceObjects: item.serviceObjects,
    handlingItems: item.handlingItems,
    legalBasis: item.legalBasis.map((b: any) => ({ title: b.title, article: b.article })),
    conditions: item.conditions,
    materials: item.materials.map(({ id: _id, eLicense, ...m }: any) => ({ ...m, eLicense: flag(eLicense) })),
    process: {
      steps: item.process.steps.map((s: any) => ({ ...s, materials: s.materials?.map((id: string) => materialName.get(id) ?? `unknown material ${id}`) })),
      special: item.process.special?.length ? item.process.special : undefined,
    },
    timeLimit: item.timeLimit,
    fees: item.fees.map(({ waivable, ...f }: any) => ({ ...f, waivable: flag(waivable) })),
    result: { ...item.result, eLicense: flag(item.result.eLicense) },
    handling: item.handling,
    criteria: item.criteria?.length ? item.criteria : undefined,
  };
}

/** excel/catalog.xlsx of a catalog, as the build writes it. */
export async function exportWorkbook(catalog: Catalog): Promise<Buffer> {
  const { out, context } = memoryContext({});
  await excelEmitter.emit(catalog, context);
  return Buffer.from(out.bytes('excel/catalog.xlsx'));
}

/** Import a workbook in memory into a catalog holding `existing` item files (departments from `kinds`). */
export async function importWorkbook(xlsx: Buffer, kinds: Record<string, { name: string }>, existing: ExistingItemFile[] = []) {
  const departmentByName = new Map<string, string>();
  for (const [key, kind] of Object.entries(kinds)) {
    departmentByName.set(key, key);
    departmentByName.set(kind.name, key);
  }
  const rows = importRows(await sheetsFromBytes(xlsx, 'catalog.xlsx'), { file: 'catalog.xlsx', departmentByName, known: knownNames(existing) });
  return { rows, plan: planImport(rows.items, existing) };
}

/** Every item file of a catalog folder, by its path from the folder. */
export function itemFiles(root: string): ExistingItemFile[] {
  const out: ExistingItemFile[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.yaml')) out.push({ rel: child, text: readFileSync(path.join(root, child), 'utf8') });
    }
  };
  walk('items');
  return out;
}

export const parseItem = (text: string) => parse(text) as Item;
