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

/** A reference to a step id that no step has. */
export interface DanglingReference {
  from: number;
  target: string;
  /** JSON pointer of the reference inside the item, such as `/process/steps/3/branches/准予许可`. */
  path: string;
}

/**
 * An item's process as a graph over step indexes. The first step is the start; steps with
 * neither `next` nor `branches` are ends. Where an id is used twice the first step owns it.
 * The edges (`next` references, then the `branches` in their order, leaving out the dangling
 * ones) are listed step by step: those of step `i` are `to[first[i]]` up to `to[first[i + 1]]`.
 */
export interface ProcessGraph {
  steps: readonly Step[];
  indexById: ReadonlyMap<string, number>;
  /** Where the edges of each step start in `to`, and their number at the end (`steps.length + 1` entries). */
  first: Int32Array;
  /** The step each edge leads to. */
  to: Int32Array;
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
    if (graphs.size >= MAX_GRAPHS) graphs.delete(graphs.keys().next().value!);
    graphs.set(item.process, graph);
  }
  return graph;
}

/**
 * The graphs made last, by process, for the rules that read the same items in turn (items are
 * not changed once loaded). Only the latest are kept: the item rules run over a few dozen items
 * at a time (validate/item-rules.ts), and a graph kept for every item of a large catalog would
 * only make work for the garbage collector.
 */
const graphs = new Map<Item['process'], ProcessGraph>();
const MAX_GRAPHS = 256;

function makeGraph(steps: Item['process']['steps']): ProcessGraph {
  const n = steps.length;
  const indexById = new Map<string, number>();
  const duplicates: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = steps[i]!.id;
    if (indexById.has(id)) duplicates.push(i);
    else indexById.set(id, i);
  }
  const first = new Int32Array(n + 1);
  const to = new Int32Array(processEdgeCount(steps));
  let edges = 0;
  let dangling: DanglingReference[] | undefined;
  const ends: number[] = [];
  for (let from = 0; from < n; from++) {
    const step = steps[from]!;
    first[from] = edges;
    const next = step.next;
    const branches = step.branches;
    const labels = branches ? Object.keys(branches) : undefined;
    if ((next?.length ?? 0) + (labels?.length ?? 0) === 0) ends.push(from);
    if (next) {
      for (let k = 0; k < next.length; k++) {
        const target = next[k]!;
        const index = indexById.get(target);
        if (index !== undefined) to[edges++] = index;
        else (dangling ??= []).push({ from, target, path: `/process/steps/${from}/next/${k}` });
      }
    }
    if (labels) {
      for (const label of labels) {
        const target = branches![label]!;
        const index = indexById.get(target);
        if (index !== undefined) to[edges++] = index;
        else (dangling ??= []).push({ from, target, path: `/process/steps/${from}/branches/${pointerSegment(label)}` });
      }
    }
  }
  first[n] = edges;
  return { steps, indexById, first, to: edges === to.length ? to : to.subarray(0, edges), dangling: dangling ?? [], duplicates, ends };
}

/** Steps reachable from the start (step 0), following edges forward: 1 for each reachable one. */
export function reachableFromStart(graph: ProcessGraph): Uint8Array {
  return graph.steps.length === 0 ? new Uint8Array(0) : flood([0], graph.first, graph.to);
}

/**
 * Every step reachable from `seeds` over the edges listed by `first` and `to` (the edges of step
 * v are to[first[v]] to to[first[v + 1] - 1]): 1 for each, the seeds included. Iterative.
 */
function flood(seeds: Iterable<number>, first: Int32Array, to: Int32Array): Uint8Array {
  const n = first.length - 1;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (const seed of seeds) {
    if (seen[seed] === 1) continue;
    seen[seed] = 1;
    stack[top++] = seed;
  }
  while (top > 0) {
    const v = stack[--top]!;
    for (let e = first[v]!; e < first[v + 1]!; e++) {
      const w = to[e]!;
      if (seen[w] === 0) {
        seen[w] = 1;
        stack[top++] = w;
      }
    }
  }
  return seen;
}

/** Steps from which some end can be reached: 1 for each such step. */
export function canReachEnd(graph: ProcessGraph): Uint8Array {
  const n = graph.steps.length;
  const { first, to } = graph;
  // The edges backwards, listed by the step they lead to, as `first` and `to` list them forwards.
  const firstIn = new Int32Array(n + 1);
  for (let e = 0; e < to.length; e++) firstIn[to[e]! + 1]!++;
  for (let v = 0; v < n; v++) firstIn[v + 1]! += firstIn[v]!;
  const from = new Int32Array(to.length);
  const fill = firstIn.slice(0, n);
  for (let v = 0; v < n; v++) for (let e = first[v]!; e < first[v + 1]!; e++) from[fill[to[e]!]!++] = v;
  return flood(graph.ends, firstIn, from);
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
  const { first, to } = graph;
  // Depth-first from the start marks back edges (to a step still on the stack); the rest is acyclic.
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const order = new Int32Array(n); // post-order
  let done = 0;
  const forward = new Uint8Array(to.length); // 1 for an edge that is not a back edge
  // The depth-first stack: a step and the next of its edges to follow.
  const stackStep = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  let top = 0;
  stackStep[top] = 0;
  stackEdge[top++] = first[0]!;
  state[0] = 1;
  while (top > 0) {
    const v = stackStep[top - 1]!;
    const e = stackEdge[top - 1]!;
    if (e < first[v + 1]!) {
      stackEdge[top - 1] = e + 1;
      const w = to[e]!;
      if (state[w] === 1) continue;
      forward[e] = 1;
      if (state[w] === 0) {
        state[w] = 1;
        stackStep[top] = w;
        stackEdge[top++] = first[w]!;
      }
    } else {
      state[v] = 2;
      order[done++] = v;
      top--;
    }
  }
  const best = new Float64Array(n);
  const nextOnPath = new Int32Array(n).fill(-1);
  for (let k = 0; k < done; k++) {
    const v = order[k]!;
    let tail = 0;
    for (let e = first[v]!; e < first[v + 1]!; e++) {
      if (forward[e] === 0) continue;
      const w = to[e]!;
      if (nextOnPath[v] === -1 || best[w]! > tail) {
        tail = best[w]!;
        nextOnPath[v] = w;
      }
    }
    best[v] = weight(graph.steps[v]!) + tail;
  }
  const path: number[] = [];
  for (let v = 0; v !== -1 && path.length <= n; v = nextOnPath[v]!) path.push(v);
  return { total: best[0]!, path };
}
