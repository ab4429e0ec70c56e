/**
 * The invitation records a lifecycle keeps after sending a meeting's invitation, for tests of
 * what an amendment or a notice changes: one record, sequence 0, held by `sentTo`.
 */
import type { InvitationRecord } from '../../contracts/lifecycle-state';

export function heldInvitation(
  agreementId: string,
  entry: { id: string; type: string; at: string; endsAt?: string; title: string },
  sentTo: string[] = ['pilote-1', 'ref-cnfpt'],
): Record<string, InvitationRecord> {
  const uid = `${entry.id}@${agreementId}.pacte`;
  return {
    [uid]: {
      uid,
      entryId: entry.id,
      type: entry.type,
      sequence: 0,
      start: entry.at,
      end: entry.endsAt ?? entry.at,
      summary: entry.title,
      sentTo,
    },
  };
}
