/**
 * How the workflows are bundled, in one place for the worker (which bundles at start-up) and for
 * everything that builds the bundle ahead (tests, replays, benchmarks).
 *
 * - The planner and its libraries are preloaded: evaluated once per workflow thread and shared by
 *   every cached lifecycle (`workflows/preload.ts` lists them with the rules; BENCHMARKS.md B3b).
 * - The TypeScript is compiled for the Node the worker runs on (ES2022), not the SDK's ES2017:
 *   at ES2017 every object spread and rest becomes a call to a helper that copies key by key, and
 *   a lifecycle's wake-up builds its reminders with spreads. The generated code does the same
 *   thing natively; the replay tests check that recorded histories still replay.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import type { BundleOptions } from '@temporalio/worker';

/** The workflows' entry point. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Evaluated once per workflow thread instead of once per lifecycle. */
export const PRELOADED_MODULES = [fileURLToPath(new URL('../workflows/preload.ts', import.meta.url))];

/** The language level the workflow code is compiled to: what Node 24 runs natively. */
export const WORKFLOW_TARGET = 'es2022';

type WebpackConfiguration = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/** Sets the swc-loader's target of the SDK's webpack configuration (the rule for `.ts` files). */
export function compileForNode(config: WebpackConfiguration): WebpackConfiguration {
  let found = false;
  for (const rule of config.module?.rules ?? []) {
    if (!rule || typeof rule !== 'object' || !('use' in rule)) continue;
    const use = rule.use as { loader?: string; options?: { jsc?: { target?: string } } } | undefined;
    if (use?.loader?.includes('swc-loader') && use.options?.jsc) {
      use.options.jsc.target = WORKFLOW_TARGET;
      found = true;
    }
  }
  // A changed SDK bundler would otherwise silently bring the slow helpers back.
  if (!found) throw new Error('workflow bundler: no swc-loader rule with jsc options in the SDK webpack configuration');
  return config;
}

/** The bundler options the worker and `buildWorkflowBundle` share. */
export const BUNDLER_OPTIONS = { preloadModules: PRELOADED_MODULES, webpackConfigHook: compileForNode };
