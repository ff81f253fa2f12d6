#!/usr/bin/env node
// Generate catalog/departments.yaml from the region tree catalog/regions/guangdong.csv.
//
// How to rerun (after scripts/extract-regions.mjs has written the region tree):
//
//   node scripts/make-departments.mjs [REGIONS_CSV] [OUTPUT_YAML]
//
//   REGIONS_CSV  default: catalog/regions/guangdong.csv of this repository
//   OUTPUT_YAML  default: catalog/departments.yaml of this repository
//
// Output: the department kinds, then per kind and region code the implementing body
// (name, unified social credit code, sample: true). Every kind except town-gov has a body for
// the province, every city and every county; town-gov has one body per town whose name ends
// with 镇, 乡 (… 人民政府) or 街道 (… 办事处). Other town-level units (farms, forest farms,
// development zones, prisons: codes 4xx/5xx) get no town-gov body and are listed under absent:.
//
// Credit codes are deterministic SAMPLE codes (the real ones are unknown):
//   "11" + the first 6 digits of the region code + 9 characters from sha256("kind:regionCode")
//   written in base 31 over the GB 32100 alphabet + the GB 32100 check character.
// The script asserts the check algorithm against real codes, that every code passes the check
// and that every code is unique. Uses only Node built-ins; running it twice gives identical bytes.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { parseCsvLine } from './lib/csv.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
const regionsFile = resolve(process.argv[2] || join(repoRoot, 'catalog', 'regions', 'guangdong.csv'));
const outFile = resolve(process.argv[3] || join(repoRoot, 'catalog', 'departments.yaml'));

// ---------------------------------------------------------------------------------------------
// GB 32100-2015 unified social credit code

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function checkChar(first17) {
  assert.equal(first17.length, 17);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    assert.ok(v >= 0, `character ${first17[i]} is not in the GB 32100 alphabet`);
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

function isValidUscc(code) {
  return typeof code === 'string' && code.length === 18 && [...code].every((c) => ALPHABET.includes(c)) && checkChar(code.slice(0, 17)) === code[17];
}

for (const real of ['11440100007482575H', '11440000MB2D0164XH', '114403006939513773', '114507210081153718']) {
  assert.ok(isValidUscc(real), `GB 32100 check fails on the real code ${real}`);
}
assert.ok(!isValidUscc('11440100007482575J'), 'GB 32100 check accepts a wrong check character');

function sampleUscc(kind, regionCode) {
  const digest = createHash('sha256').update(`${kind}:${regionCode}`, 'utf8').digest('hex');
  let n = BigInt(`0x${digest}`);
  let id = '';
  for (let i = 0; i < 9; i++) {
    id += ALPHABET[Number(n % 31n)];
    n /= 31n;
  }
  const first17 = `11${regionCode.slice(0, 6)}${id}`;
  return first17 + checkChar(first17);
}

// ---------------------------------------------------------------------------------------------
// Department kinds. province: the real provincial body names (厅/委员会 where real).

const KINDS = [
  ['market', '市场监督管理局', 'Administration for Market Regulation', '广东省市场监督管理局'],
  ['health', '卫生健康局', 'Health Commission', '广东省卫生健康委员会'],
  ['housing', '住房和城乡建设局', 'Housing and Urban-Rural Development', '广东省住房和城乡建设厅'],
  ['transport', '交通运输局', 'Transport', '广东省交通运输厅'],
  ['culture', '文化广电旅游体育局', 'Culture, Radio, Television, Tourism and Sports', '广东省文化和旅游厅'],
  ['hrss', '人力资源和社会保障局', 'Human Resources and Social Security', '广东省人力资源和社会保障厅'],
  ['education', '教育局', 'Education', '广东省教育厅'],
  ['ecology', '生态环境局', 'Ecology and Environment', '广东省生态环境厅'],
  ['water', '水务局', 'Water Affairs', '广东省水利厅'],
  ['natres', '自然资源局', 'Natural Resources', '广东省自然资源厅'],
  ['agri', '农业农村局', 'Agriculture and Rural Affairs', '广东省农业农村厅'],
  ['forestry', '林业局', 'Forestry', '广东省林业局'],
  ['emergency', '应急管理局', 'Emergency Management', '广东省应急管理厅'],
  ['publicsec', '公安局', 'Public Security', '广东省公安厅'],
  ['civil', '民政局', 'Civil Affairs', '广东省民政厅'],
  ['town-gov', '镇人民政府（街道办事处）', 'Town Government or Sub-district Office', null],
].map(([key, name, nameEn, province]) => ({ key, name, nameEn, province }));

// ---------------------------------------------------------------------------------------------
// Regions

const lines = readFileSync(regionsFile, 'utf8')
  .replace(/^\uFEFF/, '')
  .split(/\r?\n/)
  .filter((l) => l !== '');
assert.equal(lines[0], 'code,name,tier,parent', `${regionsFile}: unexpected header`);
const regions = new Map();
for (const line of lines.slice(1)) {
  const [code, name, tier, parent] = parseCsvLine(line);
  assert.ok(!regions.has(code), `duplicate region code ${code}`);
  regions.set(code, { code, name, tier, parent });
}
const byTier = (tier) => [...regions.values()].filter((r) => r.tier === tier).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const provinces = byTier('province');
assert.equal(provinces.length, 1, 'expected exactly one province');
const province = provinces[0];
const cities = byTier('city');
const counties = byTier('county');
const towns = byTier('town');

const cityOf = (r) => {
  let p = regions.get(r.parent);
  while (p && p.tier !== 'city') p = regions.get(p.parent);
  assert.ok(p, `${r.code}: no city above it`);
  return p;
};

/** Name of a county-level area as used in body names: districts carry their city's name. */
function countyDisplayName(county) {
  return county.name.endsWith('区') ? cityOf(county).name + county.name : county.name;
}

/** Short name of a county-level area for a city body's branch (分局): 天河区 -> 天河, 乳源瑶族自治县 -> 乳源. */
function countyShortName(name) {
  // Autonomous counties drop the ethnic names (one-character ones in Guangdong: 瑶族, 壮族).
  let s = name.replace(/(?:[\u4e00-\u9fff]族)*自治县$/, '');
  if (s === name && s.length > 2 && /[区县市]$/.test(s)) s = s.slice(0, -1);
  assert.ok(s.length >= 2, `cannot shorten the county name ${name}`);
  return s;
}

function bodyName(kind, region) {
  switch (region.tier) {
    case 'province':
      return kind.province;
    case 'city':
      return region.name + kind.name;
    case 'county':
      if (kind.key === 'ecology') return `${cityOf(region).name}${kind.name}${countyShortName(region.name)}分局`;
      return countyDisplayName(region) + kind.name;
    default:
      throw new Error(`no ${kind.key} body at tier ${region.tier}`);
  }
}

function townGovName(town) {
  const parent = regions.get(town.parent);
  const prefix = parent.tier === 'city' ? parent.name : countyDisplayName(parent);
  if (/[镇乡]$/.test(town.name)) return `${prefix}${town.name}人民政府`;
  if (town.name.endsWith('街道')) return `${prefix}${town.name}办事处`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// YAML output (written by hand to keep the script dependency-free and the layout fixed)

const RESERVED = /^(?:true|false|null|~|yes|no|on|off|y|n)$/i;
function scalar(value, forceQuote = false) {
  const s = String(value);
  const plain = !forceQuote && s !== '' && !RESERVED.test(s) && !/^[-+.]?\d/.test(s) && !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/[,[\]{}#:"\\]|\s$/.test(s);
  return plain ? s : JSON.stringify(s);
}

const usccSeen = new Map();
const nameSeen = new Map();
const skippedTowns = [];
const counts = {};

const out = [];
out.push('# yaml-language-server: $schema=../schemas/departments.schema.json');
out.push('#');
out.push('# GENERATED by scripts/make-departments.mjs from catalog/regions/guangdong.csv; do not edit by hand.');
out.push('# Rerun: node scripts/make-departments.mjs');
out.push('#');
out.push('# The credit codes (uscc) are deterministic SAMPLE codes: the real codes of these bodies are unknown.');
out.push('# Each is "11" + the 6-digit division code of the body\'s region + a 9-character subject id derived');
out.push('# from sha256("kind:regionCode") + the GB 32100 check character, so each passes the GB 32100 check.');
out.push("# Every body is marked sample: true. Replace a body's uscc with the real code and drop sample when known.");
out.push('kinds:');
for (const k of KINDS) out.push(`  ${k.key}: { name: ${scalar(k.name)}, nameEn: ${scalar(k.nameEn)} }`);
out.push('bodies:');
for (const kind of KINDS) {
  out.push(`  ${kind.key}:`);
  const entries = [];
  if (kind.key === 'town-gov') {
    for (const t of towns) {
      const name = townGovName(t);
      if (name === null) {
        skippedTowns.push(t);
        continue;
      }
      entries.push([t.code, name]);
    }
  } else {
    for (const r of [province, ...cities, ...counties]) entries.push([r.code, bodyName(kind, r)]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [code, name] of entries) {
    const uscc = sampleUscc(kind.key, code);
    assert.ok(isValidUscc(uscc), `generated code ${uscc} fails the GB 32100 check`);
    assert.ok(!usccSeen.has(uscc), `duplicate credit code ${uscc} (${kind.key}:${code} and ${usccSeen.get(uscc)})`);
    usccSeen.set(uscc, `${kind.key}:${code}`);
    assert.ok(!nameSeen.has(name), `duplicate body name ${name} (${kind.key}:${code} and ${nameSeen.get(name)})`);
    nameSeen.set(name, `${kind.key}:${code}`);
    out.push(`    ${JSON.stringify(code)}: { name: ${scalar(name)}, uscc: ${scalar(uscc, true)}, sample: true }`);
  }
  counts[kind.key] = entries.length;
}

// Regions that have no body of a kind, with the reason: items of that kind are not implemented
// there, and licat does not ask for a body.
out.push('absent:');
out.push('  town-gov:');
for (const t of skippedTowns) {
  out.push(`    ${JSON.stringify(t.code)}: ${scalar(`${t.name}：非镇、乡、街道的镇级统计单位，不设镇人民政府（街道办事处）`)}`);
}

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, out.join('\n') + '\n', 'utf8');

console.log(`wrote ${relative(process.cwd(), outFile) || outFile}: ${usccSeen.size} bodies of ${KINDS.length} kinds`);
console.log(
  `  ${Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
if (skippedTowns.length) {
  console.log(
    `  no town-gov body for ${skippedTowns.length} town-level units not named 镇/乡/街道, e.g. ` +
      skippedTowns
        .slice(0, 3)
        .map((t) => `${t.code} ${t.name}`)
        .join(', '),
  );
}
