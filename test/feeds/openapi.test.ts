import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitOutput } from '../../src/emit/build.js';
import { feedsEmitter } from '../../src/emit/feeds/feeds-emitter.js';
import { tempDir } from '../helpers.js';
import { checkInline } from '../inline.js';
import { FIXTURE } from './fixture.js';

let work: string;
let plain: string;
let based: string;
const BASE = 'https://data.example.gov.cn/licat';

beforeAll(async () => {
  work = tempDir('licat-openapi-');
  plain = path.join(work, 'plain');
  based = path.join(work, 'based');
  const { catalog } = checkInline(FIXTURE);
  await emitOutput(catalog, { out: plain, emitters: [feedsEmitter], lang: 'en' }).done;
  await emitOutput(catalog, { out: based, emitters: [feedsEmitter], lang: 'en', options: { baseUrl: BASE } }).done;
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = (dir: string, rel: string) => JSON.parse(readFileSync(path.join(dir, rel), 'utf8'));

/** Type-check `files` (name → text) with the TypeScript compiler; returns the diagnostics. */
function typeCheck(dir: string, files: Record<string, string>): string[] {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const program = ts.createProgram(
    Object.keys(files).map((f) => path.join(dir, f)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      resolveJsonModule: true,
      skipLibCheck: true,
    },
  );
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (checked by @seriousme/openapi-schema-validator) with a GET path per file kind', async () => {
    for (const dir of [plain, based]) {
      const doc = read(dir, 'openapi.json');
      const result = await new Validator().validate(doc);
      expect(result.errors ?? [], dir).toEqual([]);
      expect(result.valid).toBe(true);
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/feeds/halls/{region}.json',
          '/feeds/items/{code}.json',
          '/feeds/tiers/{tier}.json',
          '/changes.json',
          '/manifest.json',
          '/codes/labels.json',
        ]),
      );
    }
    expect(read(based, 'openapi.json').servers).toEqual([{ url: BASE }]);
  });

  it('generates a client type with openapi-typescript that real feeds type-check against, and wrong ones do not', async () => {
    const types = astToString(await openapiTS(read(plain, 'openapi.json')));
    const hall = read(plain, 'feeds/halls/440106001001.json');
    const changes = read(plain, 'changes.json');
    const client = [
      "import type { paths } from './api.js';",
      "type Hall = paths['/feeds/halls/{region}.json']['get']['responses'][200]['content']['application/json'];",
      "type Changes = paths['/changes.json']['get']['responses'][200]['content']['application/json'];",
      `export const hall: Hall = ${JSON.stringify(hall)};`,
      `export const changes: Changes = ${JSON.stringify(changes)};`,
      "export const role: 'decides' | 'accepts' = hall.offers[0]!.role;",
      '',
    ].join('\n');
    expect(typeCheck(path.join(work, 'client-ok'), { 'api.d.ts': types, 'client.ts': client })).toEqual([]);
    const wrong = client.replace('"role":"accepts"', '"role":"maybe"');
    expect(wrong).not.toBe(client);
    expect(typeCheck(path.join(work, 'client-bad'), { 'api.d.ts': types, 'client.ts': wrong }).length).toBeGreaterThan(0);
  }, 120_000);
});

describe('--base-url', () => {
  it('puts the $id of every schema and the $schema of every file under the base URL; without it both are relative', () => {
    expect(read(based, 'schemas/hall-feed.schema.json').$id).toBe(`${BASE}/schemas/hall-feed.schema.json`);
    expect(read(based, 'feeds/halls/440106.json').$schema).toBe(`${BASE}/schemas/hall-feed.schema.json`);
    expect(read(based, 'manifest.json').$schema).toBe(`${BASE}/schemas/manifest.schema.json`);
    expect(read(plain, 'schemas/hall-feed.schema.json').$id).toBe('hall-feed.schema.json');
    expect(read(plain, 'feeds/halls/440106.json').$schema).toBe('../../schemas/hall-feed.schema.json');
    expect(read(plain, 'manifest.json').$schema).toBe('schemas/manifest.schema.json');
    const text = readFileSync(path.join(plain, 'feeds/halls/440106.json'), 'utf8');
    expect(text).not.toContain('licat.example');
  });
});
