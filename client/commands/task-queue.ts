/**
 * The task queue a command starts lifecycles on: `--task-queue`, else `PACTE_TASK_QUEUE` (the
 * variable the worker reads too), else `pacte`.
 *
 * @module
 */
import { DEFAULT_TASK_QUEUE } from '../../contracts/workflow-ids';

export const TASK_QUEUE_HELP = `task queue of the Pacte worker (default: PACTE_TASK_QUEUE or ${DEFAULT_TASK_QUEUE})`;

export function taskQueueOf(options: { taskQueue?: string }, env: NodeJS.ProcessEnv = process.env): string {
  return options.taskQueue || env.PACTE_TASK_QUEUE || DEFAULT_TASK_QUEUE;
}
