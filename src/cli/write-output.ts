import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Write a file whole or not at all: a temporary file beside it, then a rename. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}
