/**
 * One retained project's sheet (art. 9) as a child of its agreement's lifecycle: its due date,
 * whether it was submitted (with the sheet's fields) or escalated. The lifecycle sends the
 * reminders and the escalation; this workflow is the sheet's record in the Web UI.
 *
 * @module
 */
import * as wf from '@temporalio/workflow';
import {
  projectSheetState,
  sheetClosed,
  sheetEscalated,
  sheetSubmitted,
  type ProjectSheetChildInput,
  type ProjectSheetRecord,
} from '../contracts/messages';

function details(record: ProjectSheetRecord): string {
  const status = record.submittedOn
    ? `remise le ${record.submittedOn}${record.flagged ? ' · ⚠ effectif sous le minimum' : ''}`
    : record.escalatedOn
      ? `en retard, signalée aux référents le ${record.escalatedOn}`
      : 'attendue';
  return `**${record.title}** (recensement ${record.censusYear})\n\nÉchéance : ${record.dueOn} · ${status}`;
}

export async function projectSheet(input: ProjectSheetChildInput): Promise<ProjectSheetRecord> {
  const record: ProjectSheetRecord = { ...input };
  const show = () => wf.setCurrentDetails(details(record));
  wf.setHandler(projectSheetState, () => record);
  wf.setHandler(sheetSubmitted, ({ on, sheet, flagged }) => {
    record.submittedOn = on;
    record.sheet = sheet;
    record.flagged = flagged;
    show();
  });
  wf.setHandler(sheetEscalated, ({ on }) => {
    record.escalatedOn = on;
    show();
  });
  wf.setHandler(sheetClosed, ({ on, reason }) => {
    record.closedOn = on;
    record.closedBecause = reason;
    show();
  });
  show();
  await wf.condition(() => record.submittedOn !== undefined || record.closedOn !== undefined);
  return record;
}
