// Part of `npm run build`: record the digest of licat's code (lib/code-digest.json), so that a
// run keys its caches without hashing every file. licat recomputes it when any file changed
// since (src/load/code-digest.ts).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { writeCodeDigest } = await import(pathToFileURL(path.join(root, 'lib', 'load', 'code-digest.js')).href);
writeCodeDigest(root);
