import type { Catalog } from '../../model/catalog.js';
import type { Expansion } from '../../model/expand.js';
import { type Tier } from '../../schema/common.js';
import { TIER_NAMES } from '../../schema/vocabulary.js';
import type { Item } from '../../schema/item.js';
import {
  CROSS_REGION_NAMES,
  HANDLING_FORM_NAMES,
  HANDLING_KIND_NAMES,
  MATERIAL_FORM_NAMES,
  MATERIAL_SOURCE_NAMES,
  NECESSITY_NAMES,
  RESULT_TYPE_NAMES,
  departmentName,
  durationText,
  itemTypeName,
  onlineDepthName,
  serviceObjectNames,
  tierNames,
  visitsText,
} from '../labels.js';

/** One hall with local facts (a hall file) that offers the item. */
export interface GuideHall {
  name: string;
  region: string;
  role: string;
  address: string | undefined;
  hours: string | undefined;
  phone: string | undefined;
  complaintPhone: string | undefined;
  window: string | undefined;
  promised: string | undefined;
  note: string | undefined;
}

/**
 * What templates/guide.html.hbs shows. Plain strings from the catalog: the template escapes
 * them (it has no triple-stash); only `flowchart.svg`, checked by the SVG safety check, is
 * passed as markup.
 */
export interface GuideModel {
  code: string;
  name: string;
  catalogName: string;
  catalogVersion: string;
  facts: Array<{ label: string; value: string }>;
  conditions: string[];
  materials: Array<{
    index: number;
    name: string;
    necessity: string;
    condition: string | undefined;
    forms: string;
    copies: string;
    source: string;
    note: string | undefined;
  }>;
  steps: Array<{ index: number; name: string; who: string; limit: string; next: string }>;
  special: Array<{ name: string; limit: string; note: string | undefined }>;
  timeLimit: { statutory: string; promised: string; note: string | undefined; kind: string };
  fees: Array<{ name: string; standard: string | undefined; basis: string | undefined; waivable: string }>;
  result: { name: string; type: string; eLicense: string };
  where: {
    tiers: string;
    accepted: string | undefined;
    halls: GuideHall[];
    /** Set in the guide of one hall (hall-guide.ts): that hall, its role and the deciding body. */
    forHall?: { name: string; summary: string; body: string; uscc: string };
    /** Set in the portal preview, whose script fills section 八 for the chosen hall. */
    placeholder?: boolean;
  };
  handling: { visits: string; onlineDepth: string; mobile: string; forms: string; crossRegion: string };
  criteria: Array<{ subject: string; step: string | undefined; lines: string[] }>;
  legalBasis: Array<{ title: string; article: string; text: string | undefined }>;
}

/** The halls with a hall file that offer each item, from the expansion (only those halls are expanded). */
export function hallsByItem(catalog: Catalog, expansion: Expansion): Map<string, GuideHall[]> {
  const byItem = new Map<string, GuideHall[]>();
  for (const [regionCode, entry] of [...expansion.hallFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const region = catalog.regionByCode.get(regionCode);
    if (!region) continue;
    const hall = entry.hall;
    for (const offer of expansion.expandHall(region).offers) {
      const code = offer.entry.item.code;
      const list = byItem.get(code) ?? [];
      list.push({
        name: hall.name,
        region: region.name,
        role: offer.role === 'decides' ? '受理并决定' : `受理后转报${offer.body.name}`,
        address: hall.address,
        hours: hall.hours,
        phone: hall.phone,
        complaintPhone: hall.complaintPhone,
        window: offer.local?.window,
        promised: offer.local?.promised ? durationText(offer.local.promised) : undefined,
        note: offer.local?.note,
      });
      byItem.set(code, list);
    }
  }
  return byItem;
}

/** The service guide's content for one item. */
export function guideModel(catalog: Catalog, item: Item, halls: GuideHall[]): GuideModel {
  const kinds = catalog.departments?.kinds;
  const stepName = new Map(item.process.steps.map((s) => [s.id, s.name]));
  const facts = [
    { label: '基本编码', value: item.code },
    { label: '事项类型', value: itemTypeName(item.type) },
    { label: '主管部门', value: departmentName(kinds, item.department) },
    { label: '行使层级', value: tierNames(item.levels) },
    { label: '服务对象', value: serviceObjectNames(item.serviceObjects) },
    { label: '办件类型', value: HANDLING_KIND_NAMES[item.handling.kind] },
  ];
  if (item.handlingItems?.length) {
    facts.push({ label: '业务办理项', value: item.handlingItems.map((h) => `${h.suffix} ${h.name}`).join('；') });
  }
  return {
    code: item.code,
    name: item.name,
    catalogName: catalog.meta?.name ?? '',
    catalogVersion: catalog.meta?.version ?? '',
    facts,
    conditions: item.conditions,
    materials: item.materials.map((m, i) => ({
      index: i + 1,
      name: m.name,
      necessity: NECESSITY_NAMES[m.necessity],
      condition: m.condition,
      forms: m.forms.map((f) => MATERIAL_FORM_NAMES[f]).join('、'),
      copies: m.forms.includes('paper') && m.copies !== undefined ? `${m.copies} 份` : '—',
      source: m.eLicense ? `${MATERIAL_SOURCE_NAMES[m.source]}（电子证照库调取，无需提交）` : MATERIAL_SOURCE_NAMES[m.source],
      note: m.note,
    })),
    steps: item.process.steps.map((s, i) => ({
      index: i + 1,
      name: s.name,
      who: [s.office, s.role].filter(Boolean).join('／') || '—',
      limit: s.limit ? durationText(s.limit) : '—',
      next: s.branches
        ? Object.entries(s.branches)
            .map(([label, id]) => `${label}：${stepName.get(id) ?? id}`)
            .join('；')
        : (s.next ?? []).map((id) => stepName.get(id) ?? id).join('、') || '办结',
    })),
    special: (item.process.special ?? []).map((s) => ({ name: s.name, limit: durationText(s.limit), note: s.note })),
    timeLimit: {
      statutory: durationText(item.timeLimit.statutory),
      promised: durationText(item.timeLimit.promised),
      note: item.timeLimit.note,
      kind: HANDLING_KIND_NAMES[item.handling.kind],
    },
    fees: item.fees.map((f) => ({ name: f.name, standard: f.standard, basis: f.basis, waivable: f.waivable ? '可依法减免' : '' })),
    result: { name: item.result.name, type: RESULT_TYPE_NAMES[item.result.type], eLicense: item.result.eLicense ? '同步生成电子证照' : '' },
    where: {
      tiers: hallTiers(item.levels),
      accepted: item.acceptedAt?.length ? hallTiers(item.acceptedAt) : undefined,
      halls,
    },
    handling: {
      visits: visitsText(item.handling),
      onlineDepth: onlineDepthName(item.handling.onlineDepth),
      mobile: item.handling.mobile ? '支持' : '不支持',
      forms: item.handling.forms.map((f) => HANDLING_FORM_NAMES[f]).join('、'),
      crossRegion: CROSS_REGION_NAMES[item.handling.crossRegion],
    },
    criteria: (item.criteria ?? []).map((c) => ({
      subject: c.subject,
      step: c.step ? stepName.get(c.step) : undefined,
      lines: c.rule !== undefined ? [c.rule] : (c.ranges ?? []).map((r) => `${rangeText(r.min, r.max, r.unit)}：${r.outcome}`),
    })),
    legalBasis: item.legalBasis.map((b) => ({ title: b.title, article: b.article, text: b.text })),
  };
}

function hallTiers(tiers: readonly Tier[]): string {
  return tiers.map((t) => `${TIER_NAMES[t]}政务服务中心`).join('、');
}

function rangeText(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return `${min} ${unit}（含）至 ${max} ${unit}（不含）`;
  if (min !== undefined) return `${min} ${unit}及以上`;
  if (max !== undefined) return `不足 ${max} ${unit}`;
  return '任何数值';
}
