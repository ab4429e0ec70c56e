/**
 * The agreement's name in a sentence, in the e-mail's language: « la convention », « du
 * contrat », « de l’accord » (elided before a vowel), "the agreement"; and the article that an
 * obligation comes from, as a reader says it: « l’article 9 », « l’annexe 3 ».
 *
 * @module
 */
import type { DocumentName, Locale } from '../../domain/agreement';

export interface DocumentNoun {
  /** « la convention » / "the agreement" */
  the: string;
  /** « La convention » / "The agreement", at the start of a sentence. */
  The: string;
  /** « de la convention », « du contrat » / "of the agreement" */
  ofThe: string;
  /** « Convention » / "Agreement", a label. */
  Name: string;
  /** French past participles agree with it: « dénoncée » / « dénoncé ». */
  feminine: boolean;
}

/** What messages composed before the field existed mean: every agreement was « la convention ». */
const UNNAMED: Record<Locale, DocumentName> = {
  fr: { name: 'convention', gender: 'feminine' },
  en: { name: 'agreement', gender: 'feminine' },
};

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function documentNoun(document: DocumentName | undefined, locale: Locale): DocumentNoun {
  const { name, gender } = document ?? UNNAMED[locale];
  const feminine = gender === 'feminine';
  if (locale === 'en') {
    return { the: `the ${name}`, The: `The ${name}`, ofThe: `of the ${name}`, Name: capitalised(name), feminine };
  }
  const elided = /^[aeiouyhàâäéèêëîïôöùûü]/i.test(name);
  const the = elided ? `l’${name}` : `${feminine ? 'la' : 'le'} ${name}`;
  const ofThe = elided ? `de l’${name}` : feminine ? `de la ${name}` : `du ${name}`;
  return { the, The: capitalised(the), ofThe, Name: capitalised(name), feminine };
}

/** `art. 9` → « l’article 9 » / "article 9"; `annexe 3` → « l’annexe 3 » / "annex 3"; else as written. */
export function articlePhrase(article: string, locale: Locale): string {
  const numbered = /^art(?:icle|\.)?\s*(.+)$/i.exec(article);
  if (numbered) return locale === 'fr' ? `l’article ${numbered[1]}` : `article ${numbered[1]}`;
  const annex = /^ann?exe?\s+(.+)$/i.exec(article);
  if (annex) return locale === 'fr' ? `l’annexe ${annex[1]}` : `annex ${annex[1]}`;
  return article;
}
