import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { emitOutput } from '../../src/emit/build.js';
import { feedsEmitter } from '../../src/emit/feeds/feeds-emitter.js';
import { tempDir } from '../helpers.js';
import { checkInline } from '../inline.js';
import { FIXTURE } from './fixture.js';

/** Edits a later catalog may carry, each on top of the fixture; any subset can be applied. */
const EDITS: Array<[string, (files: Record<string, string | null>) => void]> = [
  [
    'a condition',
    (f) => void (f['items/food-business.yaml'] = f['items/food-business.yaml']!.replace(/^conditions:\n {2}- (.*)$/m, 'conditions:\n  - $1（另加一句）')),
  ],
  ['a name', (f) => void (f['items/homestead.yaml'] = f['items/homestead.yaml']!.replace('name: 农村村民宅基地审批', 'name: 农村宅基地审批'))],
  ['an item removed', (f) => void (f['items/province.yaml'] = null)],
  ['a hall file removed', (f) => void (f['halls/440106002.yaml'] = null)],
  ['hall facts', (f) => void (f['halls/440106.yaml'] = f['halls/440106.yaml']!.replace('020-12345', '020-54321'))],
  ['a village added', (f) => void (f['regions/test.csv'] = f['regions/test.csv']! + '440106001002,华南社区居委会,village,440106001\n')],
  ['a village removed', (f) => void (f['regions/test.csv'] = f['regions/test.csv']!.replace('441900003001,岗贝社区居民委员会,village,441900003\n', ''))],
  ['the version', (f) => void (f['catalog.yaml'] = catalogYaml('2'))],
  ['handling items', (f) => void (f['items/homestead.yaml'] = f['items/homestead.yaml']!.replace('  - { suffix: "02", name: 翻建 }\n', ''))],
  ['a body renamed', (f) => void (f['departments.yaml'] = f['departments.yaml']!.replace('广州市天河区市场监督管理局', '天河区市场监督管理局'))],
  ['levels', (f) => void (f['items/food-business.yaml'] = f['items/food-business.yaml']!.replace('acceptedAt: [town]', 'acceptedAt: [town, village]'))],
];

function catalogYaml(version: string): string {
  return [
    'id: test',
    'name: 测试目录',
    'province: "44"',
    `version: "${version}"`,
    'tiers: [province, city, county, town, village]',
    'unified: [code, name, type, legalBasis, conditions, materials, process, timeLimit, fees, result]',
    '',
  ].join('\n');
}

function catalogWith(edits: readonly number[]) {
  const files: Record<string, string | null> = { ...FIXTURE, 'catalog.yaml': catalogYaml('1') };
  for (const i of edits) EDITS[i]![1](files);
  const { catalog, diagnostics } = checkInline(files);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.message)).toEqual([]);
  return catalog;
}

/** What a portal holds: items, halls (without offers) and offerings, as JSON texts by key. */
type State = Map<string, string>;

const read = (out: string, rel: string) => JSON.parse(readFileSync(path.join(out, rel), 'utf8'));
const hallPart = (feed: any) => JSON.stringify({ hall: feed.hall, items: feed.items, notOffered: feed.notOffered });

/** Read a build in full, from its index down. */
function fullRead(out: string): State {
  const state: State = new Map();
  const index = read(out, 'feeds/index.json');
  for (const page of index.items) for (const item of read(out, page.file).items) state.set(`item ${item.code}`, JSON.stringify(read(out, item.file).item));
  for (const page of index.halls) {
    for (const hall of read(out, page.file).halls) {
      const feed = read(out, hall.file);
      state.set(`hall ${hall.region}`, hallPart(feed));
      for (const offer of feed.offers) state.set(`offering ${hall.region}/${offer.code}`, JSON.stringify(offer));
    }
  }
  return state;
}

/** Apply one build's change records to `state`, fetching what they name from that build. */
function apply(out: string, state: State): void {
  const changes = read(out, 'changes.json');
  for (const { kind, key, operation } of changes.records) {
    const id = `${kind} ${key}`;
    if (operation === 'delete') {
      expect(state.has(id), `delete of ${id}, which the consumer does not hold`).toBe(true);
      state.delete(id);
      continue;
    }
    expect(state.has(id), `${operation} of ${id}`).toBe(operation === 'update');
    if (kind === 'item') state.set(id, JSON.stringify(read(out, `feeds/items/${key}.json`).item));
    else if (kind === 'hall') state.set(id, hallPart(read(out, `feeds/halls/${key}.json`)));
    else {
      const [region, code] = key.split('/');
      const offer = read(out, `feeds/halls/${region}.json`).offers.find((o: { code: string }) => o.code === code);
      state.set(id, JSON.stringify(offer));
    }
  }
}

const work = tempDir('licat-changes-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
let runs = 0;

describe('change records', () => {
  it('bring a consumer that starts from any build, applying each later build’s records, to the last build read in full', async () => {
    const builds = fc.array(fc.subarray(EDITS.map((_, i) => i)), { minLength: 2, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(builds, fc.nat(), fc.boolean(), async (catalogs, startAt, cached) => {
        const dir = path.join(work, String(runs++));
        const out = path.join(dir, 'dist');
        const start = startAt % (catalogs.length - 1);
        let state: State | undefined;
        for (const [k, edits] of catalogs.entries()) {
          await emitOutput(catalogWith(edits), { out, emitters: [feedsEmitter], lang: 'en', ...(cached && { cacheDir: path.join(dir, 'cache') }) }).done;
          if (k === 0) {
            const first = read(out, 'changes.json');
            expect(first.from).toBeNull();
            expect(first.records.every((r: { operation: string }) => r.operation === 'add')).toBe(true);
          }
          if (k === start) state = fullRead(out);
          else if (state) apply(out, state);
        }
        expect(state).toEqual(fullRead(out));
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it('write nothing but an item update when only an item’s condition changed', async () => {
    const out = path.join(work, 'one', 'dist');
    await emitOutput(catalogWith([]), { out, emitters: [feedsEmitter], lang: 'en' }).done;
    await emitOutput(catalogWith([0]), { out, emitters: [feedsEmitter], lang: 'en' }).done;
    expect(read(out, 'changes.json')).toMatchObject({ from: '1', to: '1', records: [{ kind: 'item', key: '440101001000', operation: 'update' }] });
  });

  it('compare with another folder given as `since`', async () => {
    const a = path.join(work, 'since', 'a');
    const b = path.join(work, 'since', 'b');
    await emitOutput(catalogWith([]), { out: a, emitters: [feedsEmitter], lang: 'en' }).done;
    await emitOutput(catalogWith([2, 7]), { out: b, emitters: [feedsEmitter], lang: 'en' }).done;
    await emitOutput(catalogWith([2, 7]), { out: b, emitters: [feedsEmitter], lang: 'en', options: { since: a } }).done;
    const changes = read(b, 'changes.json');
    expect(changes.from).toBe('1');
    expect(changes.to).toBe('2');
    expect(changes.records.filter((r: { kind: string }) => r.kind === 'item')).toEqual([{ kind: 'item', key: '440101005000', operation: 'delete' }]);
  });
});
