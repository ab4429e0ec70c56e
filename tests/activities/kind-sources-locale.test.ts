/**
 * The kind's defaults follow the agreement's locale (domain/kind-sources.ts): the English copy of
 * the Terre Valserhône example, which leaves them to the kind, gets every one of them in English
 * in its e-mails (renewal meeting's purpose, what the annual meeting prepares, the art. 8
 * indicators, the form of notice) and none of the French ones; the real rendering path.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../activities/render/message';
import { parseAgreementText } from '../../client/agreement-file';
import { KIND_SOURCES, type KindSources } from '../../domain/kind-sources';
import { simulateTerm } from '../../workflows/term-simulation';

const FILE = fileURLToPath(
  new URL('../../examples/agreements/en/convention-cadre-terre-valserhone.yaml', import.meta.url),
);

/** Every sentence a kind's sources give. */
function sentences(s: KindSources): string[] {
  return [
    ...(s.renewalAgenda ? [s.renewalAgenda] : []),
    ...(s.noticeForm ? [s.noticeForm] : []),
    ...Object.values(s.meetings).flatMap((m) => [...(m.prepare ?? []), ...(m.indicators ?? [])]),
  ];
}

describe('kind defaults by locale', () => {
  it('the English example gets the English defaults, none of the French ones', () => {
    const parsed = parseAgreementText(readFileSync(FILE, 'utf8'), FILE);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const agreement = parsed.agreement;
    expect(agreement.locale).toBe('en');
    const en = KIND_SOURCES.en['convention-cadre'];
    expect(agreement.term.renewalAgenda).toBe(en.renewalAgenda);
    expect(agreement.term.noticeForm).toBe(en.noticeForm);
    expect(agreement.meetings['annual-review']!.prepare).toEqual(en.meetings['annual-review']!.prepare);

    const texts = simulateTerm(agreement)
      .wakeUps.flatMap((w) => w.messages.map((m) => renderMessage(m.message).text))
      .join('\n');
    const shown = (s: string) => s.replace(/[.]$/, '').replace(/^\p{Ll}/u, (c) => c.toUpperCase());
    for (const sentence of sentences(en)) {
      if (sentence === en.noticeForm) continue; // only said in a notice, which nobody gives here
      expect(texts.includes(sentence) || texts.includes(shown(sentence)), sentence).toBe(true);
    }
    for (const sentence of sentences(KIND_SOURCES.fr['convention-cadre']))
      expect(texts.toLowerCase(), sentence).not.toContain(sentence.toLowerCase());
  });

  it('every kind has its defaults in both languages, the same in number', () => {
    for (const kind of Object.keys(KIND_SOURCES.fr) as (keyof typeof KIND_SOURCES.fr)[]) {
      const [fr, en] = [KIND_SOURCES.fr[kind], KIND_SOURCES.en[kind]];
      expect(Object.keys(en.meetings).sort(), kind).toEqual(Object.keys(fr.meetings).sort());
      expect(sentences(en).length, kind).toBe(sentences(fr).length);
    }
  });
});
