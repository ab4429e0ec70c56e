/**
 * `npm run record:histories -- <version>` (v1, v2, …): records the histories the replay test runs, from a scenario that
 * goes through every workflow type and operation: a lifecycle that continues as new (by size from v8, with
 * a small `runEventLimit`; each 1 January before), a census
 * campaign, two project sheets (one submitted, one escalated), an amendment, a dispute, a meeting
 * recorded, changes of person (one applied at once, one on a later day), operations that say who
 * recorded them (the journal) and a notice; and a second lifecycle started late, after a
 * reminder's time and before its meeting (saved as `late-start`). Run it when a workflow change is released (commit the new files next to
 * the old ones: old histories must keep replaying, that is the point).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { planCalendar, planProjectSheet } from '../../domain/calendar';
import { lifecycleStartOptions } from '../../client/lifecycle-start-options';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { censusWorkflowId, lifecycleWorkflowId, sheetWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, exampleRaw, startLifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, localAt, stateWhen, yearsAhead } from '../support/lifecycle-helpers';

const OUT = fileURLToPath(new URL('./histories/', import.meta.url));
const label = process.argv[2] ?? 'v1';
/** Small enough for the scenario's lifecycle to continue as new twice or so (runs end by size from v8). */
const RECORDED_RUN_EVENT_LIMIT = 120;

async function main(): Promise<void> {
  const t = await startLifecycleEnv('record-histories');
  try {
    const shift = await yearsAhead(t.env, '2025-01-15');
    const agreement = await exampleAgreement('convention-cadre-terre-valserhone', shift);
    const raw = await exampleRaw('convention-cadre-terre-valserhone', shift);
    const year = Number(agreement.term.signedOn.slice(0, 4));
    const workflowId = lifecycleWorkflowId(agreement.id);
    const worker = await t.newWorker();
    const saved: string[] = [];
    await worker.runUntil(async () => {
      // As every starter does (client/lifecycle-start-options.ts): search attributes and memo at start;
      // with a small run limit, so that the lifecycle continues as new within the scenario (v8).
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        ...lifecycleStartOptions(agreement, t.taskQueue, { nowMs: await t.env.currentTimeMs() }),
        args: [{ agreement, runEventLimit: RECORDED_RUN_EVENT_LIMIT }],
      });
      // 1 September, or the next business day that year.
      const opensOn = planCalendar(agreement).entries.find(
        (e) => e.type === 'census-open' && e.censusYear === year,
      )!.date;
      await advanceTo(t.env, localAt(agreement, opensOn));
      await stateWhen(handle, (s) => s.census.length > 0, 'census opened');
      await handle.executeUpdate(messages.recordCensusAnswer, {
        args: [{ year, recordedBy: { via: 'cli', account: 'ops' } }],
      });
      await handle.executeUpdate(messages.notifyRetainedProjects, {
        args: [
          {
            year,
            projects: [
              { id: 'management', title: 'Management', leads: ['formation-terre-valserhone'] },
              { id: 'prevention', title: 'Prévention', leads: ['formation-terre-valserhone'] },
            ],
          },
        ],
      });
      await handle.executeUpdate(messages.submitProjectSheet, {
        args: [
          {
            projectId: 'management',
            label: 'Manager',
            place: 'Bellegarde',
            period: 'novembre',
            mode: 'mixte',
            participants: 18,
            context: 'c',
            objectives: 'o',
          },
        ],
      });
      const escalation = planProjectSheet(agreement, { projectId: 'prevention', notifiedOn: opensOn });
      await advanceTo(t.env, localAt(agreement, escalation.escalateOn, '12:00'));
      await stateWhen(handle, (s) => s.overdueSheets.some((o) => o.escalatedOn), 'escalated');
      const review = planCalendar(agreement).entries.find((e) => e.type === 'annual-review')!;
      // A second lifecycle started at 12:30 on the day of the review's first reminder (9:00): late.
      const lateAgreement = { ...agreement, id: `${agreement.id}-late` };
      const lateStart = localAt(agreement, review.reminders[0]!.date, '12:30');
      await advanceTo(t.env, lateStart);
      const late = await t.env.client.workflow.start(
        agreementLifecycle,
        lifecycleStartOptions(lateAgreement, t.taskQueue, { nowMs: await t.env.currentTimeMs() }),
      );
      await stateWhen(late, (s) => s.sent.length > 0, 'late reminder sent at once');
      await late.terminate('recorded');
      await advanceTo(t.env, localAt(agreement, review.date, '18:00'));
      await handle.executeUpdate(messages.recordMeeting, {
        args: [{ entryId: review.id, minutesUrl: 'https://example.org/cr.pdf' }],
      });
      const meetings = raw.meetings as Record<string, Record<string, unknown>>;
      meetings['annual-review'] = { ...meetings['annual-review'], time: '10:00' };
      await handle.executeUpdate(messages.amendAgreement, { args: [{ agreement: raw, summary: 'Avenant 1' }] });
      await handle.executeUpdate(messages.recordDispute, {
        args: [
          {
            byParty: 'terre-valserhone',
            subject: 'Facturation',
            recordedBy: { via: 'web', personId: 'ref-cnfpt', account: 'camille.martin@example.org' },
          },
        ],
      });
      // Changes of person: one at once, one from a later day (applied by the main loop).
      await handle.executeUpdate(messages.changePerson, {
        args: [
          {
            change: 'add',
            personId: 'sign-cnfpt',
            person: { id: 'sign-cnfpt-2', name: 'Nouvelle Déléguée', email: 'deleguee@example.org' },
            recordedBy: { via: 'email-link', personId: 'ref-cnfpt' },
          },
        ],
      });
      const effectiveOn = `${review.date.slice(0, 8)}20`;
      await handle.executeUpdate(messages.changePerson, {
        args: [{ change: 'replace', personId: 'ref-terre-valserhone', email: 'j.moreau@example.org', effectiveOn }],
      });
      await advanceTo(t.env, localAt(agreement, effectiveOn, '12:00'));
      await advanceTo(t.env, localAt(agreement, `${year + 1}-03-01`));
      await handle.executeUpdate(messages.giveNotice, { args: [{ byParty: 'cnfpt-ara' }] });
      const result = await handle.result();
      console.log(`[record] lifecycle ended ${result.phase} on ${result.endedOn} after ${result.sent} e-mails`);

      await mkdir(OUT, { recursive: true });
      const save = async (name: string, id: string, runId?: string) => {
        const history = await t.env.client.workflow.getHandle(id, runId).fetchHistory();
        const file = `${OUT}${label}-${name}.json`;
        await writeFile(file, JSON.stringify(history, null, 1));
        saved.push(`${file} (${history.events?.length} events)`);
        return history;
      };
      let runId: string | undefined = handle.firstExecutionRunId;
      for (let run = 1; runId; run++) {
        const history = await save(`agreement-lifecycle-run${run}`, workflowId, runId);
        runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
      }
      await save('census-campaign', censusWorkflowId(agreement.id, year));
      await save('project-sheet-submitted', sheetWorkflowId(agreement.id, year, 'management'));
      await save('project-sheet-escalated', sheetWorkflowId(agreement.id, year, 'prevention'));
      await save('agreement-lifecycle-late-start', lifecycleWorkflowId(lateAgreement.id));
    });
    for (const line of saved) console.log(`[record] wrote ${line}`);
  } finally {
    await t.teardown();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
