/**
 * Replays every committed history (tests/replay/histories) against the current workflow code.
 * A change that is not deterministic for a recorded lifecycle (a command added, removed or
 * reordered without `patched()`) fails here, before it can break running agreements.
 */
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflowBundle } from '../support/lifecycle-env';
import { installQuietRuntime } from '../support/runtime';

const DIR = fileURLToPath(new URL('./histories/', import.meta.url));

async function loadHistories(): Promise<{ file: string; type: string; history: temporal.api.history.v1.History }[]> {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.json')).sort();
  return await Promise.all(
    files.map(async (file) => {
      const history = temporal.api.history.v1.History.fromObject(JSON.parse(await readFile(`${DIR}${file}`, 'utf8')));
      const type = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?';
      return { file, type, history };
    }),
  );
}

describe('replay of recorded histories', () => {
  let histories: Awaited<ReturnType<typeof loadHistories>>;

  beforeAll(async () => {
    installQuietRuntime();
    histories = await loadHistories();
  });

  it('covers every workflow type', () => {
    expect(new Set(histories.map((h) => h.type))).toEqual(new Set(['agreementLifecycle', 'censusCampaign', 'projectSheet']));
  });

  it('replays each without non-determinism', async () => {
    const bundle = await workflowBundle();
    for (const { file, history } of histories) {
      await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, file), file).resolves.toBeUndefined();
    }
  });
});
