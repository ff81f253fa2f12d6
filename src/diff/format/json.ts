import type { DiffFormatter } from './formatter.js';

/** The result as JSON for tools: the shape documented in docs/diff.md, both languages in notes. */
export const jsonFormat: DiffFormatter = (result) => JSON.stringify(result, null, 2) + '\n';
