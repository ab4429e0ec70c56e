/**
 * Deterministic Message-IDs (docs/contracts.md#e-mails): the same reminders for the same person on
 * the same day always get the same id, so a retried send is recognisable by the recipient's mail
 * system and by the tests. FNV-1a is enough: the id only has to be stable and spread, not secret.
 *
 * @module
 */

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** `<hash.day.person@agreement.pacte>`; ids only, no personal data. */
export function reminderMessageId(agreementId: string, day: string, personId: string, keys: string[]): string {
  const digest = fnv1a([agreementId, day, personId, ...[...keys].sort()].join('\n'));
  return `<${digest}.${day}.${personId}@${agreementId}.pacte>`;
}
