/**
 * A real Temporal time-skipping server, the Pacte worker (real workflows, real activities) and a
 * real SMTP server on loopback, for lifecycle tests. One per test file: the server's skipped time
 * is shared by everything running on it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  NativeConnection,
  type Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { createActivities, createMailTransport } from '../../activities';
import type { Agreement } from '../../domain/agreement';
import { parseAgreement } from '../../domain/parse-agreement';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { buildWorkflowBundle, createPacteWorker } from '../../worker/create-worker';
import { installQuietRuntime } from './runtime';
import { createTimeSkippingEnv } from './servers';
import { shiftYears } from './shift-years';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export interface LifecycleEnv {
  env: TestWorkflowEnvironment;
  sink: SmtpSink;
  bundle: WorkflowBundleWithSourceMap;
  taskQueue: string;
  newWorker(overrides?: Partial<WorkerOptions>): Promise<Worker>;
  /** A worker on its own connection, closed when it stops: a worker process that goes away. */
  runOwnWorker<T>(until: () => Promise<T>, overrides?: Partial<WorkerOptions>): Promise<T>;
  teardown(): Promise<void>;
}

let bundlePromise: Promise<WorkflowBundleWithSourceMap> | undefined;

export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  // Built as the worker builds it (same preloaded modules), so replay tests check what runs.
  bundlePromise ??= buildWorkflowBundle();
  return bundlePromise;
}

export async function startLifecycleEnv(taskQueue: string): Promise<LifecycleEnv> {
  installQuietRuntime();
  const [env, sink, bundle] = await Promise.all([createTimeSkippingEnv(), startSmtpSink(), workflowBundle()]);
  // The time-skipping server has no searchAttributes option: register them as an operator would.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      PACTE_SEARCH_ATTRIBUTES.map((key) => [key.name, searchAttributeTypeCode(key.type)]),
    ),
  });
  const transport = createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 });
  const activities = createActivities({ transport, from: 'Pacte <pacte@example.org>' });
  return {
    env,
    sink,
    bundle,
    taskQueue,
    newWorker: (overrides) =>
      createPacteWorker({
        connection: env.nativeConnection,
        taskQueue,
        activities,
        workflowBundle: bundle,
        ...(overrides ? { overrides } : {}),
      }),
    async runOwnWorker(until, overrides) {
      const connection = await NativeConnection.connect({ address: env.address });
      try {
        const worker = await createPacteWorker({
          connection,
          taskQueue,
          activities,
          workflowBundle: bundle,
          ...(overrides ? { overrides } : {}),
        });
        return await worker.runUntil(until);
      } finally {
        await connection.close();
      }
    },
    async teardown() {
      await env.teardown();
      await sink.stop();
    },
  };
}

/** temporal.api.enums.v1.IndexedValueType */
function searchAttributeTypeCode(type: string): number {
  const codes: Record<string, number> = {
    TEXT: 1,
    KEYWORD: 2,
    INT: 3,
    DOUBLE: 4,
    BOOL: 5,
    DATETIME: 6,
    KEYWORD_LIST: 7,
  };
  const code = codes[type];
  if (!code) throw new Error(`unknown search attribute type ${type}`);
  return code;
}

const EXAMPLES = new URL('../../examples/agreements/', import.meta.url);

/** An example agreement file as written, shifted by whole years into the server's future. */
export async function exampleRaw(name: string, shift: number): Promise<Record<string, unknown>> {
  return shiftYears(
    parseYaml(await readFile(fileURLToPath(new URL(`${name}.yaml`, EXAMPLES)), 'utf8')) as Record<string, unknown>,
    shift,
  );
}

/** The same, parsed (after an optional edit of the raw file). */
export async function exampleAgreement(
  name: string,
  shift: number,
  edit?: (raw: Record<string, unknown>) => void,
): Promise<Agreement> {
  const raw = await exampleRaw(name, shift);
  edit?.(raw);
  const parsed = parseAgreement(raw);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.problems.join('; ')}`);
  return parsed.agreement;
}
