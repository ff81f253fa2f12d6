import type { Item } from '../../schema/item.js';
import { readTemplate } from '../template-files.js';
import { flowchartModel, type FlowchartModel, type NodeShape } from './flowchart-model.js';
import { LABEL_FORBIDDEN } from './mermaid-label.js';

type Render = (model: FlowchartModel) => string;

const OPEN: Record<NodeShape, string> = { terminal: '(', step: '[', decision: '{', note: '[' };
const CLOSE: Record<NodeShape, string> = { terminal: ')', step: ']', decision: '}', note: ']' };
const CLASS: Record<NodeShape, string> = { terminal: 'terminal', step: '', decision: 'decision', note: 'note' };

let compiled: Promise<Render> | undefined;

/** Compile templates/flowchart.mmd.hbs once per process. */
function template(): Promise<Render> {
  compiled ??= (async () => {
    const { default: Handlebars } = await import('handlebars');
    const hb = Handlebars.create();
    hb.registerHelper('open', (shape: NodeShape) => OPEN[shape]);
    hb.registerHelper('close', (shape: NodeShape) => CLOSE[shape]);
    hb.registerHelper('classOf', (shape: NodeShape) => CLASS[shape]);
    // noEscape: labels are escaped for Mermaid, not HTML; checkMermaidSource guards the result.
    return hb.compile<FlowchartModel>(await readTemplate('flowchart.mmd.hbs'), { noEscape: true, strict: true });
  })();
  return compiled;
}

/**
 * The Mermaid source of an item's flowchart, from templates/flowchart.mmd.hbs.
 * @example (await flowchartSource(item)).startsWith('flowchart TD\n')
 */
export async function flowchartSource(item: Item): Promise<string> {
  const render = await template();
  const source = render(flowchartModel(item)).replace(/\n{2,}/g, '\n');
  checkMermaidSource(source);
  return source;
}

/** The statements the template may produce, once quoted labels are replaced by `""`. */
const STATEMENTS = [
  /^flowchart TD$/,
  /^ {2}s\d+(\(""\)|\[""\]|\{""\})$/,
  /^ {2}s\d+ -->(\|""\|)? s\d+$/,
  /^ {2}subgraph special\[""\]$/,
  /^ {4}direction TB$/,
  /^ {4}p\d+\[""\]$/,
  /^ {2}end$/,
  /^ {2}s\d+ ~~~ special$/,
  /^ {2}classDef (terminal|decision|note) [a-z0-9#:,\- ]+$/,
  /^ {2}class [sp]\d+ (terminal|decision|note)$/,
];

/**
 * Defence in depth against Mermaid injection: every line must be one of the template's own
 * statements, and no quoted label may hold a character that could end it or reach Mermaid's
 * pre-processing (`%%{init}%%`, `click`, entity codes, tags other than our `<br/>`).
 * Throws, as a bug, when the template or the escaping let something through.
 */
export function checkMermaidSource(source: string): void {
  if (source.includes('%%')) throw new Error('flowchart source contains %% (comment or directive)');
  const lines = source.replace(/\n$/, '').split('\n');
  for (const line of lines) {
    const labels: string[] = [];
    const skeleton = line.replace(/"([^"]*)"/g, (_, label: string) => {
      labels.push(label);
      return '""';
    });
    if (!STATEMENTS.some((re) => re.test(skeleton))) throw new Error(`unexpected flowchart statement: ${JSON.stringify(line)}`);
    for (const label of labels) {
      if (LABEL_FORBIDDEN.test(label.replace(/<br\/>/g, ''))) throw new Error(`unescaped flowchart label: ${JSON.stringify(label)}`);
    }
  }
}
