import { t, type Text } from '../i18n/lang.js';
import { columnLetters, type SheetGrid } from '../load/read-sheet.js';
import type { Duration } from '../schema/common.js';
import { listLines, normalizeText } from './cell-values.js';
import type { NextCell, NextLine, StepKind } from './process-columns.js';
import { nameKey, STEP_FIELDS, type CriterionDraft, type ProcessDraft, type RangeDraft, type SpecialDraft, type StepDraft } from './process-draft.js';
import { columnOf, itemRows, recognised, type Header, type ImportedItem, type Problem } from './sheet-table.js';

/**
 * The readers of the process sheet (办理流程: one row per step or special procedure) and the
 * criteria sheet (自由裁量标准: one row per rule or range). The rows of an item become its whole
 * process or criteria list, replacing the file's. Steps and materials are referred to by name;
 * a name that is not one of the item's is an error at its cell.
 */

/** The names an item of the catalog already has, for sheets that refer to what they do not list. */
export interface KnownNames {
  materials: readonly string[];
  steps: readonly string[];
}

interface Field {
  value: unknown;
  /** 1-based column. */
  col: number;
}

interface Row {
  row: number;
  fields: Map<string, Field>;
}

/** The data rows of a sheet by item, each cell read by its column (unreadable cells reported, left out). */
function rowsByItem(grid: SheetGrid, header: Header, byCode: ReadonlyMap<string, ImportedItem>, problem: Problem): Map<ImportedItem, Row[]> {
  const out = new Map<ImportedItem, Row[]>();
  for (const { item, row, fields } of itemRows(grid, header, byCode, problem)) {
    if (!out.has(item)) out.set(item, []);
    out.get(item)!.push({ row, fields });
  }
  return out;
}

const SEPARATOR = /[、，,；;]/;

/**
 * The names a cell lists (one per line, or separated by 、，；), each matched to the longest of
 * `known` that it starts with, so that a name holding a 、 reads whole. Unmatched text, up to the
 * next separator, is `unknown`. Names are compared as `nameKey` gives them.
 */
export function splitNames(text: string, known: readonly string[]): { names: string[]; unknown: string[] } {
  const keys = [...new Set(known.map(nameKey))].filter((k) => k !== '').sort((a, b) => b.length - a.length);
  const names: string[] = [];
  const unknown: string[] = [];
  for (const line of normalizeText(text).split('\n')) {
    const asWritten = matchNames(nameKey(line), keys);
    // Numbering (`1.`, `（二）`) is stripped only when the line as written names no known name.
    const stripped = asWritten.unknown.length > 0 ? matchNames(nameKey(listLines(line)[0] ?? ''), keys) : asWritten;
    const best = stripped.unknown.length < asWritten.unknown.length ? stripped : asWritten;
    names.push(...best.names);
    unknown.push(...best.unknown);
  }
  return { names, unknown };
}

/**
 * The names of `keys` a line lists, and the text between separators that matches none: of the
 * ways to read the line, one with the fewest unmatched pieces, then the fewest names (a name may
 * itself hold a separator: `A、B` is one name where there is one so named), then longer names
 * first.
 */
function matchNames(s: string, keys: readonly string[]): { names: string[]; unknown: string[] } {
  interface Reading {
    /** Unmatched pieces, then names, from here to the end. */
    cost: number;
    count: number;
    /** The name or unmatched piece read here, and where the rest starts. */
    name?: string;
    piece?: string;
    next: number;
  }
  const best: Reading[] = [];
  best[s.length] = { cost: 0, count: 0, next: s.length };
  for (let i = s.length - 1; i >= 0; i--) {
    let choice: Reading | undefined;
    const consider = (reading: Reading) => {
      if (!choice || reading.cost < choice.cost || (reading.cost === choice.cost && reading.count < choice.count)) choice = reading;
    };
    for (const key of keys) {
      const end = i + key.length;
      if (s.startsWith(key, i) && (end === s.length || SEPARATOR.test(s[end]!))) {
        consider({ cost: best[end]!.cost, count: best[end]!.count + 1, name: key, next: end });
      }
    }
    if (SEPARATOR.test(s[i]!)) consider({ cost: best[i + 1]!.cost, count: best[i + 1]!.count, next: i + 1 });
    else {
      let end = i;
      while (end < s.length && !SEPARATOR.test(s[end]!)) end++;
      consider({ cost: best[end]!.cost + 1, count: best[end]!.count, piece: s.slice(i, end), next: end });
    }
    best[i] = choice!;
  }
  const names: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < s.length; i = best[i]!.next) {
    const reading = best[i]!;
    if (reading.name !== undefined) names.push(reading.name);
    if (reading.piece !== undefined) unknown.push(reading.piece);
  }
  return { names, unknown };
}

const str = (f: Field | undefined) => (f === undefined ? undefined : (f.value as string));

/** The item's material names as this import gives them (its materials sheet or column), else as its file has them. */
function materialNames(item: ImportedItem, known: KnownNames | undefined): readonly string[] | undefined {
  const given = item.values.find((v) => v.path.length === 1 && v.path[0] === 'materials');
  if (given && Array.isArray(given.value)) return (given.value as Array<{ name?: unknown }>).flatMap((m) => (typeof m.name === 'string' ? [m.name] : []));
  return known?.materials;
}

/**
 * Read a process sheet: for each item with rows, its steps (办理环节, 决定环节) and special
 * procedures (特殊程序) in 序号 order (row order where 序号 is missing), as the item's whole process.
 */
export function readProcess(
  grid: SheetGrid,
  header: Header,
  byCode: ReadonlyMap<string, ImportedItem>,
  problem: Problem,
  known: (code: string) => KnownNames | undefined,
): void {
  const at = (row: number, col: number, severity: 'error' | 'warning', why: Text) => problem(severity, 'import-cell', grid.name, row, col, why);
  const nameCol = columnOf(header, 'name')!.index + 1;
  for (const [item, unordered] of rowsByItem(grid, header, byCode, problem)) {
    const rows = unordered.every((r) => r.fields.has('order'))
      ? [...unordered].sort((a, b) => (a.fields.get('order')!.value as number) - (b.fields.get('order')!.value as number))
      : unordered;
    const kindOf = (r: Row): StepKind | undefined => r.fields.get('kind')?.value as StepKind | undefined;
    const stepRows = rows.filter((r) => kindOf(r) !== 'special');
    const specialRows = rows.filter((r) => kindOf(r) === 'special');
    const stepNames = stepRows.flatMap((r) => (r.fields.has('name') ? [str(r.fields.get('name'))!] : []));
    const nameCount = new Map<string, number>();
    for (const name of stepNames) nameCount.set(nameKey(name), (nameCount.get(nameKey(name)) ?? 0) + 1);
    const materials = materialNames(item, known(item.code));

    /** A step named in a cell: reported when it is no step of the item, or more than one. */
    const stepNamed = (name: string, row: number, col: number): boolean => {
      const count = nameCount.get(nameKey(name)) ?? 0;
      if (count === 0) {
        at(
          row,
          col,
          'error',
          t(
            `“${name}”不是该事项的环节（应为本表中该事项的环节名称）`,
            `"${name}" is no step of this item (it should be the name of one of its steps in this sheet)`,
          ),
        );
      } else if (count > 1) {
        at(row, col, 'warning', t(`该事项有 ${count} 个名为“${name}”的环节，取第一个`, `this item has ${count} steps named "${name}"; the first is taken`));
      }
      return count > 0;
    };

    const steps: StepDraft[] = [];
    const ids = new Map<string, number>();
    for (const r of stepRows) {
      const name = str(r.fields.get('name'));
      if (name === undefined) {
        at(r.row, nameCol, 'error', t('缺少环节名称', 'the name of the step is empty'));
        continue;
      }
      const step: StepDraft = { name };
      const id = r.fields.get('id');
      if (id) {
        const first = ids.get(id.value as string);
        if (first !== undefined)
          at(
            r.row,
            id.col,
            'error',
            t(`环节标识“${String(id.value)}”已在第 ${first} 行出现`, `the step id "${String(id.value)}" already appears on row ${first}`),
          );
        else {
          ids.set(id.value as string, r.row);
          step.id = id.value as string;
        }
      }
      const role = str(r.fields.get('role'));
      if (role !== undefined) step.role = role;
      const office = str(r.fields.get('office'));
      if (office !== undefined) step.office = office;
      const limit = r.fields.get('limit');
      if (limit) step.limit = limit.value as Duration;
      const checked = r.fields.get('materials');
      if (checked) {
        const { names, unknown } = splitNames(checked.value as string, materials ?? []);
        for (const u of unknown) {
          at(
            r.row,
            checked.col,
            'error',
            materials === undefined
              ? t(
                  `审核材料“${u}”无法对应：该事项没有申请材料（表中没有，目录中也没有）`,
                  `the material "${u}" cannot be matched: the item has no materials (in the sheets or the catalog)`,
                )
              : t(`审核材料“${u}”不是该事项的申请材料`, `the material "${u}" is not one of the item's materials`),
          );
        }
        if (names.length > 0) step.materials = names;
      }
      const next = r.fields.get('next');
      const cell = next?.value as NextCell | undefined;
      // A bare 办结 is the end, unless a step of the item has that name.
      const lines = cell?.maybeEnd !== undefined && !nameCount.has(nameKey(cell.maybeEnd)) ? [] : (cell?.lines ?? []);
      const decision = kindOf(r) === 'decision' || (kindOf(r) === undefined && lines.some((l) => l.label !== undefined));
      if (decision) {
        const branches: Array<[string, string]> = [];
        for (const line of lines) {
          const branch = line.label !== undefined ? line : colonBranch(line);
          if (branch === undefined) {
            at(
              r.row,
              next!.col,
              'error',
              t(`决定环节的分支“${line.target}”应写成“分支名称 → 环节名称”`, `the branch "${line.target}" of a decision step should read "label → step name"`),
            );
          } else if (stepNamed(branch.target, r.row, next!.col)) branches.push([branch.label!, branch.target]);
        }
        if (branches.length > 0) step.branches = branches;
      } else {
        const names: string[] = [];
        for (const line of lines) {
          if (line.label !== undefined) {
            at(
              r.row,
              next!.col,
              'error',
              t(
                `“${line.label} → ${line.target}”是分支，但该环节不是决定环节（类别写“决定环节”）`,
                `"${line.label} → ${line.target}" is a branch, but the step is not a decision step (write 决定环节 as its kind)`,
              ),
            );
            continue;
          }
          const split = splitNames(line.target, stepNames);
          // A line that names no step at all is reported whole, not in pieces.
          if (split.names.length === 0) stepNamed(line.target, r.row, next!.col);
          for (const u of split.names.length === 0 ? [] : split.unknown) stepNamed(u, r.row, next!.col);
          for (const n of split.names) if (stepNamed(n, r.row, next!.col)) names.push(n);
        }
        if (names.length > 0) step.next = names;
      }
      const note = r.fields.get('note');
      if (note)
        at(
          r.row,
          note.col,
          'warning',
          t('办理环节的说明未导入：只有特殊程序有说明', 'the note of a step is not imported: only special procedures have a note'),
        );
      steps.push(step);
    }

    const special: SpecialDraft[] = [];
    for (const r of specialRows) {
      const name = str(r.fields.get('name'));
      if (name === undefined) {
        at(r.row, nameCol, 'error', t('缺少特殊程序名称', 'the name of the special procedure is empty'));
        continue;
      }
      const entry: SpecialDraft = { name };
      const limit = r.fields.get('limit');
      if (limit) entry.limit = limit.value as Duration;
      else
        at(
          r.row,
          columnOf(header, 'limit') ? columnOf(header, 'limit')!.index + 1 : nameCol,
          'error',
          t(`特殊程序“${name}”缺少时限`, `the special procedure "${name}" has no time limit`),
        );
      const note = str(r.fields.get('note'));
      if (note !== undefined) entry.note = note;
      for (const key of ['role', 'office', 'materials', 'id'] as const) {
        const f = r.fields.get(key);
        if (f) at(r.row, f.col, 'warning', t('特殊程序的该单元格未导入', 'this cell of a special procedure is not imported'));
      }
      if ((r.fields.get('next')?.value as NextCell | undefined)?.lines.length) {
        at(r.row, r.fields.get('next')!.col, 'warning', t('特殊程序没有下一环节，未导入', 'a special procedure has no next step; not imported'));
      }
      special.push(entry);
    }

    if (steps.length === 0 && stepRows.length === 0) {
      at(rows[0]!.row, nameCol, 'error', t('该事项只有特殊程序，没有办理环节', 'the item has special procedures but no steps'));
    }
    const columns = recognised(header);
    const draft: ProcessDraft = {
      steps,
      special: columns.includes('kind') ? special : undefined,
      carries: STEP_FIELDS.filter((field) => columns.includes(field)),
    };
    item.values = item.values.filter((v) => v.path[0] !== 'process');
    item.values.push({ path: ['process'], value: draft, cell: `${grid.name}!${columnLetters(nameCol)}${rows[0]!.row}` });
  }
}

/** `准予许可：制证送达` as a branch, as departments often write one. */
function colonBranch(line: NextLine): NextLine | undefined {
  const m = /^([^：:]+)[：:](.+)$/.exec(line.target);
  return m ? { label: m[1]!.trim(), target: m[2]!.trim() } : undefined;
}

/**
 * Read a criteria sheet: for each item with rows, its criteria. A row with 裁量规则 is a criterion
 * of its own; consecutive range rows of the same criterion (the same 裁量标识, or without one the
 * same 裁量事项 and 适用环节) are its ranges.
 */
export function readCriteria(
  grid: SheetGrid,
  header: Header,
  byCode: ReadonlyMap<string, ImportedItem>,
  problem: Problem,
  known: (code: string) => KnownNames | undefined,
): void {
  const at = (row: number, col: number, why: Text) => problem('error', 'import-cell', grid.name, row, col, why);
  const subjectCol = columnOf(header, 'subject')!.index + 1;
  for (const [item, rows] of rowsByItem(grid, header, byCode, problem)) {
    const given = item.values.find((v) => v.path[0] === 'process')?.value as ProcessDraft | undefined;
    const stepNames = given ? given.steps.map((s) => s.name) : (known(item.code)?.steps ?? []);
    const stepKeys = new Set(stepNames.map(nameKey));
    const criteria: CriterionDraft[] = [];
    const firstRowOf = new Map<string, number>();
    let open: CriterionDraft | undefined;
    for (const r of rows) {
      const subject = str(r.fields.get('subject'));
      if (subject === undefined) {
        at(r.row, subjectCol, t('缺少裁量事项', 'the subject of the criterion is empty'));
        open = undefined;
        continue;
      }
      const id = str(r.fields.get('id'));
      const stepField = r.fields.get('step');
      const step = str(stepField);
      if (step !== undefined && !stepKeys.has(nameKey(step))) {
        at(
          r.row,
          stepField!.col,
          stepNames.length === 0
            ? t(`适用环节“${step}”无法对应：该事项没有办理环节`, `the step "${step}" cannot be matched: the item has no steps`)
            : t(`适用环节“${step}”不是该事项的环节`, `the step "${step}" is no step of this item`),
        );
      }
      const rule = r.fields.get('rule');
      const range: RangeDraft = {};
      for (const key of ['min', 'max', 'unit', 'outcome'] as const) {
        const f = r.fields.get(key);
        if (f) (range as Record<string, unknown>)[key] = f.value;
      }
      const isRange = Object.keys(range).length > 0;
      if (rule && isRange) {
        at(r.row, rule.col, t('同一行不能既有裁量规则又有裁量区间', 'a row has either a rule or a range, not both'));
        open = undefined;
        continue;
      }
      if (!rule && !isRange) {
        at(r.row, subjectCol, t('缺少裁量区间或裁量规则', 'the row has neither a range nor a rule'));
        open = undefined;
        continue;
      }
      const stepValue = step !== undefined && stepKeys.has(nameKey(step)) ? step : undefined;
      const same = (c: CriterionDraft) => (id !== undefined ? c.id === id : c.id === undefined && c.subject === subject && c.step === stepValue);
      if (isRange) {
        for (const [key, zh, en] of [
          ['unit', '单位', 'unit'],
          ['outcome', '裁量结果', 'outcome'],
        ] as const) {
          if (range[key] === undefined) {
            const col = columnOf(header, key);
            at(r.row, col ? col.index + 1 : subjectCol, t(`裁量区间缺少${zh}`, `the range has no ${en}`));
          }
        }
        if (open?.ranges && same(open)) {
          open.ranges.push(range);
          continue;
        }
      }
      if (id !== undefined) {
        const first = firstRowOf.get(id);
        if (first !== undefined) {
          at(r.row, r.fields.get('id')!.col, t(`裁量标识“${id}”已在第 ${first} 行出现`, `the criterion id "${id}" already appears on row ${first}`));
          open = undefined;
          continue;
        }
        firstRowOf.set(id, r.row);
      }
      const criterion: CriterionDraft = { subject, carriesStep: columnOf(header, 'step') !== undefined };
      if (id !== undefined) criterion.id = id;
      if (stepValue !== undefined) criterion.step = stepValue;
      if (rule) criterion.rule = rule.value as string;
      else criterion.ranges = [range];
      criteria.push(criterion);
      open = rule ? undefined : criterion;
    }
    item.values = item.values.filter((v) => v.path[0] !== 'criteria');
    item.values.push({ path: ['criteria'], value: criteria, cell: `${grid.name}!${columnLetters(subjectCol)}${rows[0]!.row}` });
  }
}
