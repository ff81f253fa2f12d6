import { parse, stringify } from 'yaml';
import type { Catalog } from '../../src/model/catalog.js';
import { checkCatalog } from '../../src/pipeline/check-catalog.js';
import { checkInline, sampleItem } from '../inline.js';
import { SAMPLE } from '../helpers.js';

/** Texts that try to break out of a Mermaid label, an HTML page or a spreadsheet cell. */
export const HOSTILE = {
  mermaidBreakout: '"]; click s0 "javascript:alert(1)" _blank; s9["injected',
  directive: '%%{init: {"securityLevel": "loose", "flowchart": {"htmlLabels": true}}}%%',
  html: '<img src=x onerror=alert(1)><script>alert(1)</script>',
  newlines: 'end\nclick s1 call alert(1)\n%% comment\r\nstyle s0 fill:red',
  entities: '#quot;#lt;b#gt; &lt;b&gt; `**md**` \\n',
  formula: '=HYPERLINK("http://evil.example/","点此")',
  plus: '+1+2',
  minus: '-3+4',
  at: '@SUM(1,2)',
  tab: '\t=1+1',
  cr: '\r=1+1',
} as const;

/**
 * The sample item with hostile text in its name, steps, branch labels, special procedure,
 * materials, conditions and fees, checked through the real loader.
 */
export function hostileCatalog(): Catalog {
  const item = parse(sampleItem()) as Record<string, any>;
  item.code = '440101009000';
  item.name = `食品经营许可${HOSTILE.html}${HOSTILE.mermaidBreakout}`;
  item.process.steps[0].name = HOSTILE.mermaidBreakout;
  item.process.steps[1].name = HOSTILE.directive;
  item.process.steps[2].name = HOSTILE.newlines;
  item.process.steps[2].office = HOSTILE.html;
  item.process.steps[3].branches = { [HOSTILE.entities]: 'issue', '不予许可"]; click': 'refuse' };
  item.process.special[0].note = HOSTILE.directive;
  item.conditions[0] = HOSTILE.formula;
  item.conditions[1] = HOSTILE.html;
  item.materials[0].name = HOSTILE.formula;
  item.materials[2].name = HOSTILE.plus;
  item.materials[3].name = HOSTILE.minus;
  item.materials[4].name = HOSTILE.at;
  item.materials[4].condition = HOSTILE.tab;
  item.materials[0].note = HOSTILE.cr;
  item.legalBasis[0].title = HOSTILE.html;
  item.fees = [{ name: HOSTILE.formula, standard: HOSTILE.html, basis: HOSTILE.at }];
  const { catalog, diagnostics } = checkInline({ 'items/hostile.yaml': stringify(item) });
  const schema = diagnostics.filter((d) => d.rule === 'schema' || d.rule.startsWith('yaml'));
  if (schema.length > 0) throw new Error(`hostile fixture does not load: ${JSON.stringify(schema)}`);
  return catalog;
}

/** The base catalog with the canonical sample item only. */
export function smallCatalog(): Catalog {
  return checkInline({ 'items/food.yaml': sampleItem() }).catalog;
}

/** The shipped sample catalog (all items). */
export async function sampleCatalog(): Promise<Catalog> {
  return (await checkCatalog(SAMPLE)).catalog;
}
