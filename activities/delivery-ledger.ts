/**
 * The delivery ledger: a durable record, outside the worker's memory, of every Message-ID the
 * SMTP server accepted. `deliverDay` reads it before sending a batch and writes to it as soon as
 * the server accepts a message, so that a retry after a worker died (its last heartbeats lost)
 * does not send again what was already accepted (docs/design.md, "Delivery ledger").
 *
 * Two stores behind this interface, chosen by `PACTE_DELIVERY_LEDGER`
 * (activities/delivery-ledger-config.ts): a local SQLite file (`npm start`, `npm run worker` on
 * one host) and PostgreSQL (the cluster profile, several workers).
 *
 * @module
 */

/** One accepted message, as the ledger keeps it. */
export interface AcceptedDelivery {
  messageId: string;
  acceptedAt: Date;
  /** The SMTP server's answer, addresses masked. */
  response: string;
}

export interface DeliveryLedger {
  /** What and where, for the worker's start line: never a password. */
  readonly description: string;
  /**
   * True when {@link record} commits before it returns, with no I/O to wait for (SQLite): an
   * accepted message is recorded in the same turn of the event loop, before the connection that
   * carried it can take another one far. False (PostgreSQL): the delivery activity then holds a
   * send slot from the SMTP transaction to its record, so that the pool's connections do not move
   * on while records wait (activities/deliver-day.ts).
   */
  readonly recordsImmediately: boolean;
  /**
   * The entries of those of `messageIds` the ledger holds: one query for a whole batch. With
   * `run`, only those recorded for that workflow run (see {@link record}).
   */
  accepted(messageIds: readonly string[], run?: string): Promise<Map<string, AcceptedDelivery>>;
  /**
   * Records that the server accepted `messageId`, sent by the workflow run `run` (the batch's
   * retries all belong to one run; a lifecycle started again for the same agreement, the same
   * day, is another run and must send its e-mails, although their Message-IDs are the same).
   * Resolves once the record is durable (the SQLite store writes before it returns). Recording
   * the same id for the same run again keeps the first entry.
   */
  record(messageId: string, response: string, run?: string): Promise<void>;
  /** Deletes entries accepted before `before`; returns how many. */
  purge(before: Date): Promise<number>;
  close(): Promise<void>;
}
