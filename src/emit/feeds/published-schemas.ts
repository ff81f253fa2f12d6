import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FEED_SCHEMA_FILES, type FeedKind } from '../../schema/feeds.js';
import { PUBLISHED_SCHEMAS } from './feed-validator.js';
import { SCHEMAS_DIR } from './feed-paths.js';

/** The component name of each file kind in `openapi.json`. */
const COMPONENTS: Record<FeedKind, string> = {
  index: 'FeedIndex',
  hallIndex: 'HallIndexPage',
  itemIndex: 'ItemIndexPage',
  hall: 'HallFeed',
  item: 'ItemFeed',
  tier: 'TierBundle',
  labels: 'CodeLabels',
  departments: 'DepartmentCodes',
  regions: 'RegionCodes',
  changes: 'Changes',
  manifest: 'Manifest',
  manifestPage: 'ManifestPage',
};

/** Every GET path of the static API: the path template, its parameter, the file kind, a summary. */
const PATHS: ReadonlyArray<{ path: string; param?: { name: string; pattern: string; description: string }; kind: FeedKind; summary: string }> = [
  { path: '/manifest.json', kind: 'manifest', summary: 'Root manifest: catalog, artifacts and the manifest pages with their sha256' },
  {
    path: '/manifest/{page}.json',
    param: { name: 'page', pattern: '^[A-Za-z0-9_-]+$', description: 'page name, as listed in manifest.json' },
    kind: 'manifestPage',
    summary: 'One manifest page: files with size and sha256',
  },
  { path: '/changes.json', kind: 'changes', summary: 'Change records against the previous build' },
  { path: '/feeds/index.json', kind: 'index', summary: 'Root index: catalog version, counts and the index pages' },
  {
    path: '/feeds/index/halls/{city}.json',
    param: { name: 'city', pattern: '^\\d{6}$', description: 'city region code (the province code for the province hall)' },
    kind: 'hallIndex',
    summary: 'Halls of one city',
  },
  {
    path: '/feeds/index/items/{department}.json',
    param: { name: 'department', pattern: '^[a-z][a-z0-9-]*$', description: 'department kind' },
    kind: 'itemIndex',
    summary: 'Items of one department kind',
  },
  {
    path: '/feeds/halls/{region}.json',
    param: { name: 'region', pattern: '^(\\d{6}|\\d{9}|\\d{12})$', description: 'region code of the hall' },
    kind: 'hall',
    summary: 'One hall and the items it offers',
  },
  {
    path: '/feeds/items/{code}.json',
    param: { name: 'code', pattern: '^\\d{12}$', description: 'basic code of the item' },
    kind: 'item',
    summary: 'One item with all its elements',
  },
  {
    path: '/feeds/tiers/{tier}.json',
    param: { name: 'tier', pattern: '^(province|city|county|town|village)$', description: 'hall tier' },
    kind: 'tier',
    summary: 'Every item offered at a tier, in full',
  },
  { path: '/codes/labels.json', kind: 'labels', summary: 'Every code list with Chinese and English labels' },
  { path: '/codes/departments.json', kind: 'departments', summary: 'Department kinds and their bodies per region' },
  { path: '/codes/regions.json', kind: 'regions', summary: 'Region tree down to the counties' },
  {
    path: '/codes/regions/{city}.json',
    param: { name: 'city', pattern: '^\\d{6}$', description: 'city region code' },
    kind: 'regions',
    summary: 'Towns and villages of one city',
  },
];

/**
 * The JSON Schemas of the output for `dist/schemas/`: the published ones (`schemas/`), with their
 * `$id` under `baseUrl` (`<baseUrl>/schemas/<file>`) or, without one, the bare file name, so that
 * the output folder validates offline. Returns output path and text of each.
 */
export function outputSchemas(baseUrl?: string, schemaDir: string = PUBLISHED_SCHEMAS): Array<[string, string]> {
  return (Object.entries(FEED_SCHEMA_FILES) as Array<[FeedKind, string]>).map(([, file]) => {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as Record<string, unknown>;
    schema.$id = baseUrl ? `${baseUrl.replace(/\/+$/, '')}/${SCHEMAS_DIR}/${file}` : file;
    return [`${SCHEMAS_DIR}/${file}`, JSON.stringify(schema, null, 2) + '\n'];
  });
}

/**
 * `openapi.json`: OpenAPI 3.1 of the static feed API, one GET path per file kind, every schema
 * as a component (references inside a schema rewritten to point into its component).
 */
export function openApiDocument(catalog: { id: string; version: string }, baseUrl?: string, schemaDir: string = PUBLISHED_SCHEMAS): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const [kind, file] of Object.entries(FEED_SCHEMA_FILES) as Array<[FeedKind, string]>) {
    const { $id: _id, $schema: _schema, ...schema } = JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as Record<string, unknown>;
    schemas[COMPONENTS[kind]] = JSON.parse(JSON.stringify(schema).replace(/"#\/\$defs\//g, `"#/components/schemas/${COMPONENTS[kind]}/$defs/`)) as unknown;
  }
  const paths: Record<string, unknown> = {};
  for (const p of PATHS) {
    paths[p.path] = {
      get: {
        operationId: `get${COMPONENTS[p.kind]}${p.path.includes('/regions/') ? 'Page' : ''}`,
        summary: p.summary,
        ...(p.param && {
          parameters: [
            { name: p.param.name, in: 'path', required: true, description: p.param.description, schema: { type: 'string', pattern: p.param.pattern } },
          ],
        }),
        responses: {
          '200': { description: p.summary, content: { 'application/json': { schema: { $ref: `#/components/schemas/${COMPONENTS[p.kind]}` } } } },
          '404': { description: 'No such file in this build' },
        },
      },
    };
  }
  paths['/catalog.sqlite'] = {
    get: {
      operationId: 'getCatalogDatabase',
      summary: 'The whole catalog as an SQLite database (when the database artifact was built)',
      responses: {
        '200': { description: 'SQLite 3 database file', content: { 'application/vnd.sqlite3': { schema: { type: 'string', contentEncoding: 'binary' } } } },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: `licat feeds: ${catalog.id}`,
      version: '2',
      description:
        'Static JSON feeds of a licensing standards catalog, as written by licat build: every path is a file of the output folder. See docs/feeds.md.',
    },
    servers: [{ url: baseUrl ? baseUrl.replace(/\/+$/, '') : '/' }],
    paths,
    components: { schemas },
  };
}
