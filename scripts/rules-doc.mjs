// Write the index of docs/rules.md from the rule registry (`licat rules --format markdown`):
// the table under "## Index". Run by `npm run docs` after `npm run build`; a test fails while
// the file and the registry differ.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesIndexMarkdown } from '../lib/cli/rules.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
const text = readFileSync(file, 'utf8');
const start = text.indexOf('| rule | severity | 说明 | description |');
const end = text.indexOf('\n\n', start);
if (start < 0 || end < 0) throw new Error('docs/rules.md has no index table under "## Index"');
const next = `${text.slice(0, start)}${rulesIndexMarkdown().trimEnd()}${text.slice(end)}`;
if (next !== text) writeFileSync(file, next);
process.stdout.write(next === text ? 'docs/rules.md: the index is up to date\n' : 'docs/rules.md: the index written from the rule registry\n');
