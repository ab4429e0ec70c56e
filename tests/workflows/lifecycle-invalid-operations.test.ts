/**
 * Invalid operations are rejected by the update validators with a message naming the field, and
 * nothing changes: the state is identical and no update entered the history.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, exampleRaw, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { rejection, type LifecycleHandle, yearsAhead } from '../support/lifecycle-helpers';

describe('lifecycle: invalid operations', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;
  let raw: Record<string, unknown>;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-invalid');
    const shift = await yearsAhead(t.env, '2025-01-15');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', shift);
    raw = await exampleRaw('convention-cadre-terre-valserhone', shift);
  });
  afterAll(async () => t?.teardown());

  it('rejects each with the field named and changes nothing', async () => {
    const worker = await t.newWorker();
    await worker.runUntil(async () => {
      const handle: LifecycleHandle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      const before = await handle.query(messages.stateQuery);
      // A year after the server's today.
      const future = DateTime.fromMillis(await t.env.currentTimeMs(), { zone: agreement.timezone })
        .plus({ years: 1 })
        .toISODate()!;
      const year = Number(agreement.term.signedOn.slice(0, 4));
      const cases: [string, () => Promise<unknown>, RegExp][] = [
        [
          'unknown party',
          () => handle.executeUpdate(messages.giveNotice, { args: [{ byParty: 'nobody' }] }),
          /^byParty: unknown party 'nobody'/,
        ],
        [
          'future notice',
          () => handle.executeUpdate(messages.giveNotice, { args: [{ byParty: 'cnfpt-ara', givenOn: future }] }),
          new RegExp(`^givenOn: ${future} is in the future`),
        ],
        [
          'not a date',
          () => handle.executeUpdate(messages.giveNotice, { args: [{ byParty: 'cnfpt-ara', givenOn: '2027-02-30' }] }),
          /^givenOn: not a real calendar date/,
        ],
        [
          'census year out of range',
          () => handle.executeUpdate(messages.recordCensusAnswer, { args: [{ year: 1999 }] }),
          /^year: /,
        ],
        [
          'no census that year',
          () => handle.executeUpdate(messages.recordCensusAnswer, { args: [{ year: year + 10 }] }),
          new RegExp(`^year: no census in ${year + 10}`),
        ],
        [
          'unknown project lead',
          () =>
            handle.executeUpdate(messages.notifyRetainedProjects, {
              args: [{ year, projects: [{ id: 'projet-1', title: 'P1', leads: ['ghost'] }] }],
            }),
          /^projects\[0\]\.leads\[0\]: unknown person 'ghost'/,
        ],
        [
          'no pending sheet',
          () =>
            handle.executeUpdate(messages.submitProjectSheet, {
              args: [
                {
                  projectId: 'projet-1',
                  label: 'x',
                  place: 'x',
                  period: 'x',
                  mode: 'mixte',
                  participants: 20,
                  context: 'x',
                  objectives: 'x',
                },
              ],
            }),
          /^projectId: no project sheet is pending for 'projet-1'/,
        ],
        [
          'bad sheet mode',
          () =>
            handle.executeUpdate(messages.submitProjectSheet, {
              args: [
                {
                  projectId: 'projet-1',
                  label: 'x',
                  place: 'x',
                  period: 'x',
                  mode: 'visio' as never,
                  participants: 20,
                  context: 'x',
                  objectives: 'x',
                },
              ],
            }),
          /^mode: /,
        ],
        [
          'unknown meeting',
          () => handle.executeUpdate(messages.recordMeeting, { args: [{ entryId: 'annual-review-1999-12-14' }] }),
          /^entryId: no meeting 'annual-review-1999-12-14'/,
        ],
        [
          'amendment changing the id',
          () => handle.executeUpdate(messages.amendAgreement, { args: [{ agreement: { ...raw, id: 'other-id' } }] }),
          /^agreement\.id: an amendment keeps the agreement id/,
        ],
        [
          'invalid amended file',
          () =>
            handle.executeUpdate(messages.amendAgreement, {
              args: [
                {
                  agreement: {
                    ...raw,
                    people: [
                      { ...(raw.people as object[])[0], email: 'not-an-email' },
                      ...(raw.people as object[]).slice(1),
                    ],
                  },
                },
              ],
            }),
          /agreement\.people\[0\]\.email: /,
        ],
        [
          'successor with the same id',
          () => handle.executeUpdate(messages.renewAgreement, { args: [{ agreement: raw }] }),
          /^agreement\.id: the successor needs its own id/,
        ],
        [
          'unexpected field',
          () =>
            handle.executeUpdate(messages.recordRenewalMeeting, {
              args: [{ heldOn: '2027-03-01', by: 'me' } as never],
            }),
          /by/,
        ],
      ];
      for (const [name, run, expected] of cases) {
        expect(await rejection(run), name).toMatch(expected);
      }

      const after = await handle.query(messages.stateQuery);
      expect(after).toEqual(before);
      const history = await handle.fetchHistory();
      const updates = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
      expect(updates).toEqual([]);
      await handle.terminate('test over');
    });
  });
});
