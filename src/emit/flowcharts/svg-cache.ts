import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheKey, sealText, unsealText } from '../../load/cache-seal.js';

/**
 * Rendered SVGs kept between builds, one file per key, so an unchanged flowchart is never
 * rendered twice. Without a cache folder it holds nothing.
 */
export class SvgCache {
  /** Folders this cache has made, so that each is made once per build, not once per SVG. */
  private readonly made = new Set<string>();

  constructor(private readonly dir: string | undefined) {}

  /**
   * The key of one rendering: sha256 of everything that decides the SVG's bytes: the SVG's id
   * (it names the SVG and prefixes its styles and markers, so that two items with the same
   * process never share an SVG), the source, mermaid's version, the patches applied to it in the
   * page and the render settings.
   * @example SvgCache.key({ id: 'flowchart-440101001000', source, mermaidVersion: '11.17.2', patches: ['assignWithDepth'], config: RENDER_CONFIG })
   */
  static key(rendering: { id: string; source: string; mermaidVersion: string; patches: readonly string[]; config: unknown }): string {
    const { id, source, mermaidVersion, patches, config } = rendering;
    return createHash('sha256')
      .update(JSON.stringify({ id, source, mermaidVersion, patches, config, format: 2 }))
      .digest('hex');
  }

  /**
   * The SVG kept under `key`, if its file is sealed by the user's private key for this very key
   * (load/cache-seal.ts): an SVG edited or planted in the cache folder is never published.
   */
  async get(key: string): Promise<string | undefined> {
    const seal = this.dir ? cacheKey() : undefined;
    if (!this.dir || !seal) return undefined;
    const text = await readFile(this.file(key), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : unsealText(seal, 'svg', key, text);
  }

  /** Keep an SVG. Best effort: a cache that cannot be written (read-only, full) only costs time. */
  async set(key: string, svg: string): Promise<void> {
    const seal = this.dir ? cacheKey() : undefined;
    if (!this.dir || !seal) return;
    const file = this.file(key);
    // Write then rename, so a build killed half-way never leaves half an SVG in the cache.
    const temp = `${file}.${process.pid}.tmp`;
    try {
      const folder = path.dirname(file);
      if (!this.made.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.made.add(folder);
      }
      await writeFile(temp, sealText(seal, 'svg', key, svg), { mode: 0o600 });
      await rename(temp, file);
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  private file(key: string): string {
    return path.join(this.dir ?? '', 'flowcharts', key.slice(0, 2), `${key}.svg`);
  }
}
