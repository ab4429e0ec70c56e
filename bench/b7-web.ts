/**
 * B7 — the web application's reading pages with many running lifecycles: « Mes échéances » and
 * an agreement page, p50 and p95 response times with 1,000 lifecycles running on one dev server
 * (issue 15: under 300 ms at p95).
 *
 * Everything is real: the dev server, one worker (it answers the read model's queries), the
 * development OpenID provider, the web application (`buildWebApp`, as `npm run web` builds it)
 * listening on loopback, people signed in over HTTP through the provider. Requests go through
 * `inject` (the whole Fastify pipeline: session, CSRF hook, route, template, layout), one at a
 * time, while the read model refreshes in the background as in production.
 *
 * The agreements are B3's three-year COTs; each person's address is made distinct per group of
 * agreements so that a referent is named in 1 % of them (10 of 1,000), like a coordinator in
 * charge of a few. The administrator sees all of them.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import { createActivities, createMailTransport } from '../activities';
import { DEV_ADMIN_EMAIL, devSubject, type DevAccount } from '../dev/oidc-accounts';
import type { Agreement } from '../domain/agreement';
import { workflowBundle } from '../tests/support/lifecycle-env';
import { signInOverHttp } from '../tests/support/web-session';
import { startWebStack } from '../tests/support/web-stack';
import { createPacteWorker } from '../worker/create-worker';
import { startLightSink } from './light-sink';
import { ms, num, percentile, type Benchmark } from './report';
import { activeAgreements, inPool, startDevServer, startLifecycle } from './support';
import { workflowTasksExecuted } from '../tests/support/sdk-metrics';

/** The p95 the issue asks for, per page. */
const AIM_MS = 300;
/** How many agreements share each person's address: a referent of 1 % of them. */
const GROUPS = 100;

/** Agreement `i`'s people get addresses of group `i % GROUPS`: `camille.martin+7@example.org`. */
function withGroupAddresses(agreement: Agreement, i: number): Agreement {
  const group = i % GROUPS;
  return {
    ...agreement,
    people: agreement.people.map((p) => ({ ...p, email: p.email.replace('@', `+${group}@`) })),
  };
}

function account(email: string, admin = false): DevAccount {
  return { sub: devSubject(email), email, givenName: 'Banc', usualName: 'Essai', memberships: [], admin };
}

export const b7Web: Benchmark = async (ctx) => {
  const n = Number(process.env.PACTE_BENCH_B7_COUNT ?? (ctx.quick ? 100 : 1_000));
  const samples = ctx.quick ? 30 : 200;
  ctx.log(`starting the dev server, the mail sink and bundling the workflows`);
  const [env, sink, bundle] = await Promise.all([startDevServer(), startLightSink(), workflowBundle()]);
  try {
    const taskQueue = 'bench-b7';
    const worker = await createPacteWorker({
      connection: env.nativeConnection,
      taskQueue,
      activities: createActivities({
        transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 10_000 }),
        from: 'Pacte <pacte@example.org>',
      }),
      workflowBundle: bundle,
    });
    const agreements = activeAgreements(n, 'b7').map(withGroupAddresses);
    const referent = agreements[7]!.people.find((p) => p.roles.includes('referent'))!;
    const mine = agreements.filter((a) => a.people.some((p) => p.email === referent.email));
    // Not `runUntil`: under this load the SDK's worker sometimes never finishes shutting down
    // after the read model's queries (it logged "Extra buffered run should not have produced an
    // activation"); the figures are taken by then, so the shutdown is given a bounded wait.
    const running = worker.run();
    const stopWorker = async () => {
      worker.shutdown();
      await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, 30_000).unref())]);
    };
    return await (async () => {
      const startMs = await inPool(agreements, 16, (a) => startLifecycle(env.client, a, taskQueue));
      ctx.log(`${num(n)} lifecycles started in ${ms(startMs)}; waiting until each has run its first task`);
      for (;;) {
        // The worker's count of workflow tasks run (the start already sets every search attribute).
        if ((await workflowTasksExecuted(ctx.metricsAddress, taskQueue)) >= n) break;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      const web = await startWebStack({
        temporal: async () => env.client,
        accounts: [account(referent.email), account(DEV_ADMIN_EMAIL, true)],
      });
      try {
        const referentSession = await signInOverHttp(web, referent.email);
        const adminSession = await signInOverHttp(web, DEV_ADMIN_EMAIL);
        const get = async (url: string, headers: { cookie: string }) => {
          const t0 = performance.now();
          const res = await web.app.inject({ method: 'GET', url, headers });
          const took = performance.now() - t0;
          if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
          return { took, body: res.body };
        };
        // The first page waits for the read model's first load (every running lifecycle queried).
        const first = await get('/', referentSession.headers);
        ctx.log(`first page (read model loaded) in ${ms(first.took)}`);
        if (!first.body.includes(`/conventions/${mine[0]!.id}`))
          throw new Error('the referent does not see their agreement');
        const page = `/conventions/${mine[0]!.id}`;
        const scenarios: { what: string; url: string; headers: { cookie: string } }[] = [
          {
            what: `« Mes échéances », a referent of ${mine.length} agreement${mine.length > 1 ? 's' : ''}`,
            url: '/',
            headers: referentSession.headers,
          },
          { what: `« Mes échéances », the administrator (all ${num(n)})`, url: '/', headers: adminSession.headers },
          { what: 'an agreement page (three-year COT, 64 entries)', url: page, headers: referentSession.headers },
        ];
        const results = [];
        for (const s of scenarios) {
          for (let i = 0; i < 5; i++) await get(s.url, s.headers); // warm-up: templates compiled, calendars planned
          const times: number[] = [];
          for (let i = 0; i < samples; i++) times.push((await get(s.url, s.headers)).took);
          times.sort((a, b) => a - b);
          results.push({ ...s, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! });
          ctx.log(`${s.what}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
        }
        return {
          id: 'B7',
          title: 'web pages with many running lifecycles',
          size: `${num(n)} running lifecycles, ${samples} requests per page`,
          headers: ['page', 'p50', 'p95', 'max', `aim: p95 ≤ ${AIM_MS} ms`],
          rows: [
            ...results.map((r) => [r.what, ms(r.p50), ms(r.p95), ms(r.max), r.p95 <= AIM_MS ? 'met' : 'NOT met']),
            ['first page after start: the read model loads every running lifecycle', ms(first.took), '', '', ''],
          ],
          aims: results
            .filter((r) => !r.what.includes('administrator'))
            .map((r) => ({
              what: `B7 ${r.what}: p95 (ms)`,
              measured: r.p95,
              aim: AIM_MS,
              direction: 'at-most' as const,
            })),
          notes: [
            `The web process keeps the running lifecycles in memory (web/read-model/, docs/web.md « Lecture des conventions »): a page reads memory and the e-mail index, never Temporal, so its time does not grow with the number of lifecycles a person is not named in. ` +
              `The figures include the whole Fastify pipeline through \`inject\` (session cookie decrypted, route, Eta template, layout), not the network. ` +
              `Each agreement's whole-term calendar is planned once per state read (B1: about 2 ms) and kept with it.`,
            `The administrator's « Mes échéances » goes through every agreement (${num(n)}) and lists at most 50 items per section; it is shown for scale and carries no aim. ` +
              `The first page waits for the first load (per lifecycle a describe and one \`snapshot\` query, its view and its agreement; 8 lifecycles in flight, answered by the one worker, which keeps 500 lifecycles in its cache and replays the others to answer). It happens once per start of the web process; its time moves with the machine's load (the section's header gives it).`,
            `\`npm run bench -- --only B7 --merge\` re-runs this section alone into this report; \`PACTE_BENCH_B7_COUNT\` sets the number of lifecycles.`,
          ],
        };
      } finally {
        await web.close();
      }
    })().finally(stopWorker);
  } finally {
    await env.teardown();
    await sink.stop();
  }
};
