// A workflow that only sleeps: proves a server skips (or keeps) time for real.
import { sleep, workflowInfo } from '@temporalio/workflow';

/** Sleeps `days` days of workflow time and returns how many milliseconds of it passed. */
export async function sleeper(days: number): Promise<number> {
  const startedAt = Date.now(); // workflow time: deterministic inside the sandbox
  await sleep(`${days} days`);
  return Date.now() - startedAt;
}

/** Returns at once with the workflow id: the dev-server smoke test's unit of work. */
export async function echoId(): Promise<string> {
  return workflowInfo().workflowId;
}
