/**
 * Census → retained projects → one sheet submitted on time, one overdue and escalated (art. 9),
 * with each campaign and sheet as a child workflow under its agreement. The file names a model of
 * the sheet (`census.sheetTemplate`): the project leads' e-mails name it; the escalation names
 * whom each late sheet is waited from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar, planProjectSheet } from '../../domain/calendar';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { censusWorkflowId, lifecycleWorkflowId, sheetWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { advanceTo, localAt, recipientId, reminderIds, stateWhen, yearsAhead } from '../support/lifecycle-helpers';
import { plainSpaces } from '../support/plain-spaces';

/** The model of the sheet the file names (docs/agreement-file.md, `census.sheetTemplate`). */
const SHEET_TEMPLATE = 'Fiche projet – modèle de l’annexe 2';

describe('lifecycle: census campaign and project sheets', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;
  let year: number;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-census');
    const shift = await yearsAhead(t.env, '2025-01-15');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', shift, (raw) => {
      (raw.census as Record<string, unknown>).sheetTemplate = SHEET_TEMPLATE;
    });
    year = Number(agreement.term.signedOn.slice(0, 4));
  });
  afterAll(async () => t?.teardown());

  it('reminds until answered, tracks sheets, escalates the overdue one to both referents', async () => {
    const worker = await t.newWorker();
    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      // 1 September, or the next business day that year.
      const opening = planCalendar(agreement).entries.find((e) => e.type === 'census-open' && e.censusYear === year)!;
      const opensOn = opening.date;
      await advanceTo(t.env, localAt(agreement, opensOn));
      await stateWhen(handle, (s) => s.census.some((c) => c.year === year && c.workflowId), 'census campaign started');
      const campaign = t.env.client.workflow.getHandle(censusWorkflowId(agreement.id, year));
      expect((await campaign.describe()).status.name).toBe('RUNNING');
      expect(t.sink.messages.some((m) => reminderIds(m).some((id) => id.startsWith(`${opening.id}/`)))).toBe(true);

      await handle.executeUpdate(messages.recordCensusAnswer, { args: [{ year }] });
      const lead = 'formation-terre-valserhone';
      await handle.executeUpdate(messages.notifyRetainedProjects, {
        args: [
          {
            year,
            projects: [
              { id: 'management', title: 'Parcours management', leads: [lead] },
              { id: 'prevention', title: 'Prévention des risques', leads: [lead, 'ref-terre-valserhone'] },
            ],
          },
        ],
      });
      const submitted = await handle.executeUpdate(messages.submitProjectSheet, {
        args: [
          {
            projectId: 'management',
            label: 'Manager au quotidien',
            place: 'Bellegarde',
            period: 'novembre',
            mode: 'presentiel',
            participants: 10,
            context: 'Nouveaux encadrants',
            objectives: 'Conduire un entretien annuel',
          },
        ],
      });
      expect(submitted.flagged).toBe(true); // 10 < minParticipants 15, not a regulated training

      const prevention = planProjectSheet(agreement, { projectId: 'prevention', notifiedOn: opensOn });
      await advanceTo(t.env, localAt(agreement, prevention.escalateOn, '12:00'));
      const state = await stateWhen(handle, (s) => s.overdueSheets.some((o) => o.escalatedOn), 'escalation recorded');

      expect(state.overdueSheets.map((s) => s.projectId)).toEqual(['prevention']);
      expect(state.submittedSheets.map((s) => [s.projectId, s.flagged])).toEqual([['management', true]]);

      // After the answer, no census-deadline reminder for that year.
      const all = t.sink.messages.flatMap((m) =>
        reminderIds(m).map((id) => ({ id, to: recipientId(agreement, m), mail: m })),
      );
      expect(all.filter((r) => r.id.startsWith(`census-deadline-${year}`))).toEqual([]);
      // Art. 9, the CNFPT organises the census: its referent was reminded to launch it on the opening day.
      const launch = all.filter((r) => r.id === `${opening.id}/census-launch/${opensOn}`);
      expect(launch.map((r) => r.to)).toEqual(['ref-cnfpt']);
      expect(plainSpaces(launch[0]!.mail.text)).toContain(
        `Recensement ${opening.programmeYear} des demandes de formation`,
      );
      expect(opening.programmeYear).toBe(year + 1); // a census in autumn feeds the next year's programme
      // Each lead heard at once that the project is retained, with what the sheet must state.
      const retained = all.filter((r) => r.id.endsWith('/project-sheet/retained'));
      expect(retained.map((r) => `${r.id}|${r.to}`).sort()).toEqual([
        `sheet-${year}-management/project-sheet/retained|${lead}`,
        `sheet-${year}-prevention/project-sheet/retained|${lead}`,
        `sheet-${year}-prevention/project-sheet/retained|ref-terre-valserhone`,
      ]);
      for (const r of retained) {
        expect(plainSpaces(r.mail.text)).toContain('La fiche projet doit indiquer :');
        expect(plainSpaces(r.mail.text)).toContain('au moins 15 (hors formations réglementées)');
        expect(plainSpaces(r.mail.text)).toContain('article 9');
        // The model the file names, in the text and the HTML alike.
        expect(plainSpaces(r.mail.text)).toContain(`Utilisez le modèle de fiche projet : ${SHEET_TEMPLATE}.`);
        expect(plainSpaces(r.mail.html)).toContain(SHEET_TEMPLATE);
      }
      // The sheet under the threshold was reported to the referents of both parties, once.
      const below = all.filter((r) => r.id.includes('/project-sheet-below-minimum/'));
      expect(below.map((r) => r.to).sort()).toEqual(['ref-cnfpt', 'ref-terre-valserhone']);
      for (const r of below) {
        expect(plainSpaces(r.mail.text)).toContain('« Parcours management » prévoit 10 participants');
        expect(plainSpaces(r.mail.text)).toContain('au moins 15 attendu hors formations réglementées');
      }
      // The submitted sheet gets no reminder after those; the other one every planned reminder, to each lead.
      expect(
        all.filter((r) => r.id.includes('management') && !r.id.endsWith('/retained') && !below.includes(r)),
      ).toEqual([]);
      const preventionReminders = all.filter((r) => r.id.startsWith('project-sheet-prevention/'));
      expect(preventionReminders.map((r) => `${r.id}|${r.to}`).sort()).toEqual(
        prevention.reminders.flatMap((r) => [lead, 'ref-terre-valserhone'].map((p) => `${r.id}|${p}`)).sort(),
      );
      // Escalation: once, to the referents of both parties, listing only the overdue sheet.
      const escalations = all.filter((r) => r.id.startsWith('escalation-'));
      expect(escalations.map((r) => r.to).sort()).toEqual(['ref-cnfpt', 'ref-terre-valserhone']);
      const names = (ids: string[]) => ids.map((id) => agreement.people.find((p) => p.id === id)!.name);
      for (const e of escalations) {
        expect(e.mail.text).toContain('Prévention des risques');
        expect(e.mail.text).not.toContain('Parcours management');
        // Whom the late sheet is waited from: both its leads, by name, so that the referents know whom to call.
        expect(plainSpaces(e.mail.text)).toContain(
          `responsables : ${names([lead, 'ref-terre-valserhone']).join(', ')}`,
        );
      }
      // Each reminder of the late sheet names the model too.
      for (const r of preventionReminders) expect(plainSpaces(r.mail.text)).toContain(SHEET_TEMPLATE);

      // Children: the submitted sheet's workflow completed with the sheet; the overdue one knows it was escalated.
      const done = await t.env.client.workflow.getHandle(sheetWorkflowId(agreement.id, year, 'management')).result();
      expect(done).toMatchObject({
        submittedOn: opensOn,
        flagged: true,
        sheet: { participants: 10, mode: 'presentiel' },
      });
      const overdue = t.env.client.workflow.getHandle(sheetWorkflowId(agreement.id, year, 'prevention'));
      expect((await overdue.describe()).status.name).toBe('RUNNING');
      expect(await overdue.query<{ escalatedOn?: string }>('state')).toMatchObject({
        escalatedOn: prevention.escalateOn,
      });

      // The projects were notified: no reminder to notify them after this year's close. The next
      // year nobody records them: the day after that census closes, the CNFPT referent is asked to.
      const retainedReminder = (y: number) =>
        planCalendar(agreement)
          .entries.find((e) => e.type === 'census-deadline' && e.censusYear === y)!
          .reminders.find((r) => r.purpose === 'census-retained')!;
      const next = retainedReminder(year + 1);
      await advanceTo(t.env, localAt(agreement, next.date, '12:00'));
      await stateWhen(
        handle,
        (s) => s.sent.some((r) => r.reminderIds.includes(next.id)),
        'next year: retained projects reminder sent',
      );
      const sent = t.sink.messages.flatMap((m) =>
        reminderIds(m).map((id) => ({ id, to: recipientId(agreement, m), mail: m })),
      );
      expect(sent.filter((r) => r.id === retainedReminder(year).id)).toEqual([]);
      const asked = sent.filter((r) => r.id === next.id);
      expect(asked.map((r) => r.to)).toEqual(['ref-cnfpt']);
      expect(plainSpaces(asked[0]!.mail.text)).toContain('notifiez-lui la liste des projets retenus');
      expect(plainSpaces(asked[0]!.mail.text)).toContain(`Recensement ${year + 2} clos`);

      await handle.terminate('test over');
    });
  });
});
