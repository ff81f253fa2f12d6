import type { Item } from '../../schema/item.js';
import { durationText } from '../labels.js';
import { mermaidLabel } from './mermaid-label.js';

/** The shape of a flowchart node: start and end steps are rounded, decisions are diamonds. */
export type NodeShape = 'terminal' | 'step' | 'decision' | 'note';

export interface FlowNode {
  /** Mermaid id made by us (`s0`, `s1`, `p0`): never a catalog id, which could be a keyword such as `end`. */
  id: string;
  shape: NodeShape;
  /** Label lines, each already escaped by `mermaidLabel`. */
  lines: string[];
}

export interface FlowEdge {
  from: string;
  to: string;
  /** Branch label of a decision, escaped; undefined for a plain `next`. */
  label: string | undefined;
}

/** What templates/flowchart.mmd.hbs draws. Every string in it is escaped for Mermaid. */
export interface FlowchartModel {
  code: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Special procedures (time not counted in the limit), drawn as notes in their own box. */
  notes: FlowNode[];
  /** The step the notes' box hangs below (by an invisible link), so it does not widen the chart. */
  notesAfter: string | undefined;
  notesTitle: string;
}

/**
 * The flowchart of an item's process: one node per step, edges from `next` and labelled
 * `branches`, and the special procedures as notes. Edges to unknown step ids are left out
 * (the process-graph rule reports them).
 * @example flowchartModel(item).nodes[0] // { id: 's0', shape: 'terminal', lines: ['申请', '申请人'] }
 */
export function flowchartModel(item: Item): FlowchartModel {
  const steps = item.process.steps;
  const idOf = new Map(steps.map((step, index) => [step.id, `s${index}`]));
  const nodes: FlowNode[] = steps.map((step, index) => {
    const isEnd = !step.next?.length && !step.branches;
    const shape: NodeShape = step.branches ? 'decision' : index === 0 || isEnd ? 'terminal' : 'step';
    const lines = [step.name, step.office ?? '', step.role ?? '', step.limit ? `时限：${compact(durationText(step.limit))}` : ''];
    return { id: `s${index}`, shape, lines: lines.filter((l) => l.trim() !== '').map(mermaidLabel) };
  });
  const edges: FlowEdge[] = [];
  for (const step of steps) {
    const from = idOf.get(step.id);
    if (!from) continue;
    for (const next of step.next ?? []) {
      const to = idOf.get(next);
      if (to) edges.push({ from, to, label: undefined });
    }
    for (const [label, target] of Object.entries(step.branches ?? {})) {
      const to = idOf.get(target);
      if (to) edges.push({ from, to, label: mermaidLabel(label) });
    }
  }
  const notes: FlowNode[] = (item.process.special ?? []).map((special, index) => ({
    id: `p${index}`,
    shape: 'note',
    lines: [special.name, compact(durationText(special.limit)), special.note ?? ''].filter((l) => l.trim() !== '').map(mermaidLabel),
  }));
  return { code: item.code, nodes, edges, notes, notesTitle: '特殊程序（不计入办理时限）', notesAfter: nodes.at(-1)?.id };
}

/** `10 个工作日` → `10个工作日`: Mermaid wraps at spaces, which would strand the number. */
function compact(text: string): string {
  return text.replace(/(\d) (?=\S)/g, '$1');
}
