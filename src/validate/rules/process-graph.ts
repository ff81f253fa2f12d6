import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { canReachEnd, processGraph, reachableFromStart } from '../../model/process-graph.js';
import type { Rule } from '../rule.js';
import { processTooLarge } from './process-size.js';
import type { Item } from '../../schema/item.js';
import { didYouMean, suggestion } from '../../diagnostics/did-you-mean.js';

/** Fewest steps of a licensing process: apply, accept, review, decide, deliver. */
export const MIN_LICENSING_STEPS = 5;

/**
 * The process is a well-formed flowchart: one start (the first step), at least one end, every
 * step reachable and able to finish, decision steps with two or more labelled branches, step ids
 * unique and every reference to a step existing; a licensing item has at least five steps.
 */
export const processGraphRule: Rule = {
  id: 'process-graph',
  severity: 'error',
  scope: 'item',
  description: t(
    '办理流程图不完整：起点、终点、不可达或走不到终点的环节、分支、未知或重复的环节标识，或许可事项少于 5 个环节',
    'the process is not a sound flowchart: start, ends, unreachable or dead-end steps, branches, unknown or duplicate step ids, or a licensing item with fewer than 5 steps',
  ),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const push = (path: string, zh: string, en: string, at?: 'key') =>
        findings.push({ rule: 'process-graph', file, path, message: t(zh, en), ...(at ? { at } : {}) });
      const steps = item.process.steps;
      // A process past the limits is process-size's finding; its graph is not worth walking.
      if (processTooLarge(steps)) continue;
      const graph = processGraph(item);

      for (const i of graph.duplicates) {
        const first = graph.indexById.get(steps[i]!.id)!;
        push(
          `/process/steps/${i}/id`,
          `环节标识 ${steps[i]!.id} 重复（第 ${first + 1} 个环节已使用）`,
          `step id ${steps[i]!.id} is already used by step ${first + 1}`,
        );
      }
      steps.forEach((step, i) => {
        if (step.next && step.branches) {
          push(
            `/process/steps/${i}/branches`,
            `环节 ${step.id} 同时写了 next 和 branches；决定环节只写 branches`,
            `step ${step.id} has both next and branches; a decision step has only branches`,
            'key',
          );
        }
        if (step.branches && Object.keys(step.branches).length < 2) {
          push(
            `/process/steps/${i}/branches`,
            `决定环节 ${step.id} 只有 ${Object.keys(step.branches).length} 个分支；决定环节至少有两个带名称的分支（如“准予许可”“不予许可”），只有一条去向的用 next`,
            `decision step ${step.id} has ${Object.keys(step.branches).length} branch; a decision has at least two labelled branches (such as grant and refuse); use next for a single way on`,
            'key',
          );
        }
      });
      // The step ids, for a hint where a reference names none of them.
      let known: string[] | undefined;
      const ids = () => (known ??= [...graph.indexById.keys()]);
      for (const d of graph.dangling) {
        const hint = suggestion(didYouMean(d.target, ids()));
        push(
          d.path,
          `环节 ${steps[d.from]!.id} 指向不存在的环节 ${d.target}${hint.zh}`,
          `step ${steps[d.from]!.id} leads to ${d.target}, which is not a step${hint.en}`,
        );
      }
      (item.criteria ?? []).forEach((c, i) => {
        if (c.step !== undefined && !graph.indexById.has(c.step)) {
          const hint = suggestion(didYouMean(c.step, ids()));
          push(
            `/criteria/${i}/step`,
            `裁量标准 ${c.id} 的适用环节 ${c.step} 不存在${hint.zh}`,
            `criterion ${c.id} applies to step ${c.step}, which does not exist${hint.en}`,
          );
        }
      });
      // A broken reference or a duplicate id is the one root cause: the reachability findings it
      // would set off downstream (unreachable steps, "loops forever") are noise until it is fixed.
      if (graph.dangling.length > 0 || graph.duplicates.length > 0) {
        minimumSteps(item, push);
        continue;
      }

      if (graph.ends.length === 0) {
        push(
          '/process/steps',
          '流程没有终点：至少一个环节（如“制证送达”）不写 next 和 branches',
          'the process has no end: at least one step (such as delivery) has neither next nor branches',
          'key',
        );
      }
      const reachable = reachableFromStart(graph);
      const finishes = canReachEnd(graph);
      steps.forEach((step, i) => {
        if (!reachable[i]) {
          push(
            `/process/steps/${i}`,
            `环节 ${step.id}（${step.name}）从起点（第一个环节 ${steps[0]!.id}）无法到达：流程只能有一个起点，请让前面的环节通过 next 或 branches 指向它`,
            `step ${step.id} cannot be reached from the start (the first step, ${steps[0]!.id}): a process has one start; let an earlier step lead to it with next or branches`,
          );
        } else if (!finishes[i] && graph.ends.length > 0) {
          push(
            `/process/steps/${i}`,
            `从环节 ${step.id}（${step.name}）出发走不到任何终点（流程在此形成死循环）`,
            `from step ${step.id} no end can be reached (the process loops forever there)`,
          );
        }
      });

      minimumSteps(item, push);
    }
    return findings;
  },
};

function minimumSteps(item: Item, push: (path: string, zh: string, en: string, at?: 'key') => void): void {
  const steps = item.process.steps;
  if (item.type === '01' && steps.length < MIN_LICENSING_STEPS) {
    push(
      '/process/steps',
      `行政许可事项的流程至少需要 ${MIN_LICENSING_STEPS} 个环节（申请、受理、审查、决定、送达），实有 ${steps.length} 个`,
      `a licensing process needs at least ${MIN_LICENSING_STEPS} steps (apply, accept, review, decide, deliver); it has ${steps.length}`,
      'key',
    );
  }
}
