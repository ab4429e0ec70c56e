/**
 * B2 — starting lifecycles on the dev server, against starting an empty workflow (no input, no
 * search attributes, no memo) on the same server, with the same number of start requests in
 * flight. No worker polls during the measure: this is the cost of the start request itself,
 * which is what `pacte start` and a bulk import pay; running the first workflow task is B3.
 * Rounds alternate the rows (lifecycles, prepared, without UI metadata, input only, empty with
 * attributes, the same by kind, empty, lifecycles…) so that load bursts hit all alike.
 * The middle rows split the difference: the lifecycle with its input but without search
 * attributes, memo or summary (what the payload costs), and the empty workflow with the
 * lifecycle's six search attributes and nothing else (what the server's handling of the
 * attributes the contract requires costs by itself), then with each kind of them alone.
 *
 * B2c is the same measure on the production engine, the cluster on PostgreSQL
 * (`scripts/cluster.sh`, started if it is not running): where the aim cannot be met on the dev
 * server, the figure on the cluster says whether it is the engine's visibility store or Pacte.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import { SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import { lifecycleStartOptions } from '../client/lifecycle-start-options';
import { lifecycleWorkflowId } from '../contracts/workflow-ids';
import type { Agreement } from '../domain/agreement';
import { clusterScript, connectClient } from '../tests/cluster/live/cluster-env';
import { activeAgreements, inPool, startDevServer, startLifecycle, terminateAll } from './support';
import { ms, num, ratio, type Benchmark, type BenchContext } from './report';

const IN_FLIGHT = 16;

/** Starts per second against the empty workflow's. */
const START_AIM = 0.9;

type StartOptions = ReturnType<typeof lifecycleStartOptions>;

const ATTRIBUTES_ROW = 'empty workflow, no input, with the lifecycle’s six search attributes';

/** The contract's attributes by kind (contracts/search-attributes.ts), each measured alone on the empty workflow. */
const ATTRIBUTE_KINDS: { label: string; short: string; type: SearchAttributeType }[] = [
  {
    label: 'the same, with its keyword list alone (Parties)',
    short: 'the keyword list alone',
    type: SearchAttributeType.KEYWORD_LIST,
  },
  {
    label: 'the same, with its three keywords alone (AgreementId, AgreementKind, AgreementPhase)',
    short: 'the three keywords alone',
    type: SearchAttributeType.KEYWORD,
  },
  {
    label: 'the same, with its two dates alone (AgreementEndsOn, NextDeadline)',
    short: 'the two dates alone',
    type: SearchAttributeType.DATETIME,
  },
];

/** The start's search attributes of one kind. */
function attributesOf(options: StartOptions, type: SearchAttributeType): SearchAttributePair[] {
  const pairs = options.typedSearchAttributes;
  // lifecycleStartOptions gives a list; anything else would silently measure the empty workflow.
  if (!Array.isArray(pairs)) throw new Error('B2: the start options carry no list of search attributes');
  return pairs.filter((pair) => pair.key.type === type);
}

/** One way of starting, timed as a row of the table. */
interface Row {
  label: string;
  /** `options`: the agreement's as `pacte start` makes them, prepared before the clock starts. */
  start: (agreement: Agreement, options: StartOptions, i: number) => Promise<string>;
}

/** The rows, measured against the server behind `client`; the last is the baseline. */
async function measureStarts(ctx: BenchContext, client: Client, prefix: string) {
  const total = ctx.quick ? 100 : 2_000;
  const round = ctx.quick ? 50 : 250;
  const agreements = activeAgreements(total + 50, prefix);
  const taskQueue = `bench-${prefix}-no-worker`;
  const lifecycle = async (options: StartOptions) =>
    (await client.workflow.start('agreementLifecycle', options)).workflowId;
  const empty = async (workflowId: string, attributes?: StartOptions['typedSearchAttributes']) =>
    (
      await client.workflow.start('benchEmpty', {
        workflowId,
        taskQueue,
        ...(attributes ? { typedSearchAttributes: attributes } : {}),
      })
    ).workflowId;
  const rows: Row[] = [
    {
      label: 'agreementLifecycle, as `pacte start` (Pacte)',
      start: async (a) => {
        await startLifecycle(client, a, taskQueue);
        return lifecycleWorkflowId(a.id);
      },
    },
    {
      // What the server costs without the client's own work (the first deadline's planning).
      label: 'the same, its options prepared beforehand (the client’s planning of the first deadline left out)',
      start: (_a, o) => lifecycle({ ...o, workflowId: `${prefix}-prep-${o.workflowId}` }),
    },
    {
      // What the Web UI's summary and details (user metadata) cost, measured rather than guessed.
      label: 'the same, without the Web UI’s summary and details',
      start: (a) =>
        lifecycle({
          ...lifecycleStartOptions(a, taskQueue),
          workflowId: `${prefix}-nometa-${a.id}`,
          staticSummary: undefined,
          staticDetails: undefined,
        }),
    },
    {
      label: 'the same input, no search attributes, memo or summary',
      start: (a, o) => lifecycle({ workflowId: `${prefix}-input-${a.id}`, taskQueue, args: o.args }),
    },
    {
      // The server's cost of the contract's attributes alone (docs/contracts.md), without Pacte's input.
      label: ATTRIBUTES_ROW,
      start: (_a, o, i) => empty(`${prefix}-attributes-${i}`, o.typedSearchAttributes),
    },
    // The same attributes split by kind: whether one kind (the keyword list, say) makes the cost.
    ...ATTRIBUTE_KINDS.map(({ label, type }): Row => ({
      label,
      start: (_a, o, i) => empty(`${prefix}-${type}-${i}`, attributesOf(o, type)),
    })),
    { label: 'empty workflow, no input (baseline)', start: (_a, _o, i) => empty(`${prefix}-empty-${i}`) },
  ];
  // Every id started: no worker polls their queue, the cluster's are terminated afterwards.
  const started: string[] = [];
  const timeRow = async (row: Row, slice: Agreement[], offset: number) => {
    const options = slice.map((a) => lifecycleStartOptions(a, taskQueue));
    return inPool(slice, IN_FLIGHT, async (a, j) => started.push(await row.start(a, options[j]!, offset + j)));
  };
  ctx.log('warming up (50 of each)');
  for (const row of rows) await timeRow(row, agreements.slice(total), total);
  const elapsed = rows.map(() => 0);
  // Rounds alternate the rows, so that load bursts hit all alike.
  for (let i = 0; i < total; i += round) {
    const slice = agreements.slice(i, i + round);
    const times: number[] = [];
    for (const row of rows) times.push(await timeRow(row, slice, i));
    times.forEach((t, k) => (elapsed[k]! += t));
    ctx.log(
      `${i + slice.length}/${total}: ${times.map((t) => `${num(slice.length / (t / 1000))}/s`).join(', ')} (rows in order)`,
    );
  }
  const rate = (t: number) => total / (t / 1000);
  const baseline = elapsed.at(-1)!;
  const ratioOf = (k: number) => rate(elapsed[k]!) / rate(baseline);
  const r = ratioOf(0);
  const attributesRow = rows.findIndex((row) => row.label === ATTRIBUTES_ROW);
  return {
    r,
    /** The empty workflow's starts with the six attributes, against its starts without. */
    attributesRatio: ratioOf(attributesRow),
    /** The same with each kind of attribute alone. */
    byKind: ATTRIBUTE_KINDS.map((kind) => ({
      short: kind.short,
      ratio: ratioOf(rows.findIndex((row) => row.label === kind.label)),
    })),
    /** Pacte's starts against the empty workflow's with the same attributes. */
    beyondAttributes: rate(elapsed[0]!) / rate(elapsed[attributesRow]!),
    inputBytes: Buffer.byteLength(JSON.stringify({ agreement: agreements[0] })),
    started,
    size: `${num(total)} starts per row, ${IN_FLIGHT} in flight`,
    headers: ['', 'starts/s', 'per start (latency × in flight)', 'ratio to baseline', 'aim'],
    rows: rows.map((row, k) => [
      row.label,
      num(rate(elapsed[k]!)),
      ms(elapsed[k]! / total),
      ratio(ratioOf(k)),
      k === 0 ? `≥ ${START_AIM.toFixed(2)}× — ${r >= START_AIM ? 'met' : 'NOT met'}` : '',
    ]),
  };
}

/** What the attributes' row says, in both benchmarks' notes. */
function attributesNote(m: {
  attributesRatio: number;
  beyondAttributes: number;
  byKind: { short: string; ratio: number }[];
}): string {
  return (
    `An empty workflow started with the lifecycle's six search attributes and nothing else runs at ${ratio(m.attributesRatio)} the empty one: ` +
    `the server's handling of the attributes the contract requires (docs/contracts.md), by itself, whoever starts the workflow. ` +
    `Split by kind, in the same run: ${m.byKind.map((k) => `${k.short} ${ratio(k.ratio)}`).join(', ')}. ` +
    `Pacte's start runs at ${ratio(m.beyondAttributes)} the rate of that workflow: the agreement as input, the memo, the Web UI's summary and details, ` +
    `and the client's planning of the first deadline, on top of the attributes.`
  );
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
        attributesNote(m),
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
        attributesNote(m),
      ],
    };
  } finally {
    await connection.close();
  }
};
