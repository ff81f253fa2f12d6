/**
 * Every coded value a feed file holds, as [code list, value] pairs: the lists are those of
 * `codes/labels.json`, plus `region` (codes/regions.json and its pages) and `body` (a deciding
 * body as `<region> <uscc>`, codes/departments.json). Written from the published shapes, not from
 * licat's code, so that a coded member added to a feed without a code list is caught here when it
 * is added to this walk.
 */
export function codedValues(feed: any): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (list: string, value: unknown) => {
    if (value !== undefined && value !== null) out.push([list, String(value)]);
  };
  const duration = (d: any) => d && add('timeUnit', d.unit);
  const item = (i: any) => {
    add('itemType', i.type);
    add('department', i.department);
    for (const t of i.levels ?? []) add('tier', t);
    for (const t of i.acceptedAt ?? []) add('tier', t);
    for (const s of i.serviceObjects ?? []) add('serviceObject', s);
    for (const m of i.materials ?? []) {
      add('necessity', m.necessity);
      add('materialSource', m.source);
      for (const f of m.forms ?? []) add('materialForm', f);
    }
    for (const s of i.process?.steps ?? []) duration(s.limit);
    for (const s of i.process?.special ?? []) duration(s.limit);
    duration(i.timeLimit?.statutory);
    duration(i.timeLimit?.promised);
    add('resultType', i.result?.type);
    add('handlingKind', i.handling?.kind);
    add('onlineDepth', i.handling?.onlineDepth);
    add('crossRegion', i.handling?.crossRegion);
    for (const f of i.handling?.forms ?? []) add('handlingForm', f);
  };
  if (feed.item) item(feed.item);
  if (feed.tier) add('tier', feed.tier);
  if (Array.isArray(feed.items) && feed.items[0]?.serviceObjects) for (const i of feed.items) item(i);
  if (feed.hall) {
    add('region', feed.hall.region);
    add('tier', feed.hall.tier);
    add('region', feed.hall.parent);
    for (const o of feed.offers ?? []) {
      add('role', o.role);
      add('region', o.body.region);
      add('tier', o.body.tier);
      add('body', `${o.body.region} ${o.body.uscc}`);
      add('tier', o.exercises);
      duration(o.localPromised);
    }
  }
  if (Array.isArray(feed.halls) && feed.city) {
    add('region', feed.city);
    for (const h of feed.halls) {
      add('region', h.region);
      add('tier', h.tier);
      add('region', h.parent);
    }
  }
  if (feed.department) {
    add('department', feed.department);
    for (const i of feed.items ?? []) {
      add('itemType', i.type);
      for (const t of [...(i.levels ?? []), ...(i.acceptedAt ?? [])]) add('tier', t);
    }
  }
  if (feed.tiers) for (const t of feed.tiers) add('tier', t.tier);
  return out;
}
