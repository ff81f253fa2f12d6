import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** MS-DOS time and date fields as stored. */
  dosTime: number;
  dosDate: number;
  data: Buffer;
}

/** Read every entry of a zip (an .xlsx) from its central directory. Enough for tests. */
export function readZip(zip: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const dosTime = buf.readUInt16LE(at + 12);
    const dosDate = buf.readUInt16LE(at + 14);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const localTime = buf.readUInt16LE(local + 10);
    const localDate = buf.readUInt16LE(local + 12);
    if (localTime !== dosTime || localDate !== dosDate) throw new Error(`local and central times differ for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressed);
    entries.push({ name, dosTime, dosDate, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** One entry's text. */
export function zipText(zip: Uint8Array, name: string): string {
  const entry = readZip(zip).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in zip`);
  return entry.data.toString('utf8');
}
