/** Parse one CSV line as written by `sqlite3 -csv` (RFC 4180 quoting, no embedded newlines). */
export function parseCsvLine(line) {
  const fields = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in: ${line}`);
        value += line.slice(i, q);
        i = q + 1;
        if (line[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      value = line.slice(i, end);
      i = end;
    }
    fields.push(value);
    if (i >= line.length) return fields;
    if (line[i] !== ',') throw new Error(`unexpected character after field in: ${line}`);
    i++;
  }
}
