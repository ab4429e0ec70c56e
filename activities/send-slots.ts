/**
 * A counting semaphore: at most `size` holders at once, the others wait in arrival order. The
 * delivery activity uses one per worker so that no more messages are between "handed to SMTP"
 * and "recorded in the delivery ledger" than the SMTP pool has connections.
 *
 * @module
 */
export interface Slots {
  /** Resolves once a slot is free; call the returned function to free it. */
  acquire(): Promise<() => void>;
}

export function createSlots(size: number): Slots {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    acquire() {
      if (free > 0) {
        free--;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve) => waiting.push(() => resolve(once(release))));
    },
  };
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      f();
    }
  };
}
