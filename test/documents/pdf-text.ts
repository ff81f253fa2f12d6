import { inflateSync } from 'node:zlib';

/** One run of text as a PDF page draws it: where, how large, and whether a clip cuts it. */
export interface TextRun {
  /** Index of the content stream (one per page for LibreOffice's PDFs). */
  stream: number;
  x: number;
  y: number;
  /** Font size in points, after any scaling of the page (`cm`). */
  size: number;
  /** The run's line lies outside the clip rectangle in force: the cell cut it off. */
  clipped: boolean;
}

interface State {
  clip: { x0: number; y0: number; x1: number; y1: number } | undefined;
  scale: number;
}

/**
 * The text runs of a PDF written by LibreOffice, read from its content streams: LibreOffice
 * draws each line of a cell with one `Td` in its own `BT … ET`, inside a clip rectangle
 * (`x y w h re W n`) when the cell's text might overflow the cell. A line whose baseline lies
 * below the clip's bottom, or whose top lies above its top, is cut off on paper.
 */
export function pdfTextRuns(pdf: Uint8Array): TextRun[] {
  const bytes = Buffer.from(pdf);
  const runs: TextRun[] = [];
  let stream = 0;
  let at = 0;
  for (;;) {
    const start = bytes.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let body = start + 'stream'.length;
    if (bytes[body] === 0x0d) body++;
    if (bytes[body] === 0x0a) body++;
    const end = bytes.indexOf('endstream', body, 'latin1');
    if (end < 0) break;
    at = end + 'endstream'.length;
    let text: string;
    try {
      text = inflateSync(bytes.subarray(body, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!text.includes(' Tf')) continue;
    runs.push(...streamRuns(text, stream++));
  }
  return runs;
}

function streamRuns(content: string, stream: number): TextRun[] {
  const runs: TextRun[] = [];
  const stack: State[] = [];
  let state: State = { clip: undefined, scale: 1 };
  let operands: string[] = [];
  let pendingRect: number[] | undefined;
  let position: { x: number; y: number } | undefined;
  // Strings and arrays are skipped as single tokens: only numbers and names matter here.
  const tokens = content.match(/\[(?:[^\]\\]|\\.)*\]|\((?:[^)\\]|\\.)*\)|<[0-9A-Fa-f\s]*>|\/[^\s/[\]()<>]+|[^\s/[\]()<>]+/g) ?? [];
  for (const token of tokens) {
    switch (token) {
      case 'q':
        stack.push({ ...state });
        break;
      case 'Q':
        state = stack.pop() ?? { clip: undefined, scale: 1 };
        break;
      case 'cm':
        state = { ...state, scale: state.scale * Math.abs(Number(operands[0])) };
        break;
      case 're':
        pendingRect = operands.slice(-4).map(Number);
        break;
      case 'W':
      case 'W*':
        if (pendingRect) {
          const [x, y, w, h] = pendingRect as [number, number, number, number];
          const rect = { x0: Math.min(x, x + w), y0: Math.min(y, y + h), x1: Math.max(x, x + w), y1: Math.max(y, y + h) };
          const c = state.clip;
          state = {
            ...state,
            clip: c ? { x0: Math.max(c.x0, rect.x0), y0: Math.max(c.y0, rect.y0), x1: Math.min(c.x1, rect.x1), y1: Math.min(c.y1, rect.y1) } : rect,
          };
        }
        break;
      case 'BT':
        position = undefined;
        break;
      case 'Td':
      case 'TD':
        position = { x: Number(operands.at(-2)), y: Number(operands.at(-1)) };
        break;
      case 'Tm':
        position = { x: Number(operands.at(-2)), y: Number(operands.at(-1)) };
        break;
      case 'Tf': {
        const size = Number(operands.at(-1)) * state.scale;
        if (position) {
          const clip = state.clip;
          // The glyphs of a line reach about 0.8 em above the baseline and 0.2 em below it.
          const raw = Number(operands.at(-1));
          const clipped = clip !== undefined && (position.y - 0.15 * raw < clip.y0 - 0.5 || position.y + 0.75 * raw > clip.y1 + 0.5);
          runs.push({ stream, x: position.x, y: position.y, size, clipped });
        }
        break;
      }
      default:
        if (/^[a-zA-Z'"*]+$/.test(token)) break;
        operands.push(token);
        continue;
    }
    operands = [];
  }
  return runs;
}
