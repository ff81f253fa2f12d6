import { open } from 'node:fs/promises';

/** Random access to a zip: a buffer in memory or a file on disk. */
interface ZipIo {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
  write(position: number, data: Buffer): Promise<void>;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Set the time of every entry of a zip (in its local header and in the central directory) to
 * `date`. exceljs stamps entries with the time of writing, some before any option can reach
 * them; rewriting the fixed-size time fields afterwards makes two builds byte-identical without
 * depending on exceljs internals. Entry data and CRCs are untouched.
 * @example pinZipTimesInBuffer(xlsx, new Date(Date.UTC(1980, 0, 1)))
 */
export async function pinZipTimesInBuffer(zip: Buffer, date: Date): Promise<void> {
  await pinZipTimes(
    {
      size: zip.length,
      read: async (position, length) => zip.subarray(position, position + length),
      write: async (position, data) => {
        data.copy(zip, position);
      },
    },
    date,
  );
}

/** The same, in place on a file: reads only the central directory, memory stays small. */
export async function pinZipTimesInFile(file: string, date: Date): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    await pinZipTimes(
      {
        size,
        read: async (position, length) => {
          const buffer = Buffer.alloc(length);
          const { bytesRead } = await handle.read(buffer, 0, length, position);
          return buffer.subarray(0, bytesRead);
        },
        write: async (position, data) => {
          await handle.write(data, 0, data.length, position);
        },
      },
      date,
    );
  } finally {
    await handle.close();
  }
}

async function pinZipTimes(io: ZipIo, date: Date): Promise<void> {
  const { time, day } = dosTime(date);
  const tailLength = Math.min(io.size, 22 + 0xffff);
  const tail = await io.read(io.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new Error('zip64 archives are not supported here');
  const cd = await io.read(cdOffset, cdSize);
  let at = 0;
  for (let n = 0; n < entries; n++) {
    if (cd.readUInt32LE(at) !== CENTRAL) throw new Error('damaged zip central directory');
    cd.writeUInt16LE(time, at + 12);
    cd.writeUInt16LE(day, at + 14);
    const local = cd.readUInt32LE(at + 42);
    const header = await io.read(local, 30);
    if (header.readUInt32LE(0) !== LOCAL) throw new Error('damaged zip local header');
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(time, 0);
    stamp.writeUInt16LE(day, 2);
    await io.write(local + 10, stamp);
    at += 46 + cd.readUInt16LE(at + 28) + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
  }
  await io.write(cdOffset, cd);
}

/** MS-DOS time and date fields of a UTC time (2-second resolution, 1980-2107). */
function dosTime(date: Date): { time: number; day: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  const clamped = year !== date.getUTCFullYear();
  return {
    time: clamped ? 0 : (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: clamped ? (1 << 5) | 1 : ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}
