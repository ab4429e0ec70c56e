/**
 * « Tableau de suivi » (annex 3 of the COT: the monthly tracking table) as an Excel workbook:
 * one row per item of the term — each calendar entry, the art. 8 indicators, each project sheet —
 * with who is responsible, when it is due (a real Excel date) and where it stands.
 *
 * Rows are computed apart from the workbook (`trackingRows`, pure), so the content is tested
 * without exceljs and the workbook is only their layout.
 *
 * @module
 */
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Agreement } from '../../domain/agreement';
import { resolveAudience } from '../../domain/calendar';
import { calendarOf } from '../read-model/entry-calendar';
import type { LifecycleEntry } from '../read-model/lifecycle-entry';
import { ITEM_KIND_LABELS, itemKindOf } from '../view-models/labels';

export interface TrackingRow {
  /** Local date `YYYY-MM-DD`; undated events have none. */
  due?: string;
  item: string;
  kind: string;
  owner: string;
  status: string;
  article?: string;
}

export const TRACKING_HEADERS = ['Échéance', 'Élément', 'Type', 'Responsable', 'Statut', 'Article'] as const;

export function trackingRows(entry: LifecycleEntry, nowMs: number): TrackingRow[] {
  const { agreement, view } = entry;
  const today = DateTime.fromMillis(nowMs, { zone: agreement.timezone }).toISODate()!;
  const names = new Map(agreement.people.map((p) => [p.id, p.name]));
  const who = (ids: readonly string[]) => [...new Set(ids)].map((id) => names.get(id) ?? id).join(', ');
  const referents = resolveAudience(agreement, ['referent']);
  const held = new Map(view.meetings.map((m) => [m.entryId, m.heldOn]));
  const answered = new Map(view.census.filter((c) => c.answeredOn).map((c) => [c.year, c.answeredOn!]));
  const rows: TrackingRow[] = [];
  const when = (date: string, doneOn: string | undefined, doneWord: string) =>
    doneOn ? `${doneWord} le ${fr(doneOn)}` : date < today ? 'passée' : 'à venir';

  for (const e of calendarOf(entry).entries) {
    const kind = itemKindOf(e.type);
    const owner = ownerOf(agreement, e.type, e.reminders, referents);
    const status =
      kind === 'meeting'
        ? when(e.date, held.get(e.id), 'tenue')
        : kind === 'census' && e.censusYear !== undefined
          ? when(e.date, answered.get(e.censusYear), 'répondu')
          : e.undated
            ? 'date à fixer'
            : when(e.date, undefined, '');
    rows.push({
      ...(e.undated ? {} : { due: e.date }),
      item: e.title,
      kind: ITEM_KIND_LABELS[kind],
      owner: who(owner),
      status,
      ...(e.article ? { article: e.article } : {}),
    });
    if (e.indicatorsDueOn) {
      const contacts = e.reminders.filter((r) => r.purpose === 'indicators').flatMap((r) => r.to);
      rows.push({
        due: e.indicatorsDueOn,
        item: `Indicateurs d’évaluation (${e.title})`,
        kind: ITEM_KIND_LABELS.indicators,
        owner: who(contacts),
        status: when(e.indicatorsDueOn, undefined, ''),
        article: 'art. 8',
      });
    }
  }
  for (const s of [...view.overdueSheets, ...view.pendingSheets, ...view.submittedSheets]) {
    rows.push({
      due: s.dueOn,
      item: `Fiche projet ${s.title} (${s.censusYear})`,
      kind: ITEM_KIND_LABELS.sheet,
      owner: who(s.leads),
      status: s.submittedOn ? `reçue le ${fr(s.submittedOn)}` : s.dueOn < today ? 'en retard' : 'attendue',
      ...(agreement.census?.article ? { article: agreement.census.article } : {}),
    });
  }
  return rows.sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
}

/** Who answers for an item: the referents for meetings and the term, those reminded otherwise. */
function ownerOf(
  agreement: Agreement,
  type: string,
  reminders: readonly { to: string[]; purpose: string }[],
  referents: string[],
): string[] {
  if (type === 'census-open' || type === 'census-deadline') {
    const to = reminders.flatMap((r) => r.to);
    return to.length ? to : resolveAudience(agreement, agreement.census?.to ?? []);
  }
  return referents;
}

function fr(date: string): string {
  return DateTime.fromISO(date).toFormat('dd/MM/yyyy');
}

/** The workbook: one sheet « Tableau de suivi », French headers, dates as Excel dates. */
export async function trackingWorkbook(entry: LifecycleEntry, nowMs: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pacte';
  workbook.created = new Date(nowMs);
  const sheet = workbook.addWorksheet('Tableau de suivi', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: TRACKING_HEADERS[0], key: 'due', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
    { header: TRACKING_HEADERS[1], key: 'item', width: 60 },
    { header: TRACKING_HEADERS[2], key: 'kind', width: 20 },
    { header: TRACKING_HEADERS[3], key: 'owner', width: 40 },
    { header: TRACKING_HEADERS[4], key: 'status', width: 24 },
    { header: TRACKING_HEADERS[5], key: 'article', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of trackingRows(entry, nowMs)) {
    sheet.addRow({
      // A calendar date, stored as midnight UTC: Excel shows the same day wherever it is opened.
      due: row.due ? new Date(`${row.due}T00:00:00Z`) : null,
      item: row.item,
      kind: row.kind,
      owner: row.owner,
      status: row.status,
      article: row.article ?? '',
    });
  }
  sheet.autoFilter = { from: 'A1', to: 'F1' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
