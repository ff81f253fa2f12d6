/**
 * The texts of a catalog's files by file name, some decoded only when asked for: a file taken
 * from the parse cache (load/parse-cache.ts) needs its text only where a diagnostic is located in
 * it or a reporter shows it, so its bytes are decoded then, once. Read like any ReadonlyMap, in
 * the order the files were added.
 * @example const texts = new TextMap(); texts.setLazy('a.yaml', () => 'name: x\n'); texts.get('a.yaml') // 'name: x\n'
 */
export class TextMap implements ReadonlyMap<string, string> {
  private readonly texts = new Map<string, string | (() => string)>();

  /** Set the text of `file`. */
  set(file: string, text: string): this {
    this.texts.set(file, text);
    return this;
  }

  /** Set the text of `file` as what `decode` gives, called the first time the text is asked for. */
  setLazy(file: string, decode: () => string): this {
    this.texts.set(file, decode);
    return this;
  }

  get(file: string): string | undefined {
    const text = this.texts.get(file);
    if (typeof text !== 'function') return text;
    const decoded = text();
    this.texts.set(file, decoded);
    return decoded;
  }

  has(file: string): boolean {
    return this.texts.has(file);
  }

  get size(): number {
    return this.texts.size;
  }

  keys(): MapIterator<string> {
    return this.texts.keys();
  }

  values(): MapIterator<string> {
    return this.decoded().values();
  }

  entries(): MapIterator<[string, string]> {
    return this.decoded().entries();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (text: string, file: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [file, text] of this.entries()) callback.call(thisArg, text, file, this);
  }

  /** Every text decoded: the map itself, holding strings only from here on. */
  private decoded(): Map<string, string> {
    for (const file of this.texts.keys()) this.get(file);
    return this.texts as Map<string, string>;
  }
}
