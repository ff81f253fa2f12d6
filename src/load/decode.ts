import { isUtf8 } from 'node:buffer';
import { t } from '../i18n/lang.js';
import type { Finding } from '../diagnostics/diagnostic.js';

export type Decoded = { text: string; finding?: undefined } | { text?: undefined; finding: Finding };

const gbk = new TextDecoder('gbk', { fatal: true });

/**
 * Decode a catalog file as UTF-8. A UTF-8 BOM is dropped; UTF-16, NUL bytes and GBK are refused
 * with a diagnostic that names what was detected and how to convert it.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): Decoded {
  const fail = (zh: string, en: string, line = 1, column = 1): Decoded => ({
    finding: { rule: 'file-encoding', file, path: '', message: t(zh, en), line, column },
  });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const enc = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE';
    return fail(
      `文件是 ${enc} 编码，应为 UTF-8。转换：iconv -f ${enc} -t UTF-8 "${file}" > 新文件`,
      `the file is ${enc}, not UTF-8. Convert it: iconv -f ${enc} -t UTF-8 "${file}" > new-file`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = positionOfByte(bytes, nul);
    const looksUtf16 = bytes.length > 1 && (bytes[1] === 0 || bytes[0] === 0);
    return looksUtf16
      ? fail(
          '文件含 NUL 字节，看起来是没有 BOM 的 UTF-16 编码，应为 UTF-8。转换：iconv -f UTF-16 -t UTF-8',
          'the file has NUL bytes and looks like UTF-16 without a BOM; convert it to UTF-8: iconv -f UTF-16 -t UTF-8',
          line,
          column,
        )
      : fail('文件含 NUL 字节，不是文本文件。', 'the file contains a NUL byte; it is not a text file', line, column);
  }
  if (isUtf8(bytes)) {
    let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  }
  {
    const bad = firstInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, bad);
    let isGbk: boolean;
    try {
      isGbk = /[\u4e00-\u9fff]/.test(gbk.decode(bytes));
    } catch {
      isGbk = false;
    }
    return isGbk
      ? fail(
          `文件不是 UTF-8 编码，看起来是 GBK（GB 2312/GB 18030）。转换：iconv -f GBK -t UTF-8 "${file}" > 新文件`,
          `the file is not UTF-8; it looks like GBK (GB 2312/GB 18030). Convert it: iconv -f GBK -t UTF-8 "${file}" > new-file`,
          line,
          column,
        )
      : fail('文件不是有效的 UTF-8 编码。', 'the file is not valid UTF-8', line, column);
  }
}

function positionOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: index - start + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return 0;
}
