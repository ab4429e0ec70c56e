/**
 * The journal of operations (issue 15): every accepted operation is kept with when (workflow
 * clock), what (the outcome as data) and who from where (`recordedBy`); the `state` query shows
 * it, the Web UI's current details list it without names or accounts, and a refused operation
 * leaves no entry.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { yearsAhead, type LifecycleHandle } from '../support/lifecycle-helpers';

const ACCOUNT = 'julien.moreau@example.org';

describe('lifecycle: the journal of operations', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-journal');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', await yearsAhead(t.env, '2025-01-15'));
  });
  afterAll(async () => t?.teardown());

  it('keeps who did what, when and from where, and shows it', async () => {
    const worker = await t.newWorker();
    await worker.runUntil(async () => {
      const handle: LifecycleHandle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      expect((await handle.query(messages.stateQuery)).journal).toEqual([]);

      const dispute = await handle.executeUpdate(messages.recordDispute, {
        args: [
          {
            byParty: 'terre-valserhone',
            subject: 'Facturation',
            recordedBy: { via: 'web', personId: 'ref-terre-valserhone', account: ACCOUNT },
          },
        ],
      });
      await expect(
        handle.executeUpdate(messages.recordDispute, {
          args: [{ byParty: 'nobody', recordedBy: { via: 'cli', account: 'ops' } }],
        }),
      ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      const meeting = await handle.executeUpdate(messages.recordRenewalMeeting, {
        args: [{ recordedBy: { via: 'cli', account: 'ops' } }],
      });

      const view = await handle.query(messages.stateQuery);
      const now = await t.env.currentTimeMs();
      expect(view.journal).toEqual([
        {
          at: expect.any(String),
          operation: 'recordDispute',
          summary: dispute.outcome,
          recordedBy: { via: 'web', personId: 'ref-terre-valserhone', account: ACCOUNT },
          byName: 'Julien Moreau',
        },
        {
          at: expect.any(String),
          operation: 'recordRenewalMeeting',
          summary: meeting.outcome,
          recordedBy: { via: 'cli', account: 'ops' },
        },
      ]);
      for (const entry of view.journal) {
        // The workflow clock, in the agreement's offset, not after the server's now.
        expect(entry.at).toMatch(/[+-]\d\d:\d\d$/);
        expect(Date.parse(entry.at)).toBeLessThanOrEqual(now);
        expect(Date.parse(entry.at)).toBeGreaterThan(now - 3_600_000);
      }

      // The Web UI's current details: the operations, by person id and channel, no account.
      const metadata = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
      expect(metadata.currentDetails).toContain('**Dernières opérations**');
      expect(metadata.currentDetails).toMatch(/recordRenewalMeeting \(renewal-meeting-held\) · CLI/);
      expect(metadata.currentDetails).toMatch(/recordDispute \(dispute-recorded\) · ref-terre-valserhone · web/);
      expect(metadata.currentDetails).not.toContain(ACCOUNT);
      await handle.terminate('test over');
    });
  });
});
