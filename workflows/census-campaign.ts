/**
 * One census campaign (art. 9) as a child of its agreement's lifecycle, so that an administrator
 * sees each year's campaign, its answer and its retained projects under the agreement in the
 * Web UI. The lifecycle is authoritative and does the sending (one e-mail per person per day);
 * this workflow keeps the campaign's record and ends when the lifecycle closes it.
 *
 * @module
 */
import * as wf from '@temporalio/workflow';
import {
  campaignClosed,
  censusAnswered,
  censusCampaignState,
  projectsRetained,
  type CensusCampaignInput,
  type CensusCampaignRecord,
} from '../contracts/messages';

function details(record: CensusCampaignRecord): string {
  return [
    `**Recensement ${record.year}** : ouvert le ${record.opensOn}, clôture le ${record.closesOn}`,
    `Réponse : ${record.answeredOn ?? 'en attente'}`,
    ...(record.projects.length
      ? ['', '**Projets retenus**', ...record.projects.map((p) => `- ${p.title} : fiche attendue le ${p.dueOn}`)]
      : []),
    ...(record.closedOn ? ['', `Clos le ${record.closedOn} (${record.closedBecause})`] : []),
  ].join('\n');
}

export async function censusCampaign(input: CensusCampaignInput): Promise<CensusCampaignRecord> {
  const record: CensusCampaignRecord = { ...input, projects: [] };
  const show = () => wf.setCurrentDetails(details(record));
  wf.setHandler(censusCampaignState, () => record);
  wf.setHandler(censusAnswered, ({ answeredOn }) => {
    record.answeredOn = answeredOn;
    show();
  });
  wf.setHandler(projectsRetained, ({ notifiedOn, projects }) => {
    record.projectsNotifiedOn = notifiedOn;
    record.projects.push(...projects);
    show();
  });
  wf.setHandler(campaignClosed, ({ on, reason }) => {
    record.closedOn = on;
    record.closedBecause = reason;
    show();
  });
  show();
  await wf.condition(() => record.closedOn !== undefined);
  return record;
}
