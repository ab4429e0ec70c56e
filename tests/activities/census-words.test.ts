/**
 * The census e-mails of the Terre Valserhône example, on the real rendering path (file → term
 * simulation → composed messages → rendered e-mail): the census of the term's last autumn feeds a
 * year after the term, and says that year depends on the renewal; the retained projects to notify,
 * sent the day after the close, say when to act without presenting the past close day as « Quand ».
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAgreementText } from '../../client/agreement-file';
import type { Agreement, Locale } from '../../domain/agreement';
import { renderMessage } from '../../activities/render/message';
import { simulateTerm } from '../../workflows/term-simulation';
import { plainSpaces } from '../support/plain-spaces';

const FILE = fileURLToPath(
  new URL('../../examples/agreements/convention-cadre-terre-valserhone.yaml', import.meta.url),
);

function example(locale: Locale): Agreement {
  const text = readFileSync(FILE, 'utf8').replace(/^kind: /m, `locale: ${locale}\nkind: `);
  const parsed = parseAgreementText(text, FILE);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.agreement;
}

const CENSUS = new Set(['census-open', 'census-launch', 'census-deadline', 'census-retained']);

function censusMails(agreement: Agreement) {
  return simulateTerm(agreement)
    .wakeUps.flatMap((w) => w.messages.map((m) => m.message))
    .flatMap((message) =>
      message.items
        .filter((item) => CENSUS.has(item.purpose))
        .map((item) => ({ message, item, text: plainSpaces(renderMessage({ ...message, items: [item] }).text) })),
    );
}

describe.each<[Locale, string]>([
  ['fr', 'ne sera mis en œuvre que sous réserve du renouvellement de la convention'],
  ['en', 'will only be carried out if the convention is renewed'],
])('census e-mails (%s)', (locale, dependsOnRenewal) => {
  const agreement = example(locale);
  const endYear = Number(agreement.term.endsOn.slice(0, 4));
  const mails = censusMails(agreement);

  it('say that a programme year after the term depends on the renewal, and only then', () => {
    const after = mails.filter((m) => m.item.details!.programmeYear! > endYear);
    const within = mails.filter((m) => m.item.details!.programmeYear! <= endYear);
    // Every purpose of the last census, and earlier censuses too.
    expect(new Set(after.map((m) => m.item.purpose))).toEqual(CENSUS);
    expect(within.length).toBeGreaterThan(0);
    for (const m of after) {
      expect(m.text, m.message.messageId).toContain(dependsOnRenewal);
      expect(m.text, m.message.messageId).toContain(String(endYear + 1));
    }
    for (const m of within) expect(m.text, m.message.messageId).not.toContain(dependsOnRenewal);
  });

  it('retained projects: sent after the close, « Quand » is now and the close day is told as past', () => {
    const retained = mails.filter((m) => m.item.purpose === 'census-retained');
    expect(retained.length).toBeGreaterThan(0);
    for (const m of retained) {
      const closedOn = m.item.details!.dueOn!;
      expect(m.message.day > closedOn).toBe(true);
      const when = /^(?:Quand :|When:) (.*)$/m.exec(m.text)![1];
      expect(when).toBe(locale === 'fr' ? 'dès maintenant' : 'now');
      expect(m.text).toMatch(locale === 'fr' ? /s’est clos le \S+ \d+/ : /closed on \S+ \d+/);
      expect(m.text).toContain(String(m.item.details!.programmeYear));
    }
  });
});
