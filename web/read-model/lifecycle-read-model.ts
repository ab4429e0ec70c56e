/**
 * How the web reads lifecycles fast (docs/web.md, « Lecture des conventions »): an in-memory
 * model of the running lifecycles, so that a page reads memory, not Temporal.
 *
 * - At start, the running lifecycles are listed by visibility and each is queried (`snapshot`:
 *   its view and its agreement) with bounded concurrency.
 * - Every `refreshEveryMs`, the listing again: new lifecycles are loaded, ended ones dropped.
 *   The listing cannot say what changed in a running lifecycle (the dev server's visibility keeps
 *   its history length at 0 until it closes, and a lifecycle only touches visibility when its
 *   phase or next deadline moves), so a sweep describes a slice of the entries each round —
 *   every one within `sweepEveryMs` — and queries again those whose history grew. A describe is
 *   served by the history service alone; a query needs a worker, so it is only sent on change.
 * - Right after the web's own operations, `refresh(workflowId)` reads that lifecycle at once.
 *
 * Payloads are decoded by the client's data converter (the codec, as `client/connection.ts` sets
 * it up): the model never sees encrypted payloads.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { snapshotQuery } from '../../contracts/messages';
import { EmailIndex } from './email-index';
import { LIFECYCLE_WORKFLOW_TYPE, type LifecycleEntry } from './lifecycle-entry';

export interface ReadModelOptions {
  client: Client;
  /** Listing period; default 5 s. */
  refreshEveryMs?: number;
  /** Every entry is described at least this often; default 30 s. */
  sweepEveryMs?: number;
  /** Queries in flight at once; default 8. */
  concurrency?: number;
  /** Progress and trouble, without personal data (workflow ids only). */
  log?: (message: string) => void;
}

export interface SyncReport {
  listed: number;
  loaded: number;
  dropped: number;
  failed: number;
}

const RUNNING_QUERY = `WorkflowType = '${LIFECYCLE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`;

export class LifecycleReadModel {
  private readonly entries = new Map<string, LifecycleEntry>();
  private readonly byWorkflowId = new Map<string, string>();
  private readonly emails = new EmailIndex();
  private readonly client: Client;
  private readonly refreshEveryMs: number;
  private readonly sweepEveryMs: number;
  private readonly concurrency: number;
  private readonly log: (message: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<SyncReport> | undefined;
  private sweepCursor = 0;
  private readyPromise: Promise<SyncReport> | undefined;

  constructor(options: ReadModelOptions) {
    this.client = options.client;
    this.refreshEveryMs = options.refreshEveryMs ?? 5_000;
    this.sweepEveryMs = options.sweepEveryMs ?? 30_000;
    this.concurrency = options.concurrency ?? 8;
    this.log = options.log ?? (() => {});
  }

  /** Loads every running lifecycle, then keeps the model fresh until {@link stop}. */
  start(): Promise<SyncReport> {
    this.readyPromise ??= this.sync().then((report) => {
      this.schedule();
      return report;
    });
    return this.readyPromise;
  }

  /** Resolves once the first load is done. */
  ready(): Promise<SyncReport> {
    return this.start();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.readyPromise = undefined;
  }

  get(agreementId: string): LifecycleEntry | undefined {
    return this.entries.get(agreementId);
  }

  /** Every loaded lifecycle, by agreement id. */
  all(): LifecycleEntry[] {
    return [...this.entries.values()].sort((a, b) => a.agreement.id.localeCompare(b.agreement.id));
  }

  /** The lifecycles whose agreement names `email` among its people. */
  forEmail(email: string): LifecycleEntry[] {
    return this.emails.agreementsOf(email).flatMap((id) => this.entries.get(id) ?? []);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Reads one lifecycle now (after the web's own operation on it); drops it if it has ended. */
  async refresh(workflowId: string): Promise<LifecycleEntry | undefined> {
    const handle = this.client.workflow.getHandle(workflowId);
    try {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') {
        this.drop(workflowId);
        return undefined;
      }
      return await this.load(workflowId, description.historyLength);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) {
        this.drop(workflowId);
        return undefined;
      }
      throw e;
    }
  }

  /** One round: list, load what is new or changed, drop what ended, sweep a slice. */
  sync(): Promise<SyncReport> {
    // One round at a time: a slow round is not overlapped by the next tick.
    this.syncing ??= this.round().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async round(): Promise<SyncReport> {
    const listed = new Set<string>();
    for await (const info of this.client.workflow.list({ query: RUNNING_QUERY })) listed.add(info.workflowId);
    const report: SyncReport = { listed: listed.size, loaded: 0, dropped: 0, failed: 0 };
    for (const workflowId of this.byWorkflowId.keys()) {
      if (!listed.has(workflowId)) {
        this.drop(workflowId);
        report.dropped++;
      }
    }
    const fresh = [...listed].filter((id) => !this.byWorkflowId.has(id));
    await inPool([...fresh, ...this.sweepSlice()], this.concurrency, async (id) => {
      try {
        const { historyLength } = await this.client.workflow.getHandle(id).describe();
        const current = this.entryOf(id);
        if (current && current.historyLength >= historyLength) return;
        await this.load(id, historyLength);
        report.loaded++;
      } catch (e) {
        report.failed++;
        if (e instanceof WorkflowNotFoundError) this.drop(id);
        else this.log(`read model: ${id} not read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
      }
    });
    return report;
  }

  /** The known entries to describe this round, so that each is described once per `sweepEveryMs`. */
  private sweepSlice(): string[] {
    const known = [...this.byWorkflowId.keys()];
    if (known.length === 0) return [];
    const perRound = Math.min(known.length, Math.ceil((known.length * this.refreshEveryMs) / this.sweepEveryMs));
    const slice = Array.from({ length: perRound }, (_, i) => known[(this.sweepCursor + i) % known.length]!);
    this.sweepCursor = (this.sweepCursor + perRound) % known.length;
    return slice;
  }

  private entryOf(workflowId: string): LifecycleEntry | undefined {
    const agreementId = this.byWorkflowId.get(workflowId);
    return agreementId === undefined ? undefined : this.entries.get(agreementId);
  }

  private async load(workflowId: string, historyLength: number): Promise<LifecycleEntry> {
    const handle = this.client.workflow.getHandle(workflowId);
    const { view, agreement } = await handle.query(snapshotQuery);
    const entry: LifecycleEntry = { workflowId, agreement, view, historyLength, loadedAt: Date.now() };
    const previous = this.byWorkflowId.get(workflowId);
    if (previous !== undefined && previous !== agreement.id) this.entries.delete(previous);
    this.byWorkflowId.set(workflowId, agreement.id);
    this.entries.set(agreement.id, entry);
    this.emails.set(agreement);
    return entry;
  }

  private drop(workflowId: string): void {
    const agreementId = this.byWorkflowId.get(workflowId);
    if (agreementId === undefined) return;
    this.byWorkflowId.delete(workflowId);
    this.entries.delete(agreementId);
    this.emails.delete(agreementId);
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.sync()
        .catch((e: unknown) => this.log(`read model: refresh failed (${e instanceof Error ? e.message : String(e)})`))
        .finally(() => {
          if (this.timer) this.schedule();
        });
    }, this.refreshEveryMs);
    this.timer.unref();
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}
