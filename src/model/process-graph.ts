import { pointerSegment } from '../diagnostics/diagnostic.js';
import type { Item, Step } from '../schema/item.js';

/**
 * Most steps of one process. A real one has five to twenty; the limit keeps a flowchart drawable.
 */
export const MAX_PROCESS_STEPS = 150;
/**
 * Most `next` and `branches` references (edges of the flowchart) of one process. Mermaid refuses
 * a chart of more edges than its `maxEdges` setting (500 by default), which the renderer sets to
 * this limit and one more (the link to the special-procedures box), so a process that passes the
 * process-size rule (structural: it cannot be turned off) is always drawn.
 */
export const MAX_PROCESS_EDGES = 300;

/** Number of `next` and `branches` references of a process: the edges of its flowchart, at most. */
export function processEdgeCount(steps: readonly Step[]): number {
  let count = 0;
  for (const step of steps) count += (step.next?.length ?? 0) + (step.branches ? Object.keys(step.branches).length : 0);
  return count;
}

/** A transition between two steps: `next` (no label) or a labelled decision branch. */
export interface ProcessEdge {
  from: number;
  to: number;
  label?: string;
  /** JSON pointer of the reference inside the item, such as `/process/steps/3/branches/准予许可`. */
  path: string;
}

/** A reference to a step id that no step has. */
export interface DanglingReference {
  from: number;
  target: string;
  path: string;
}

/**
 * An item's process as a graph over step indexes. The first step is the start; steps with
 * neither `next` nor `branches` are ends. Where an id is used twice the first step owns it.
 */
export interface ProcessGraph {
  steps: readonly Step[];
  indexById: ReadonlyMap<string, number>;
  edges: ProcessEdge[];
  /** Outgoing edges per step. */
  out: ProcessEdge[][];
  dangling: DanglingReference[];
  /** Indexes of steps whose id an earlier step already has. */
  duplicates: number[];
  ends: number[];
}

/**
 * Build the graph of an item's process. Pure.
 * @example processGraph(item).ends.map((i) => item.process.steps[i]!.id) // ['issue', 'refuse']
 */
export function processGraph(item: Pick<Item, 'process'>): ProcessGraph {
  let graph = graphs.get(item.process);
  if (!graph) {
    graph = makeGraph(item.process.steps);
    graphs.set(item.process, graph);
  }
  return graph;
}

/** Each process's graph, made once for the rules that read it (items are not changed once loaded). */
const graphs = new WeakMap<Item['process'], ProcessGraph>();

function makeGraph(steps: Item['process']['steps']): ProcessGraph {
  const indexById = new Map<string, number>();
  const duplicates: number[] = [];
  steps.forEach((step, i) => {
    if (indexById.has(step.id)) duplicates.push(i);
    else indexById.set(step.id, i);
  });
  const edges: ProcessEdge[] = [];
  const dangling: DanglingReference[] = [];
  const out: ProcessEdge[][] = steps.map(() => []);
  const ends: number[] = [];
  steps.forEach((step, from) => {
    const targets: Array<{ target: string; label?: string; path: string }> = [];
    step.next?.forEach((target, k) => targets.push({ target, path: `/process/steps/${from}/next/${k}` }));
    for (const [label, target] of Object.entries(step.branches ?? {})) {
      targets.push({ target, label, path: `/process/steps/${from}/branches/${pointerSegment(label)}` });
    }
    if (targets.length === 0) ends.push(from);
    for (const { target, label, path } of targets) {
      const to = indexById.get(target);
      if (to === undefined) {
        dangling.push({ from, target, path });
        continue;
      }
      const edge: ProcessEdge = label === undefined ? { from, to, path } : { from, to, label, path };
      edges.push(edge);
      out[from]!.push(edge);
    }
  });
  return { steps, indexById, edges, out, dangling, duplicates, ends };
}

/** Steps reachable from the start (step 0), following edges forward. */
export function reachableFromStart(graph: ProcessGraph): boolean[] {
  const seen = graph.steps.map(() => false);
  if (graph.steps.length === 0) return seen;
  const stack = [0];
  seen[0] = true;
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const e of graph.out[v]!) {
      if (!seen[e.to]) {
        seen[e.to] = true;
        stack.push(e.to);
      }
    }
  }
  return seen;
}

/** Steps from which some end can be reached. */
export function canReachEnd(graph: ProcessGraph): boolean[] {
  const incoming: number[][] = graph.steps.map(() => []);
  for (const e of graph.edges) incoming[e.to]!.push(e.from);
  const ok = graph.steps.map(() => false);
  const stack = [...graph.ends];
  for (const end of graph.ends) ok[end] = true;
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const u of incoming[v]!) {
      if (!ok[u]) {
        ok[u] = true;
        stack.push(u);
      }
    }
  }
  return ok;
}

/**
 * The path from the start with the largest total weight, loops cut: an edge back to a step
 * already on the current path (a return for correction, say) is not followed. Iterative, so a
 * long process cannot overflow the stack.
 * @example longestPath(graph, (step) => step.limit?.value ?? 0) // { total: 9, path: [0, 1, 2, 3, 4] }
 */
export function longestPath(graph: ProcessGraph, weight: (step: Step) => number): { total: number; path: number[] } {
  const n = graph.steps.length;
  if (n === 0) return { total: 0, path: [] };
  // Depth-first from the start marks back edges (to a step still on the stack); the rest is acyclic.
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const order: number[] = []; // post-order
  const forward: ProcessEdge[][] = graph.steps.map(() => []);
  const stack: Array<{ v: number; i: number }> = [{ v: 0, i: 0 }];
  state[0] = 1;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const edges = graph.out[frame.v]!;
    if (frame.i < edges.length) {
      const e = edges[frame.i++]!;
      if (state[e.to] === 1) continue;
      forward[frame.v]!.push(e);
      if (state[e.to] === 0) {
        state[e.to] = 1;
        stack.push({ v: e.to, i: 0 });
      }
    } else {
      state[frame.v] = 2;
      order.push(frame.v);
      stack.pop();
    }
  }
  const best = new Array<number>(n).fill(0);
  const nextOnPath = new Array<number>(n).fill(-1);
  for (const v of order) {
    let tail = 0;
    for (const e of forward[v]!) {
      if (nextOnPath[v] === -1 || best[e.to]! > tail) {
        tail = best[e.to]!;
        nextOnPath[v] = e.to;
      }
    }
    best[v] = weight(graph.steps[v]!) + tail;
  }
  const path: number[] = [];
  for (let v = 0; v !== -1 && path.length <= n; v = nextOnPath[v]!) path.push(v);
  return { total: best[0]!, path };
}
