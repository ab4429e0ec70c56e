/**
 * One lifecycle on the cluster, in real time: started as `pacte start` starts it (search
 * attributes and all), found through the visibility store (PostgreSQL) by its search attributes,
 * its reminder delivered at the planned minute to both referents, and still running afterwards
 * with the right next deadline. The server is whatever `TEMPORAL_ADDRESS` names.
 */
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateQuery } from '../../../contracts/messages';
import { AgreementKind } from '../../../contracts/search-attributes';
import { lifecycleWorkflowId } from '../../../contracts/workflow-ids';
import type { SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import {
  clusterTarget,
  dueBatch,
  expectedNextDeadline,
  startLifecycles,
  startSingleWorkerEnv,
  type SingleWorkerEnv,
} from './cluster-env';

const TASK_QUEUE = 'pacte-cluster-lifecycle';

describe(`lifecycle on the cluster (${clusterTarget().address})`, () => {
  let env: SingleWorkerEnv;
  let client: Client;
  let sink: SmtpSink;

  beforeAll(async () => {
    env = await startSingleWorkerEnv('worker-1', TASK_QUEUE);
    ({ client, sink } = env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('starts, is listed by its search attributes, delivers at the planned minute and goes on', async () => {
    const tag = Date.now().toString(36);
    const batch = dueBatch(`one-${tag}`, 1, 40);
    const agreement = batch.agreements[0]!;
    console.log(`[cluster] reminder due at ${batch.dueAt.toISOString()} (zone ${batch.zone})`);
    await startLifecycles(client, batch.agreements, TASK_QUEUE);
    const handle = client.workflow.getHandle(lifecycleWorkflowId(agreement.id));

    // The visibility store answers a query on Pacte's search attributes.
    const listed = await waitFor(
      async () => {
        for await (const info of client.workflow.list({
          query: `AgreementId = "${agreement.id}" AND AgreementKind = "plan-action"`,
        })) {
          return info;
        }
        return undefined;
      },
      { timeoutMs: 30_000, what: 'the lifecycle in the visibility store' },
    );
    expect(listed.typedSearchAttributes.get(AgreementKind)).toBe('plan-action');
    expect(sink.messages).toHaveLength(0);

    const messages = await sink.waitFor(2, batch.dueAt.getTime() - Date.now() + 90_000);
    const arrived = Date.now();
    expect(arrived).toBeGreaterThanOrEqual(batch.dueAt.getTime());
    console.log(`[cluster] 2 messages ${((arrived - batch.dueAt.getTime()) / 1000).toFixed(1)} s after the due minute`);
    expect(messages.map((m) => m.envelope.to[0]).sort()).toEqual(agreement.people.map((p) => p.email).sort());
    // The e-mails the planner gives for that minute, by Message-ID.
    expect(new Set(messages.map((m) => m.messageId))).toEqual(batch.plannedMessageIds);

    const state = await waitFor(
      async () => {
        const s = await handle.query(stateQuery);
        return s.sent.length === 2 ? s : undefined;
      },
      { timeoutMs: 30_000, what: 'both deliveries recorded' },
    );
    expect(Date.parse(state.nextDeadline!)).toBe(expectedNextDeadline(agreement));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('cluster test over');
  });
});
