import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { MAX_PROCESS_EDGES, MAX_PROCESS_STEPS, processEdgeCount } from '../../model/process-graph.js';
import type { Rule } from '../rule.js';

/**
 * A process within the limits a flowchart can be drawn at: at most MAX_PROCESS_STEPS steps and
 * MAX_PROCESS_EDGES links. Structural (rule-ids.ts): turned off, a process past the limits would
 * reach Mermaid, which refuses it, and the build would fail at the flowcharts instead of here.
 */
export const processSizeRule: Rule = {
  id: 'process-size',
  severity: 'error',
  scope: 'item',
  description: t(
    `办理流程的环节超过 ${MAX_PROCESS_STEPS} 个，或连线（next 和 branches）超过 ${MAX_PROCESS_EDGES} 条，流程图无法绘制`,
    `the process has more than ${MAX_PROCESS_STEPS} steps or ${MAX_PROCESS_EDGES} links (next and branches); no flowchart can be drawn`,
  ),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const steps = item.process.steps;
      const push = (zh: string, en: string) => findings.push({ rule: 'process-size', file, path: '/process/steps', message: t(zh, en), at: 'key' });
      if (steps.length > MAX_PROCESS_STEPS) {
        push(`流程有 ${steps.length} 个环节，上限为 ${MAX_PROCESS_STEPS} 个`, `the process has ${steps.length} steps; the limit is ${MAX_PROCESS_STEPS}`);
      }
      const edgeCount = processEdgeCount(steps);
      if (edgeCount > MAX_PROCESS_EDGES) {
        push(
          `流程有 ${edgeCount} 条连线（next 和 branches），上限为 ${MAX_PROCESS_EDGES} 条，否则流程图无法绘制`,
          `the process has ${edgeCount} links (next and branches); the limit is ${MAX_PROCESS_EDGES}, beyond which no flowchart can be drawn`,
        );
      }
    }
    return findings;
  },
};

/** Whether a process is past the limits (process-size reports it; other process rules pass it over). */
export function processTooLarge(steps: Parameters<typeof processEdgeCount>[0]): boolean {
  return steps.length > MAX_PROCESS_STEPS || processEdgeCount(steps) > MAX_PROCESS_EDGES;
}
