import type { Document } from 'yaml';

/**
 * The edited document as text, with every line the edit did not touch exactly as it was in
 * `original`. The yaml library re-serialises a whole document (its spacing inside `{ }` and `[ ]`
 * is one setting for the file, where people mix both); here the edited and the unedited
 * documents are serialised alike, their lines compared, and only the lines that differ are taken
 * from the edited text: an update shows in a diff as the lines it changed, nothing else.
 * When the unedited serialisation does not line up with the original (not expected), the
 * edited serialisation is returned whole.
 */
export function keepUntouchedLines(original: string, unedited: Document, edited: Document): string {
  const lines = original.split('\n');
  let best: { padding: boolean; same: number } | undefined;
  for (const padding of [true, false]) {
    const a = unedited.toString({ lineWidth: 0, flowCollectionPadding: padding }).split('\n');
    if (a.length !== lines.length) continue;
    const same = a.filter((line, i) => line === lines[i]).length;
    if (!best || same > best.same) best = { padding, same };
  }
  const options = { lineWidth: 0, flowCollectionPadding: best?.padding ?? true };
  const b = edited.toString(options).split('\n');
  if (!best) return b.join('\n');
  const a = unedited.toString(options).split('\n');
  // A new line spaces its `{ }` and `[ ]` as the file mostly does (`{ value: 5 }`, `[county]`).
  const padded = edited.toString({ ...options, flowCollectionPadding: true }).split('\n');
  const bare = edited.toString({ ...options, flowCollectionPadding: false }).split('\n');
  const mapsPadded = count(original, /\{ \S/g) >= count(original, /\{[^ }\n]/g);
  const seqsPadded = count(original, /\[ \S/g) > count(original, /\[[^ \]\n]/g);
  const styled = (j: number) => {
    const line = b[j]!;
    const pad = line.includes('{') ? mapsPadded : line.includes('[') ? seqsPadded : best.padding;
    return (pad ? padded[j] : bare[j]) ?? line;
  };
  const out: string[] = [];
  for (const op of diffLines(a, b)) out.push(op.kind === 'same' ? lines[op.a]! : styled(op.b));
  // Lines only in the unedited text (kind 'gone') are dropped.
  return out.join('\n');
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

type Op = { kind: 'same'; a: number; b: number } | { kind: 'new'; b: number };

/** A line diff of a and b as the lines of b, each either the same as a line of a or new. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: 'same', a: i, b: i });
  const n = endA - start;
  const m = endB - start;
  if (n * m <= 4_000_000) {
    // Longest common subsequence of the middle lines.
    const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i]![j] = a[start + i] === b[start + j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (j < m) {
      if (i < n && a[start + i] === b[start + j]) {
        ops.push({ kind: 'same', a: start + i, b: start + j });
        i++;
        j++;
      } else if (i < n && table[i + 1]![j]! >= table[i]![j + 1]!) i++;
      else {
        ops.push({ kind: 'new', b: start + j });
        j++;
      }
    }
  } else for (let j = start; j < endB; j++) ops.push({ kind: 'new', b: j });
  for (let k = 0; k < a.length - endA; k++) ops.push({ kind: 'same', a: endA + k, b: endB + k });
  return ops;
}
