import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { EmitContext, OutputSink, StagedFile } from '../src/emit/emitter.js';

/**
 * An OutputSink that keeps written files in memory (and files written by a stream in a temp
 * folder), so emitters are tested without `licat build`.
 */
export class MemorySink implements OutputSink {
  readonly files = new Map<string, Uint8Array>();
  private readonly streamDir = mkdtempSync(path.join(tmpdir(), 'licat-sink-'));

  async write(rel: string, data: string | Uint8Array): Promise<void> {
    checkRel(rel);
    if (this.files.has(rel)) throw new Error(`written twice: ${rel}`);
    this.files.set(rel, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }

  stage(rel: string, data: string | Uint8Array): StagedFile {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const record = { path: rel, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    return { record, done: this.write(rel, bytes) };
  }

  async streamPath(rel: string): Promise<string> {
    checkRel(rel);
    const abs = path.join(this.streamDir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    return abs;
  }

  async added(rel: string): Promise<void> {
    this.files.set(rel, readFileSync(path.join(this.streamDir, rel)));
  }

  text(rel: string): string {
    const bytes = this.files.get(rel);
    if (!bytes) throw new Error(`not written: ${rel}`);
    return new TextDecoder().decode(bytes);
  }

  json(rel: string): any {
    return JSON.parse(this.text(rel));
  }

  bytes(rel: string): Uint8Array {
    const bytes = this.files.get(rel);
    if (!bytes) throw new Error(`not written: ${rel}`);
    return bytes;
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }
}

function checkRel(rel: string): void {
  if (rel.startsWith('/') || rel.split('/').some((part) => part === '..' || part === '' || part === '.')) {
    throw new Error(`bad output path: ${rel}`);
  }
}

/** A build context around a MemorySink that records what the emitter logs. */
export function memoryContext(options: Record<string, unknown> = {}, cacheDir?: string) {
  const out = new MemorySink();
  const logs: string[] = [];
  const context: EmitContext = { out, lang: 'zh', options, cacheDir, log: (message) => logs.push(message) };
  return { out, logs, context };
}
