/**
 * B2 — starting lifecycles on the dev server, against starting an empty workflow (no input, no
 * search attributes, no memo) on the same server, with the same number of start requests in
 * flight. No worker polls during the measure: this is the cost of the start request itself,
 * which is what `pacte start` and a bulk import pay; running the first workflow task is B3.
 * Rounds alternate (lifecycles, prepared, without UI metadata, input only, empty, lifecycles…) so
 * that load bursts hit all alike.
 * The middle row starts the lifecycle with its input but without search attributes, memo or
 * summary, to split what the payload and what the visibility data cost.
 *
 * B2c is the same measure on the production engine, the cluster on PostgreSQL
 * (`scripts/cluster.sh`, started if it is not running): where the aim cannot be met on the dev
 * server, the figure on the cluster says whether it is the engine's visibility store or Pacte.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import { lifecycleStartOptions } from '../client/lifecycle-start-options';
import { lifecycleWorkflowId } from '../contracts/workflow-ids';
import { clusterScript, connectClient } from '../tests/cluster/live/cluster-env';
import { activeAgreements, inPool, startDevServer, startLifecycle, terminateAll } from './support';
import { ms, num, ratio, type Benchmark, type BenchContext } from './report';

const IN_FLIGHT = 16;

/** Starts per second against the empty workflow's. */
const START_AIM = 0.9;

/** The four rows, measured against the server behind `client`. */
async function measureStarts(ctx: BenchContext, client: Client, prefix: string) {
  const total = ctx.quick ? 100 : 2_000;
  const round = ctx.quick ? 50 : 250;
  const agreements = activeAgreements(total + 50, prefix);
  const taskQueue = `bench-${prefix}-no-worker`;
  // Every id started: no worker polls their queue, the cluster's are terminated afterwards.
  const started: string[] = [];
  const track = async (w: Promise<{ workflowId: string }>) => void started.push((await w).workflowId);
  const empty = (i: number) =>
    track(client.workflow.start('benchEmpty', { workflowId: `${prefix}-empty-${i}`, taskQueue }));
  const inputOnly = (agreement: (typeof agreements)[number]) =>
    track(
      client.workflow.start('agreementLifecycle', {
        workflowId: `${prefix}-input-${agreement.id}`,
        taskQueue,
        args: [{ agreement }],
      }),
    );
  // The start as `pacte start` makes it, less the Web UI's summary and details (user metadata):
  // what those cost, measured rather than guessed.
  const noUiMetadata = (agreement: (typeof agreements)[number]) =>
    track(
      client.workflow.start('agreementLifecycle', {
        ...lifecycleStartOptions(agreement, taskQueue),
        workflowId: `${prefix}-nometa-${agreement.id}`,
        staticSummary: undefined,
        staticDetails: undefined,
      }),
    );
  // The same start with its options (search attributes, first deadline, memo, details) prepared
  // before the clock starts: what the server costs without the client's own work.
  const prepared = (options: ReturnType<typeof lifecycleStartOptions>) =>
    track(
      client.workflow.start('agreementLifecycle', { ...options, workflowId: `${prefix}-prep-${options.workflowId}` }),
    );
  const asPacteStart = (agreement: (typeof agreements)[number]) =>
    track(startLifecycle(client, agreement, taskQueue).then(() => ({ workflowId: lifecycleWorkflowId(agreement.id) })));
  ctx.log('warming up (50 of each)');
  await inPool(agreements.slice(total), IN_FLIGHT, (a) => asPacteStart(a));
  await inPool(agreements.slice(total), IN_FLIGHT, (a) => inputOnly(a));
  await inPool(agreements.slice(total), IN_FLIGHT, (a) => noUiMetadata(a));
  await inPool(agreements.slice(total), IN_FLIGHT, (a) => prepared(lifecycleStartOptions(a, taskQueue)));
  await inPool(agreements.slice(total), IN_FLIGHT, (_a, i) => empty(total + i));
  let lifeMs = 0;
  let inputMs = 0;
  let noMetaMs = 0;
  let emptyMs = 0;
  let preparedMs = 0;
  for (let i = 0; i < total; i += round) {
    const slice = agreements.slice(i, i + round);
    const a = await inPool(slice, IN_FLIGHT, (ag) => asPacteStart(ag));
    const options = slice.map((ag) => lifecycleStartOptions(ag, taskQueue));
    const p = await inPool(options, IN_FLIGHT, (o) => prepared(o));
    const m = await inPool(slice, IN_FLIGHT, (ag) => noUiMetadata(ag));
    const c = await inPool(slice, IN_FLIGHT, (ag) => inputOnly(ag));
    const b = await inPool(slice, IN_FLIGHT, (_ag, j) => empty(i + j));
    lifeMs += a;
    inputMs += c;
    noMetaMs += m;
    emptyMs += b;
    preparedMs += p;
    ctx.log(
      `${i + slice.length}/${total}: lifecycles ${num(slice.length / (a / 1000))}/s, input only ${num(slice.length / (c / 1000))}/s, empty ${num(slice.length / (b / 1000))}/s`,
    );
  }
  const rate = (t: number) => total / (t / 1000);
  const r = rate(lifeMs) / rate(emptyMs);
  const inputBytes = Buffer.byteLength(JSON.stringify({ agreement: agreements[0] }));
  return {
    r,
    inputBytes,
    started,
    size: `${num(total)} starts per row, ${IN_FLIGHT} in flight`,
    headers: ['', 'starts/s', 'per start (latency × in flight)', 'ratio to baseline', 'aim'],
    rows: [
      [
        'agreementLifecycle, as `pacte start` (Pacte)',
        num(rate(lifeMs)),
        ms(lifeMs / total),
        ratio(r),
        `≥ ${START_AIM.toFixed(2)}× — ${r >= START_AIM ? 'met' : 'NOT met'}`,
      ],
      [
        'the same, its options prepared beforehand (the client’s planning of the first deadline left out)',
        num(rate(preparedMs)),
        ms(preparedMs / total),
        ratio(rate(preparedMs) / rate(emptyMs)),
        '',
      ],
      [
        'the same, without the Web UI’s summary and details',
        num(rate(noMetaMs)),
        ms(noMetaMs / total),
        ratio(rate(noMetaMs) / rate(emptyMs)),
        '',
      ],
      [
        'the same input, no search attributes, memo or summary',
        num(rate(inputMs)),
        ms(inputMs / total),
        ratio(rate(inputMs) / rate(emptyMs)),
        '',
      ],
      ['empty workflow, no input (baseline)', num(rate(emptyMs)), ms(emptyMs / total), ratio(1), ''],
    ],
  };
}

function carried(inputBytes: number): string {
  return (
    `A lifecycle start carries the whole agreement as input (${num(inputBytes / 1024, 1)} KiB of JSON for these COTs: 8 people, 3 meeting rules, census), ` +
    `six search attributes (the first deadline included, which the client reckons by planning the calendar), a memo, and the Web UI's summary and details; the empty workflow carries nothing.`
  );
}

export const b2Starts: Benchmark = async (ctx) => {
  ctx.log('starting the dev server');
  const env = await startDevServer();
  try {
    const m = await measureStarts(ctx, env.client, 'b2');
    return {
      id: 'B2',
      title: 'starting lifecycles on the dev server',
      aims: [
        { what: 'B2 lifecycle starts / empty workflow starts', measured: m.r, aim: START_AIM, direction: 'at-least' },
      ],
      size: m.size,
      headers: m.headers,
      rows: m.rows,
      notes: [
        `${carried(m.inputBytes)} The server (SQLite in memory) writes the start event and the visibility row in both cases, ` +
          `so the ratio measures what Pacte's payload and attributes add to a start. The dev server, the client and the benchmark share the 2 cores. ` +
          `B2c measures the same on the cluster.`,
      ],
    };
  } finally {
    await env.teardown();
  }
};

export const b2cClusterStarts: Benchmark = async (ctx) => {
  ctx.log('the cluster on PostgreSQL (scripts/cluster.sh --no-pacte --no-ui: starts what is not running)');
  await clusterScript('--no-pacte', '--no-ui');
  const { client, connection } = await connectClient();
  const prefix = `b2c-${Date.now().toString(36)}`;
  try {
    const m = await measureStarts(ctx, client, prefix);
    ctx.log('terminating what was started (no worker polls their queue)');
    await terminateAll(client, m.started);
    return {
      id: 'B2c',
      title: 'starting lifecycles on the PostgreSQL cluster',
      aims: [
        {
          what: 'B2c lifecycle starts / empty workflow starts, on the cluster',
          measured: m.r,
          aim: START_AIM,
          direction: 'at-least',
        },
      ],
      size: m.size,
      headers: m.headers,
      rows: m.rows,
      notes: [
        `${carried(m.inputBytes)} The cluster's four services and PostgreSQL 15 write the history and the visibility row (PostgreSQL's own visibility store, not SQLite); they, the client and the benchmark share the 2 cores.`,
      ],
    };
  } finally {
    await connection.close();
  }
};
