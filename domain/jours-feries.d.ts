// Ambient types for @socialgouv/jours-feries 2.0.0 (ships none). Used by domain/business-days.ts only.
declare module '@socialgouv/jours-feries' {
  /** Holiday name → local-time JS Date (midnight in the host zone, ±1 h around DST). */
  export default function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
