/**
 * Meetings followed up (issue 14 item 5), on the time-skipping server with a real SMTP sink: a
 * COT's monthly pilot review with `followUpAfter: P7D`. One occurrence recorded as held with its
 * minutes (no follow-up), one recorded without minutes and with axis 2's tracking table late (its
 * pilots and project leads told at once, no one of another axis; the referents asked for the
 * minutes), one not recorded at all (the referents asked to record it). Before each review, each
 * axis's project leads are reminded to update the table (`leadsReportBefore`, annex 3), their own
 * axis's only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { CalendarEntry } from '../../domain/calendar-types';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import * as messages from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import {
  advanceTo,
  localAt,
  recipientId,
  rejection,
  reminderIds,
  stateWhen,
  yearsAhead,
} from '../support/lifecycle-helpers';
import { plainSpaces } from '../support/plain-spaces';

/** A title as the e-mails print it: one apostrophe style (’). */
const typo = (text: string) => text.replace(/'/g, '’');

describe('lifecycle: meetings followed up', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('lifecycle-meeting-followups');
    const shift = await yearsAhead(t.env, '2010-10-01');
    agreement = await exampleAgreement('cot-seine-et-marne', shift, (raw) => {
      const meetings = raw.meetings as Record<string, Record<string, unknown>>;
      meetings['pilot-review']!.followUpAfter = 'P7D';
    });
  });
  afterAll(async () => t?.teardown());

  it('reminds the referents of a meeting not recorded or without minutes, and the pilots of a late table', async () => {
    const reviews = planCalendar(agreement).entries.filter((e) => e.type === 'pilot-review');
    const [withMinutes, withoutMinutes, notRecorded] = reviews.slice(1, 4) as [
      CalendarEntry,
      CalendarEntry,
      CalendarEntry,
    ];
    const followUp = (entry: CalendarEntry) => entry.reminders.find((r) => r.purpose === 'meeting-followup')!;
    const referents = agreement.people.filter((p) => p.roles.includes('referent')).map((p) => p.id);
    const axis2 = agreement.axes.find((a) => a.id === 'axe-2')!;
    const year = Number(withoutMinutes.date.slice(0, 4));
    const leadsOf = (axis: (typeof agreement.axes)[number]) =>
      axis.projects.filter((p) => !p.years || p.years.includes(year)).flatMap((p) => p.leads);
    const axisOf = new Map(agreement.axes.flatMap((a) => a.projects.flatMap((p) => p.leads.map((l) => [l, a.id]))));
    expect(followUp(withMinutes).to).toEqual([...referents].sort());

    const worker = await t.newWorker();
    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      await advanceTo(t.env, localAt(agreement, withMinutes.date, '16:00'));
      await handle.executeUpdate(messages.recordMeeting, {
        args: [{ entryId: withMinutes.id, minutesUrl: 'https://intranet.example.org/cr/1' }],
      });
      await advanceTo(t.env, localAt(agreement, withoutMinutes.date, '16:00'));
      // An axis the contract does not have is refused, naming the field, and records nothing.
      const refused = await rejection(() =>
        handle.executeUpdate(messages.recordMeeting, {
          args: [{ entryId: withoutMinutes.id, trackingTable: 'late', axes: ['axe-2', 'axe-9'] }],
        }),
      );
      expect(refused).toBe("axes[1]: no axis 'axe-9' in the agreement (axes: axe-1, axe-2, axe-3)");
      const notLate = await rejection(() =>
        handle.executeUpdate(messages.recordMeeting, {
          args: [{ entryId: withoutMinutes.id, trackingTable: 'up-to-date', axes: ['axe-2'] }],
        }),
      );
      expect(notLate).toBe('axes: name axes only for a late tracking table (trackingTable: late)');
      await handle.executeUpdate(messages.recordMeeting, {
        args: [{ entryId: withoutMinutes.id, trackingTable: 'late', axes: ['axe-2'] }],
      });
      await stateWhen(
        handle,
        (s) => s.sent.some((r) => r.purposes.includes('tracking-table-late')),
        'tracking table reminder sent',
      );
      const last = followUp(notRecorded);
      await advanceTo(t.env, localAt(agreement, last.date, '12:00'));
      await stateWhen(handle, (s) => s.sent.some((r) => r.reminderIds.includes(last.id)), 'last follow-up sent');

      const all = t.sink.messages.flatMap((m) =>
        reminderIds(m).map((id) => ({ id, to: recipientId(agreement, m), mail: m })),
      );
      // Recorded with its minutes: no follow-up.
      expect(all.filter((r) => r.id === followUp(withMinutes).id)).toEqual([]);
      // Recorded without minutes: the referents are asked to share them.
      const minutes = all.filter((r) => r.id === followUp(withoutMinutes).id);
      expect(minutes.map((r) => r.to).sort()).toEqual([...referents].sort());
      for (const r of minutes) {
        expect(plainSpaces(r.mail.text)).toContain('a été enregistrée sans son compte rendu');
        expect(plainSpaces(r.mail.text)).toContain('annexe 3');
        // A follow-up is not an invitation: the e-mail may invite to the next meeting, never to this one.
        expect(r.mail.icalendar.some((ics) => ics.includes(`UID:${withoutMinutes.id}@`))).toBe(false);
      }
      // Not recorded: the referents are asked to record it (or fix a new date).
      const unrecorded = all.filter((r) => r.id === last.id);
      expect(unrecorded.map((r) => r.to).sort()).toEqual([...referents].sort());
      for (const r of unrecorded) expect(plainSpaces(r.mail.text)).toContain('n’a pas été enregistrée comme tenue');
      // Axis 2's late tracking table: its pilots and project leads, at once, once; no one else.
      const table = all.filter((r) => r.id.startsWith(`${withoutMinutes.id}/tracking-table-late/`));
      expect(table.map((r) => r.to).sort()).toEqual([...new Set([...axis2.pilots, ...leadsOf(axis2)])].sort());
      expect(leadsOf(axis2).length).toBeGreaterThan(0);
      for (const r of table) {
        expect(r.id).toBe(`${withoutMinutes.id}/tracking-table-late/axe-2/${withoutMinutes.date}`);
        expect(plainSpaces(r.mail.text)).toContain('le tableau de suivi a été signalé en retard');
        expect(plainSpaces(r.mail.text)).toContain(`Axe « ${typo(axis2.title)} »`);
      }
      // Before each review, each project lead is reminded of their own axis's table only.
      const reports = all.filter((r) => r.id.includes('/tracking-table/'));
      const reported = new Set(reports.map((r) => r.to));
      for (const axis of agreement.axes) for (const lead of leadsOf(axis)) expect(reported).toContain(lead);
      for (const r of reports) {
        expect(r.id).toContain(`/tracking-table/${axisOf.get(r.to)}/`);
        const axis = agreement.axes.find((a) => a.id === axisOf.get(r.to))!;
        expect(plainSpaces(r.mail.text)).toContain(`Axe « ${typo(axis.title)} »`);
        for (const other of agreement.axes.filter((a) => a !== axis))
          expect(plainSpaces(r.mail.text)).not.toContain(`Axe « ${typo(other.title)} »`);
      }

      await handle.terminate('test over');
    });
  });
});
