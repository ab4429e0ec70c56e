/**
 * A party's name as the subject of a French sentence (« Le CNFPT – Délégation … a dénoncé la
 * convention »): the article its first word takes. Pure.
 *
 * @module
 */

/** Nouns a party name commonly starts with, by gender (« la Communauté de communes … »). */
const FEMININE = new Set([
  'agence',
  'association',
  'collectivité',
  'communauté',
  'commune',
  'délégation',
  'direction',
  'fédération',
  'métropole',
  'préfecture',
  'région',
  'section',
  'union',
  'ville',
]);
const MASCULINE = new Set([
  'centre',
  'comité',
  'conseil',
  'département',
  'établissement',
  'groupement',
  'institut',
  'office',
  'pôle',
  'service',
  'syndicat',
]);
/** Acronyms of feminine names (« la DGCL »); any other acronym is masculine (« le CNFPT », « le CDG 22 »). */
const FEMININE_ACRONYMS = new Set(['DGCL', 'DGAFP', 'DREETS', 'DDETS', 'ANCT', 'SNCF']);

/** A written article: « Le Syndicat … », « L’Agence … », « Les Centres … ». */
const ARTICLE = /^(le|la|les)\s|^l['’]/i;
const VOWEL = /^[aeiouyhàâäéèêëîïôöùûü]/i;

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The name with its article, capitalised to open a sentence. A name written with its article
 * keeps it (that is how a file gives an article the rules below would get wrong); a name starting
 * with an acronym (CNFPT, SNDGCT, CDG) takes « le »; a known noun takes its gender, elided before
 * a vowel; any other name (a proper name: « Terre Valserhône ») stays as written.
 */
export function partyAsSubject(name: string): string {
  const trimmed = name.trim();
  if (ARTICLE.test(trimmed)) return capitalised(trimmed);
  const first = /^[\p{L}\p{N}]+/u.exec(trimmed)?.[0] ?? '';
  if (first.length >= 2 && /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(first))
    return `${FEMININE_ACRONYMS.has(first) ? 'La' : 'Le'} ${trimmed}`;
  const noun = first.toLowerCase();
  if (!FEMININE.has(noun) && !MASCULINE.has(noun)) return trimmed;
  if (VOWEL.test(noun)) return `L’${trimmed}`;
  return `${FEMININE.has(noun) ? 'La' : 'Le'} ${trimmed}`;
}
