/**
 * B2 — starting lifecycles on the dev server, against starting an empty workflow (no input, no
 * search attributes, no memo) on the same server, with the same number of start requests in
 * flight. No worker polls during the measure: this is the cost of the start request itself,
 * which is what `pacte start` and a bulk import pay; running the first workflow task is B3.
 * Rounds alternate (lifecycles, without UI metadata, input only, empty, lifecycles…) so that load
 * bursts hit all alike.
 * The middle row starts the lifecycle with its input but without search attributes, memo or
 * summary, to split what the payload and what the visibility data cost.
 *
 * @module
 */
import { lifecycleStartOptions } from '../client/lifecycle-start-options';
import { activeAgreements, inPool, startDevServer, startLifecycle } from './support';
import { ms, num, ratio, type Benchmark } from './report';

const IN_FLIGHT = 16;

/** Starts per second against the empty workflow's. */
const START_AIM = 0.9;

export const b2Starts: Benchmark = async (ctx) => {
  const total = ctx.quick ? 100 : 2_000;
  const round = ctx.quick ? 50 : 250;
  ctx.log('starting the dev server');
  const env = await startDevServer();
  try {
    const client = env.client;
    const agreements = activeAgreements(total + 50, 'b2');
    const taskQueue = 'bench-b2-no-worker';
    const empty = (i: number) => client.workflow.start('benchEmpty', { workflowId: `b2-empty-${i}`, taskQueue });
    const inputOnly = (agreement: (typeof agreements)[number]) =>
      client.workflow.start('agreementLifecycle', {
        workflowId: `b2-input-${agreement.id}`,
        taskQueue,
        args: [{ agreement }],
      });
    // The start as `pacte start` makes it, less the Web UI's summary and details (user metadata):
    // what those cost, measured rather than guessed.
    const noUiMetadata = (agreement: (typeof agreements)[number]) =>
      client.workflow.start('agreementLifecycle', {
        ...lifecycleStartOptions(agreement, taskQueue),
        workflowId: `b2-nometa-${agreement.id}`,
        staticSummary: undefined,
        staticDetails: undefined,
      });
    ctx.log('warming up (50 of each)');
    await inPool(agreements.slice(total), IN_FLIGHT, (a) => startLifecycle(client, a, taskQueue));
    await inPool(agreements.slice(total), IN_FLIGHT, (a) => inputOnly(a));
    await inPool(agreements.slice(total), IN_FLIGHT, (a) => noUiMetadata(a));
    await inPool(agreements.slice(total), IN_FLIGHT, (_a, i) => empty(total + i));
    let lifeMs = 0;
    let inputMs = 0;
    let noMetaMs = 0;
    let emptyMs = 0;
    for (let i = 0; i < total; i += round) {
      const slice = agreements.slice(i, i + round);
      const a = await inPool(slice, IN_FLIGHT, (ag) => startLifecycle(client, ag, taskQueue));
      const m = await inPool(slice, IN_FLIGHT, (ag) => noUiMetadata(ag));
      const c = await inPool(slice, IN_FLIGHT, (ag) => inputOnly(ag));
      const b = await inPool(slice, IN_FLIGHT, (_ag, j) => empty(i + j));
      lifeMs += a;
      inputMs += c;
      noMetaMs += m;
      emptyMs += b;
      ctx.log(
        `${i + slice.length}/${total}: lifecycles ${num(slice.length / (a / 1000))}/s, input only ${num(slice.length / (c / 1000))}/s, empty ${num(slice.length / (b / 1000))}/s`,
      );
    }
    const rate = (t: number) => total / (t / 1000);
    const r = rate(lifeMs) / rate(emptyMs);
    const inputBytes = Buffer.byteLength(JSON.stringify({ agreement: agreements[0] }));
    return {
      id: 'B2',
      title: 'starting lifecycles on the dev server',
      aims: [
        { what: 'B2 lifecycle starts / empty workflow starts', measured: r, aim: START_AIM, direction: 'at-least' },
      ],
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
      notes: [
        `A lifecycle start carries the whole agreement as input (${num(inputBytes / 1024, 1)} KiB of JSON for these COTs: 8 people, 3 meeting rules, census), ` +
          `six search attributes (the first deadline included), a memo, and the Web UI's summary and details; the empty workflow carries nothing. The server (SQLite in memory) writes the start event and the visibility row in both cases, ` +
          `so the ratio measures what Pacte's payload and attributes add to a start. The dev server, the client and the benchmark share the 2 cores.`,
      ],
    };
  } finally {
    await env.teardown();
  }
};
