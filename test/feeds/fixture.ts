import { sampleItem } from '../inline.js';

/**
 * A small catalog with known answers for the expansion: Guangzhou with one district, two
 * sub-districts and a community each, and Dongguan (no county tier) with one sub-district and a
 * community. 员村街道 (440106002) has no town-gov body on purpose.
 */
export const FIXTURE: Record<string, string | null> = {
  'departments.yaml': [
    'kinds:',
    '  market: { name: 市场监督管理局 }',
    '  town-gov: { name: 镇人民政府（街道办事处） }',
    'bodies:',
    '  market:',
    '    "440000": { name: 广东省市场监督管理局, uscc: "114400002JLAE1W2GY" }',
    '    "440100": { name: 广州市市场监督管理局, uscc: "11440100G18TTHW73C" }',
    '    "440106": { name: 广州市天河区市场监督管理局, uscc: "11440106PGK86L058G" }',
    '    "441900": { name: 东莞市市场监督管理局, uscc: "11441900EQR80F3K29" }',
    '  town-gov:',
    '    "440106001": { name: 广州市天河区五山街道办事处, uscc: "114401063MAJW3QH3E" }',
    '    "441900003": { name: 东莞市东城街道办事处, uscc: "114419002B3AJ12W9J" }',
    '',
  ].join('\n'),
  'regions/test.csv': [
    'code,name,tier,parent',
    '440000,广东省,province,',
    '440100,广州市,city,440000',
    '440106,天河区,county,440100',
    '440106001,五山街道,town,440106',
    '440106001001,岳洲社区居委会,village,440106001',
    '440106002,员村街道,town,440106',
    '440106002008,新街社区居委会,village,440106002',
    '441900,东莞市,city,440000',
    '441900003,东城街道,town,441900',
    '441900003001,岗贝社区居民委员会,village,441900003',
    '',
  ].join('\n'),
  // Decided by county bodies, accepted at towns (the sample item as it is).
  'items/food-business.yaml': sampleItem(),
  // Decided by town governments, accepted at villages, with two handling items.
  'items/homestead.yaml': sampleItem()
    .replace('code: "440101001000"', 'code: "440102010000"')
    .replace('name: 食品经营许可', 'name: 农村村民宅基地审批')
    .replace('department: market', 'department: town-gov')
    .replace(
      'levels: [county]\nacceptedAt: [town]',
      'levels: [town]\nacceptedAt: [village]\nhandlingItems:\n  - { suffix: "01", name: 新申请 }\n  - { suffix: "02", name: 翻建 }',
    )
    .replace(/^criteria:[\s\S]*$/m, ''),
  // Decided by the province, accepted at city halls.
  'items/province.yaml': sampleItem()
    .replace('code: "440101001000"', 'code: "440101005000"')
    .replace('name: 食品经营许可', 'name: 特种设备安装改造修理许可')
    .replace('levels: [county]\nacceptedAt: [town]', 'levels: [province]\nacceptedAt: [city]')
    .replace(/^criteria:[\s\S]*$/m, ''),
  'halls/440106.yaml': [
    'region: "440106"',
    'name: 广州市天河区政务服务中心',
    'address: 广州市天河区天府路1号',
    'phone: "020-12345"',
    'windows: [综合受理窗口 1-24 号]',
    'items:',
    '  "440101001000": { window: 市场监管专窗, promised: { value: 5, unit: working-day } }',
    '',
  ].join('\n'),
  'halls/440106002.yaml': [
    'region: "440106002"',
    'name: 天河区员村街道政务服务中心',
    'notOffered:',
    '  - { code: "440101001000", reason: 本街道暂未设市场监管受理窗口，请到天河区政务服务中心办理。 }',
    '',
  ].join('\n'),
};
