/**
 * The operations' zod schemas and the agreement parser, loaded by a lifecycle only when it
 * validates its first update. With the SDK's reusable V8 context every cached workflow evaluates
 * the modules it imports into its own module cache: zod and Pacte's schemas were about 0.9 MB of
 * each cached lifecycle's 1.5 MB (heap snapshots of the workflow thread, BENCHMARKS.md B3b),
 * while most lifecycles receive no update between two wake-ups. They cannot be preloaded
 * instead: the SDK freezes preloaded modules and zod writes to its own objects.
 *
 * `require` is webpack's, in the workflow bundle (synchronous: update validators must be).
 * Loading a module adds no workflow command, so replays are unaffected.
 *
 * @module
 */
type OperationSchemas = typeof import('../domain/operations');
type AgreementParser = typeof import('../domain/parse-agreement');
type PersonChangeRules = typeof import('../domain/person-change-rules');

declare const require: (id: string) => unknown;

export function operationSchemas(): OperationSchemas {
  return require('../domain/operations') as OperationSchemas;
}

export function agreementParser(): AgreementParser {
  return require('../domain/parse-agreement') as AgreementParser;
}

export function personChangeRules(): PersonChangeRules {
  return require('../domain/person-change-rules') as PersonChangeRules;
}
