/**
 * A party's name as the subject of a French sentence (« … a dénoncé la convention »): every party
 * of the four example agreements, then the cases the rules distinguish. Pure.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { partyAsSubject } from '../../activities/render/templates/party-subject';

const EXAMPLES = fileURLToPath(new URL('../../examples/agreements/', import.meta.url));

function exampleParties(): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'))) {
    const parsed = YAML.parse(readFileSync(EXAMPLES + file, 'utf8')) as { parties: { id: string; name: string }[] };
    for (const p of parsed.parties) names.set(p.id, p.name);
  }
  return names;
}

describe('partyAsSubject', () => {
  it('gives every party of the examples its article', () => {
    const parties = exampleParties();
    const expected: Record<string, string> = {
      'cnfpt-ara': 'Le CNFPT – Délégation Auvergne-Rhône-Alpes',
      'terre-valserhone': 'La Communauté de communes Terre Valserhône',
      cg77: 'Le Conseil général de Seine-et-Marne',
      'cnfpt-grande-couronne': 'Le CNFPT – Délégation interdépartementale Grande Couronne Île-de-France',
      'sndgct-vaucluse': 'Le SNDGCT – Section de Vaucluse',
      'cnfpt-paca': "Le CNFPT – Délégation Provence-Alpes-Côte d'Azur, antenne de Vaucluse",
      cdg22: "Le Centre de gestion des Côtes-d'Armor (CDG 22)",
      cdg29: 'Le Centre de gestion du Finistère (CDG 29)',
      cdg35: "Le Centre de gestion d'Ille-et-Vilaine (CDG 35)",
      cdg56: 'Le Centre de gestion du Morbihan (CDG 56)',
    };
    expect([...parties.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [id, name] of parties) expect(partyAsSubject(name), id).toBe(expected[id]);
  });

  it('elides before a vowel, keeps a written article, leaves a proper name as written', () => {
    expect(partyAsSubject('Établissement public Paris La Défense')).toBe('L’Établissement public Paris La Défense');
    expect(partyAsSubject('Agence régionale de santé')).toBe('L’Agence régionale de santé');
    expect(partyAsSubject('la Région Bretagne')).toBe('La Région Bretagne');
    expect(partyAsSubject('Les Centres de gestion bretons')).toBe('Les Centres de gestion bretons');
    expect(partyAsSubject('L’Union des maires')).toBe('L’Union des maires');
    expect(partyAsSubject('DGCL – Bureau des élus')).toBe('La DGCL – Bureau des élus');
    expect(partyAsSubject('CDG 35')).toBe('Le CDG 35');
    expect(partyAsSubject('Ville de Lyon')).toBe('La Ville de Lyon');
    expect(partyAsSubject('Terre Valserhône')).toBe('Terre Valserhône');
    // One capital letter is a word, not an acronym.
    expect(partyAsSubject('Paris Habitat')).toBe('Paris Habitat');
  });
});
