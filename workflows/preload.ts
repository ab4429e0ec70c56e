/**
 * What the worker evaluates once per workflow thread and shares between every cached lifecycle
 * (the SDK's `preloadModules`, with its reusable V8 context): the planner and the stateless
 * libraries it uses. Without it each cached workflow evaluates its own copy (BENCHMARKS.md B3b).
 *
 * Listed here rather than by package name because webpack drops a bare `require('luxon')` from
 * the SDK's preload list: luxon declares itself free of side effects, so an import whose value
 * is unused is removed. Re-exporting the modules keeps them.
 *
 * Rules for what may be listed: no per-workflow state (module-level caches must be pure functions
 * of their keys, bounded, and never mutated by callers), and never zod or a module that builds zod
 * schemas (the SDK freezes preloaded modules, and zod writes to its own objects; see
 * `workflows/operation-schemas.ts`). The replay tests run with this list.
 *
 * @module
 */
export * as luxon from 'luxon';
export * as rrule from 'rrule';
export { default as joursFeries } from '@socialgouv/jours-feries';
export * as calendar from '../domain/calendar';
export * as businessDays from '../domain/business-days';
export * as recurrence from '../domain/recurrence';
export * as durations from '../domain/durations';
