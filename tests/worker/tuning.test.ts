/** The worker's cache and concurrency settings from the environment. */
import { describe, expect, it } from 'vitest';
import { describeTuning, loadWorkerTuning, WorkerTuningError } from '../../worker/tuning';

describe('loadWorkerTuning', () => {
  it('has documented defaults: a bounded cache', () => {
    expect(loadWorkerTuning({})).toEqual({
      maxCachedWorkflows: 500,
      maxConcurrentWorkflowTaskExecutions: 40,
      maxConcurrentActivityTaskExecutions: 20,
      heapGrowthPercent: 20,
    });
    expect(describeTuning(loadWorkerTuning({}))).toBe(
      'cache 500 lifecycles · 40 workflow tasks · 20 activities at once · heaps +20 % over live data',
    );
    expect(describeTuning({ ...loadWorkerTuning({}), heapGrowthPercent: 0 })).toMatch(/V8's heap sizing$/);
  });

  it('reads every variable; empty ones count as unset', () => {
    expect(
      loadWorkerTuning({
        PACTE_MAX_CACHED_WORKFLOWS: '200',
        PACTE_MAX_CONCURRENT_WORKFLOW_TASKS: '4',
        PACTE_MAX_CONCURRENT_ACTIVITIES: '8',
        PACTE_MAX_HEAP_GROWTH_PERCENT: '0',
      }),
    ).toEqual({
      maxCachedWorkflows: 200,
      maxConcurrentWorkflowTaskExecutions: 4,
      maxConcurrentActivityTaskExecutions: 8,
      heapGrowthPercent: 0,
    });
    expect(loadWorkerTuning({ PACTE_MAX_CACHED_WORKFLOWS: '' }).maxCachedWorkflows).toBe(500);
  });

  it.each([
    [{ PACTE_MAX_CACHED_WORKFLOWS: 'lots' }, 'PACTE_MAX_CACHED_WORKFLOWS'],
    [{ PACTE_MAX_CACHED_WORKFLOWS: '-1' }, 'PACTE_MAX_CACHED_WORKFLOWS'],
    [{ PACTE_MAX_CONCURRENT_WORKFLOW_TASKS: '1' }, 'PACTE_MAX_CONCURRENT_WORKFLOW_TASKS'],
    [{ PACTE_MAX_CONCURRENT_ACTIVITIES: '2.5' }, 'PACTE_MAX_CONCURRENT_ACTIVITIES'],
    [{ PACTE_MAX_HEAP_GROWTH_PERCENT: '500' }, 'PACTE_MAX_HEAP_GROWTH_PERCENT'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadWorkerTuning(env)).toThrow(WorkerTuningError);
    expect(() => loadWorkerTuning(env)).toThrow(new RegExp(`${variable}: `));
  });
});
