/**
 * The web's read model (web/read-model/) against a real Temporal CLI dev server, the real worker
 * and the example agreements' real lifecycles: it lists the running ones by visibility, reads
 * their state and agreement, indexes them by e-mail (any case), reads again what the web changed
 * (`refresh`) and what others changed (the sweep), picks up new lifecycles and drops ended ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCensusAnswer, recordMeeting } from '../../contracts/messages';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { calendarOf } from '../../web/read-model/entry-calendar';
import { LifecycleReadModel } from '../../web/read-model/lifecycle-read-model';
import { firstEntry, shifted } from '../support/placement';
import { waitFor } from '../support/wait-for';
import { startLifecycleStack, type LifecycleStack } from './support-lifecycles';

let stack: LifecycleStack;
let model: LifecycleReadModel;

const valserhone = () => stack.examples['convention-cadre-terre-valserhone'];
const schema = () => stack.examples['schema-cooperation-cdg-bretagne'];
const cot = () => stack.examples['cot-seine-et-marne'];
const ended = () => stack.examples['plan-action-vaucluse'];

beforeAll(async () => {
  stack = await startLifecycleStack('pacte-web-read-model');
  // A long period: every round in this test is called by hand. Each round describes every entry.
  model = new LifecycleReadModel({ client: stack.client, refreshEveryMs: 600_000, sweepEveryMs: 600_000 });
}, 300_000);

afterAll(async () => {
  model?.stop();
  await stack?.teardown();
});

describe('the read model', () => {
  it('loads the running lifecycles, with their state and the agreement they hold, and not the ended one', async () => {
    const report = await model.start();
    expect(report).toMatchObject({ listed: 3, loaded: 3, failed: 0 });
    expect(model.all().map((e) => e.agreement.id)).toEqual(
      [cot().agreement.id, schema().agreement.id, valserhone().agreement.id].sort(),
    );
    const entry = model.get(valserhone().agreement.id)!;
    expect(entry.workflowId).toBe(lifecycleWorkflowId(valserhone().agreement.id));
    expect(entry.view.phase).toBe('active');
    expect(entry.agreement.people).toEqual(valserhone().agreement.people);
    expect(entry.historyLength).toBeGreaterThan(0);
    expect(model.get(ended().agreement.id)).toBeUndefined();
    // The whole term, the past included, as the planner gives it.
    expect(calendarOf(entry).entries.map((e) => e.id)).toEqual(valserhone().calendar.entries.map((e) => e.id));
  });

  it('finds the agreements of a person by e-mail, whatever its case, and none for a stranger', () => {
    const referent = valserhone().agreement.people.find((p) => p.roles.includes('referent'))!;
    expect(model.forEmail(referent.email).map((e) => e.agreement.id)).toEqual([valserhone().agreement.id]);
    expect(model.forEmail(referent.email.toUpperCase()).map((e) => e.agreement.id)).toEqual([
      valserhone().agreement.id,
    ]);
    expect(model.forEmail('nobody@example.org')).toEqual([]);
  });

  it("reads a lifecycle again right after the web's own operation on it", async () => {
    const review = firstEntry(valserhone(), 'annual-review');
    const handle = stack.client.workflow.getHandle(lifecycleWorkflowId(valserhone().agreement.id));
    const before = model.get(valserhone().agreement.id)!;
    await handle.executeUpdate(recordMeeting, {
      args: [{ entryId: review.id, heldOn: review.date, recordedBy: { via: 'web', personId: 'ref-cnfpt' } }],
    });
    expect(model.get(valserhone().agreement.id)!.view.meetings).toEqual(before.view.meetings);
    const after = await model.refresh(handle.workflowId);
    expect(after!.view.meetings.map((m) => m.entryId)).toEqual([review.id]);
    expect(after!.historyLength).toBeGreaterThan(before.historyLength);
    expect(model.get(valserhone().agreement.id)).toBe(after);
  });

  it('sees what others changed on the next round (the sweep describes, the history grew)', async () => {
    const year = valserhone().calendar.entries.find((e) => e.type === 'census-open')!.censusYear!;
    const handle = stack.client.workflow.getHandle(lifecycleWorkflowId(valserhone().agreement.id));
    await handle.executeUpdate(recordCensusAnswer, { args: [{ year, recordedBy: { via: 'cli' } }] });
    await model.sync();
    expect(model.get(valserhone().agreement.id)!.view.census.find((c) => c.year === year)?.answeredOn).toBeDefined();
  });

  it('picks up a lifecycle started later and drops one that ended', async () => {
    const another = shifted(valserhone().raw, valserhone().shift);
    const agreement = { ...another.agreement, id: 'valserhone-bis', title: 'Copie de Terre Valserhône' };
    await stack.start(agreement);
    await waitFor(async () => ((await model.sync()) && model.get('valserhone-bis') ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the new lifecycle in the read model',
    });
    await stack.client.workflow.getHandle(lifecycleWorkflowId(schema().agreement.id)).terminate('test: ended');
    await waitFor(async () => ((await model.sync()) && !model.get(schema().agreement.id) ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the terminated lifecycle to leave the read model',
    });
    const schemaReferent = schema().agreement.people.find((p) => p.roles.includes('referent'))!;
    expect(model.forEmail(schemaReferent.email).map((e) => e.agreement.id)).not.toContain(schema().agreement.id);
    expect(await model.refresh(lifecycleWorkflowId(schema().agreement.id))).toBeUndefined();
  });
});
