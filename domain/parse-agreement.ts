/**
 * From parsed YAML/JSON data to a complete, validated {@link Agreement} (docs/agreement-file.md):
 * the file schema, then the defaults of the kind, then the cross-field rules. Every problem is
 * reported at once as `path: message`; an agreement with any problem starts nothing.
 *
 * Cross-field rules need the structure to be sound, so they run when the shape is valid: a file
 * with a misspelt field is told about it first, then about unknown attendees on the next run.
 *
 * Pure: no I/O, usable in workflow code.
 *
 * @module
 */
import type { Agreement } from './agreement';
import { applyDefaults, meetingsWithoutRrule } from './agreement-defaults';
import { agreementProblems } from './agreement-rules';
import { AgreementFileSchema, AgreementSchema } from './agreement-schema';
import { issuesToProblems } from './problems';

export type ParseAgreementResult = { ok: true; agreement: Agreement } | { ok: false; problems: string[] };

export function parseAgreement(data: unknown): ParseAgreementResult {
  const parsed = AgreementFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: issuesToProblems(parsed.error.issues, data) };

  const problems = meetingsWithoutRrule(parsed.data).map(
    (key) => `meetings.${key}.rrule: required (no default for a "${key}" meeting)`,
  );
  const agreement = applyDefaults(parsed.data);
  problems.push(...agreementProblems(agreement));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, agreement };
}

/**
 * Validates a complete agreement that did not come from a file (a workflow input, an amended
 * agreement in an update): every field present, no default applied, same rules as a file.
 */
export function checkAgreement(data: unknown): ParseAgreementResult {
  const parsed = AgreementSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: issuesToProblems(parsed.error.issues, data) };
  const agreement = parsed.data as Agreement;
  const problems = agreementProblems(agreement);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, agreement };
}
