import { describe, expect, it } from 'vitest';
import { planExpansion, type ExpandedHall } from '../../src/model/expand.js';
import { implementationCodes } from '../../src/model/derive-implementation-code.js';
import { checkInline } from '../inline.js';
import { FIXTURE } from './fixture.js';

const result = checkInline(FIXTURE);
const expansion = planExpansion(result.catalog);
const halls = new Map<string, ExpandedHall>([...expansion.halls()].map((h) => [h.region.code, h]));

/** What a hall offers, as `code role decider power`. */
function offers(region: string): string[] {
  return halls.get(region)!.offers.map((o) => `${o.entry.item.code} ${o.role} ${o.decider.code} ${o.power}`);
}

describe('expansion over the region tree', () => {
  it('gives every region of every tier a hall, in code order', () => {
    expect([...halls.keys()]).toEqual([
      '440000',
      '440100',
      '440106',
      '440106001',
      '440106001001',
      '440106002',
      '440106002008',
      '441900',
      '441900003',
      '441900003001',
    ]);
  });

  it('has the county decide a county-level item and its towns accept it for the county body', () => {
    expect(offers('440106')).toEqual(['440101001000 decides 440106 county']);
    expect(offers('440106001')).toContain('440101001000 accepts 440106 county');
    const accepted = halls.get('440106001')!.offers.find((o) => o.entry.item.code === '440101001000')!;
    expect(accepted.body.name).toBe('广州市天河区市场监督管理局');
  });

  it('offers nothing at a tier that neither decides nor accepts', () => {
    expect(offers('440106001001').some((o) => o.startsWith('440101001000'))).toBe(false);
    expect(offers('440000')).toEqual(['440101005000 decides 440000 province']);
  });

  it('has a town decide a town-level item and its village accept it for the town body', () => {
    expect(offers('440106001')).toContain('440102010000 decides 440106001 town');
    expect(offers('440106001001')).toEqual(['440102010000 accepts 440106001 town']);
  });

  it('has a city accept a provincial item for the province body', () => {
    expect(offers('440100')).toEqual(['440101005000 accepts 440000 province']);
  });

  it('lets Dongguan, which has no county tier, exercise the county-level power as a city', () => {
    expect(offers('441900')).toEqual(['440101001000 decides 441900 county', '440101005000 accepts 440000 province']);
    expect(offers('441900003')).toEqual(['440101001000 accepts 441900 county', '440102010000 decides 441900003 town']);
    const decided = halls.get('441900')!.offers[0]!;
    expect(decided.body.name).toBe('东莞市市场监督管理局');
    // The city body acts, so its own level digit (3, 市级) goes into the implementation code.
    expect(implementationCodes(decided.body.uscc, decided.decider.tier, decided.entry.item)[0]!.code).toBe('11441900EQR80F3K293440101001000');
  });

  it('skips a deciding region without a body, and the halls below it, and reports it as body-missing', () => {
    expect(offers('440106002')).toEqual([]);
    expect(offers('440106002008')).toEqual([]);
    const finding = result.diagnostics.find((d) => d.rule === 'body-missing');
    expect(finding).toMatchObject({ severity: 'warning', file: 'catalog/items/homestead.yaml', path: '/levels/0' });
    expect(finding!.message.en).toContain('440106002 员村街道');
    expect(result.diagnostics.filter((d) => d.rule === 'body-missing')).toHaveLength(1);
  });

  it('takes an item a hall file lists as not offered off that hall only, keeping the reason', () => {
    const yuancun = halls.get('440106002')!;
    expect(yuancun.notOffered.map((n) => [n.entry.item.code, n.reason])).toEqual([
      ['440101001000', '本街道暂未设市场监管受理窗口，请到天河区政务服务中心办理。'],
    ]);
    expect(offers('440106001')).toContain('440101001000 accepts 440106 county');
  });

  it('carries the hall’s window and shorter local commitment onto the item', () => {
    const food = halls.get('440106')!.offers[0]!;
    expect(food.local).toEqual({ window: '市场监管专窗', promised: { value: 5, unit: 'working-day' } });
    expect(halls.get('440106')!.hall?.hall.address).toBe('广州市天河区天府路1号');
  });
});

describe('implementation codes', () => {
  it('are credit code + exercise-level digit + basic code (31 characters)', () => {
    const code = implementationCodes('11440100007482575H', 'city', { code: '440118009000' });
    expect(code).toEqual([{ code: '11440100007482575H3440118009000' }]);
    expect(code[0]!.code).toHaveLength(31);
  });

  it('get the 2-digit handling-item suffix, one code per handling item (33 characters)', () => {
    const town = halls.get('440106001')!.offers.find((o) => o.entry.item.code === '440102010000')!;
    const codes = implementationCodes(town.body.uscc, town.decider.tier, town.entry.item);
    expect(codes).toEqual([
      { code: '114401063MAJW3QH3E544010201000001', handlingItem: { suffix: '01', name: '新申请' } },
      { code: '114401063MAJW3QH3E544010201000002', handlingItem: { suffix: '02', name: '翻建' } },
    ]);
  });

  it('use the digit of each tier: province 2 … village 6', () => {
    const digits = (['province', 'city', 'county', 'town', 'village'] as const).map(
      (tier) => implementationCodes('11440000MB2D0164XH', tier, { code: '440101001000' })[0]!.code[18],
    );
    expect(digits).toEqual(['2', '3', '4', '5', '6']);
  });
});
