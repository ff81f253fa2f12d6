import type { z } from 'zod';
import { t } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rule-ids.js';
import { catalogSchema } from '../schema/catalog.js';
import { departmentsSchema } from '../schema/departments.js';
import { hallSchema } from '../schema/hall.js';
import { itemSchema } from '../schema/item.js';
import { decodeUtf8 } from './decode.js';
import { parseYaml } from './parse-yaml.js';
import type { RawFile } from './read-catalog.js';
import { compileFastPath, compileNarrowing, UNSURE, type SchemaPart } from './schema-fast-path.js';
import { zodFindings } from './zod-findings.js';

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
  /**
   * A file from the parse cache: its text, decoded when first asked for (`text` is then
   * undefined; load/text-map.ts).
   */
  textOf?: () => string;
  /**
   * What the rules of the file's text found (fixable problems, placeholders), where known
   * already: kept in the parse cache with the file (pipeline/check-catalog.ts, textFindingsOf).
   */
  textFindings?: Finding[];
  findings: Finding[];
  /** The schema's output, when the file parsed and passed its schema. */
  value?: unknown;
  /** An item file that did not load: the code it names, if it names one. */
  unloadedCode?: string;
  /** What the item hook of the parse found in a loaded item (see `ItemHook`), where one ran. */
  itemFindings?: ItemFindings;
}

/**
 * What the rules that look at one item at a time found in one item file, made where the file is
 * checked (validate/item-rules.ts is the hook that makes it; load/parse-parallel.ts runs it).
 * Plain data: it crosses from a worker thread as JSON.
 */
export interface ItemFindings {
  /** Findings by rule id; a rule that found nothing is absent. */
  findings: Partial<Record<RuleId, Finding[]>>;
  /** Rules that threw, or reported outside the item's file: they run again over the whole catalog. */
  failed?: RuleId[];
}

const SCHEMAS = { catalog: catalogSchema, departments: departmentsSchema, item: itemSchema, hall: hallSchema } as const;
/** The same schemas compiled for clean files (load/schema-fast-path.ts): zod's output, made faster. */
const FAST = {
  catalog: compileFastPath(catalogSchema),
  departments: compileFastPath(departmentsSchema),
  item: compileFastPath(itemSchema),
  hall: compileFastPath(hallSchema),
} as const;
/** The parts of a file zod must look at where the fast check refuses it (load/schema-fast-path.ts). */
const NARROW = {
  catalog: compileNarrowing(catalogSchema),
  departments: compileNarrowing(departmentsSchema),
  item: compileNarrowing(itemSchema),
  hall: compileNarrowing(hallSchema),
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
  // zod checks only the parts the fast check refused: the issues are the same as for the whole
  // file, at a fraction of the cost (zod's first checks in a run are slow).
  const issues = partIssues(NARROW[raw.kind](parsed.data));
  if (issues.length === 0) {
    const result = SCHEMAS[raw.kind].safeParse(parsed.data);
    if (result.success) {
      out.value = result.data;
      return out;
    }
    issues.push(...result.error.issues);
  }
  out.findings = [...parsed.findings, ...zodFindings({ issues }, parsed.data, raw.file, SCHEMAS[raw.kind])];
  if (raw.kind === 'item') {
    const data = parsed.data;
    const code = typeof data === 'object' && data !== null && 'code' in data ? data.code : undefined;
    if (typeof code === 'string') out.unloadedCode = code;
  }
  return out;
}

/** zod's issues for each part, each path led by the part's own. */
function partIssues(parts: SchemaPart[]): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  for (const part of parts) {
    const result = part.schema.safeParse(part.value);
    if (!result.success) for (const issue of result.error.issues) issues.push({ ...issue, path: [...part.path, ...issue.path] });
  }
  return issues;
}
