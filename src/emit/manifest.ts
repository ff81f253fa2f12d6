import { FEED_SCHEMA_FILES, FEED_VERSION, schemaUrl, type Manifest } from '../schema/feeds.js';
import type { CatalogRef } from './feeds/feed-paths.js';
import type { FileRecord } from './output-sink.js';

export const MANIFEST = 'manifest.json';

/**
 * The manifest of one build: catalog id and version, the artifact kinds built, and every other
 * file of the output with its size and sha256, sorted by path. Pure.
 */
export function buildManifest(catalog: CatalogRef, artifacts: readonly string[], files: readonly FileRecord[], buildTime?: string): Manifest {
  return {
    $schema: schemaUrl(FEED_SCHEMA_FILES.manifest),
    version: FEED_VERSION,
    catalog,
    ...(buildTime !== undefined && { buildTime }),
    artifacts: [...artifacts],
    files: [...files]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
  };
}

/** Manifest text: indented for people, with a final newline. */
export function manifestText(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}
