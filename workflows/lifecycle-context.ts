/**
 * What a lifecycle's operation handlers may see and do, and nothing more: the narrow interface
 * between `agreement-lifecycle.ts` (which implements it) and `operations.ts` (which uses it), so
 * neither file imports the other's class. Handlers change the state and queue work (items to send
 * at once, children to start or signal); the lifecycle's main loop carries it out.
 *
 * @module
 */
import type { ExternalWorkflowHandle, SignalDefinition } from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { Agreement } from '../domain/agreement';
import type { Calendar } from '../domain/calendar-types';
import type { LifecycleState } from '../contracts/lifecycle-state';
import type { CensusCampaignInput, ProjectSheetChildInput } from '../contracts/messages';
import type { DueItem } from './due-items';

/** The lifecycle's clock, in the agreement's zone: workflow time only, never the host's. */
export class LifecycleClock {
  constructor(private readonly zone: string) {}
  nowMs(): number {
    return Date.now();
  }
  nowIso(): string {
    return DateTime.fromMillis(Date.now(), { zone: this.zone }).toISO()!;
  }
  today(): string {
    return DateTime.fromMillis(Date.now(), { zone: this.zone }).toISODate()!;
  }
  /** The local date `date` at the local time `time` (`HH:MM`). */
  atMs(date: string, time: string): number {
    return DateTime.fromISO(`${date}T${time}`, { zone: this.zone }).toMillis();
  }
  /** An instant as an ISO string in the agreement's zone. */
  isoAt(ms: number): string {
    return DateTime.fromMillis(ms, { zone: this.zone }).toISO()!;
  }
  /** First instant after the local date `date`. */
  endOfDayMs(date: string): number {
    return DateTime.fromISO(date, { zone: this.zone }).plus({ days: 1 }).toMillis();
  }
  /** Midnight starting the next local year: the lifecycle continues as new then. */
  nextYearMs(fromMs: number): number {
    return DateTime.fromMillis(fromMs, { zone: this.zone }).startOf('year').plus({ years: 1 }).toMillis();
  }
}

/** A child workflow to start: a census campaign, a project sheet, or the successor's lifecycle. */
export type ChildStart =
  | { kind: 'census'; workflowId: string; census: CensusCampaignInput }
  | { kind: 'sheet'; workflowId: string; sheet: ProjectSheetChildInput }
  | { kind: 'successor'; workflowId: string; successor: Agreement };

/** A signal to send to a child, typed by its definition (never a name and an untyped argument). */
export interface ChildSignal {
  workflowId: string;
  send(handle: ExternalWorkflowHandle): Promise<void>;
}

export function childSignal<Arg>(workflowId: string, definition: SignalDefinition<[Arg]>, arg: Arg): ChildSignal {
  return { workflowId, send: (handle) => handle.signal(definition, arg) };
}

/** The part of a running lifecycle that its operation handlers use. */
export interface LifecycleContext {
  readonly clock: LifecycleClock;
  readonly state: LifecycleState;
  readonly calendar: Calendar;
  /** Items to send at once (notice, amendment). */
  readonly immediate: DueItem[];
  readonly childStarts: ChildStart[];
  readonly childSignals: ChildSignal[];
  /** What is still to be sent under the current calendar. */
  pending(): DueItem[];
  /** Re-plans the calendar after a change of agreement or facts. */
  replan(): Calendar;
  /** Wakes the main loop, which re-plans its next step. */
  wake(): void;
}
