import type { EmitContext, OutputSink } from '../../src/emit/emitter.js';

/** An OutputSink that keeps files in memory, for emitter tests without a disk. */
export class MemorySink implements OutputSink {
  readonly files = new Map<string, string>();
  async write(rel: string, data: string | Uint8Array): Promise<void> {
    if (this.files.has(rel)) throw new Error(`${rel} written twice`);
    this.files.set(rel, typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
  }
  async streamPath(): Promise<string> {
    throw new Error('not supported in memory');
  }
  async added(): Promise<void> {
    throw new Error('not supported in memory');
  }
  json(rel: string): any {
    const text = this.files.get(rel);
    if (text === undefined) throw new Error(`${rel} was not written`);
    return JSON.parse(text);
  }
}

export function memoryContext(out: OutputSink, options: Record<string, unknown> = {}): EmitContext {
  return { out, lang: 'en', options, log() {}, cacheDir: undefined };
}
