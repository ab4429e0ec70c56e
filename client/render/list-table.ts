/**
 * The `pacte list` table: one line per lifecycle, columns aligned, newest first as the server
 * returns them.
 *
 * @module
 */
import { DateTime } from 'luxon';

export interface ListedLifecycle {
  workflowId: string;
  runId: string;
  agreementId: string;
  kind: string | null;
  phase: string | null;
  /** Temporal execution status: RUNNING, COMPLETED, TERMINATED… */
  status: string;
  /** ISO instant, only while running. */
  nextDeadline: string | null;
  /** Local date `YYYY-MM-DD`. */
  endsOn: string | null;
  parties: string[];
  title: string | null;
  startTime: string;
  closeTime: string | null;
}

/**
 * Deadlines are instants; the list does not know each agreement's zone (it is not a search
 * attribute), so it shows them in the zone of the CNFPT's agreements unless `PACTE_TIMEZONE` says
 * otherwise — never in the host's zone, which would differ between an administrator and a server.
 */
function deadline(instant: string | null, zone: string): string {
  if (!instant) return '—';
  const dt = DateTime.fromISO(instant).setZone(zone);
  return dt.isValid ? dt.toFormat('yyyy-MM-dd HH:mm') : instant;
}

export function renderListTable(rows: ListedLifecycle[], zone = process.env.PACTE_TIMEZONE || 'Europe/Paris'): string {
  if (rows.length === 0) return 'no agreement lifecycle found\n';
  const header = ['ID', 'KIND', 'PHASE', 'STATUS', `NEXT DEADLINE (${zone})`, 'ENDS ON'];
  const body = rows.map((r) => [
    r.agreementId,
    r.kind ?? '—',
    r.phase ?? '—',
    r.status.toLowerCase(),
    deadline(r.nextDeadline, zone),
    r.endsOn ?? '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return `${[line(header), ...body.map(line)].join('\n')}\n`;
}
