/**
 * Asks the SDK's workflow thread for its V8 heap (see `bench/thread-heap-hook.cjs`, which the
 * process must be started with: `node --require bench/thread-heap-hook.cjs --import tsx …`).
 *
 * @module
 */
export const THREAD_HEAP_HOOK = new URL('./thread-heap-hook.cjs', import.meta.url);

let nextId = 0;

/** The workflow thread's heap in use after a full GC, in bytes; rejects when no thread answers. */
export function workflowThreadHeap(timeoutMs = 60_000): Promise<{ used: number; total: number }> {
  const channel = new BroadcastChannel('pacte-thread-heap');
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      channel.close();
      reject(new Error('no workflow thread answered (started without bench/thread-heap-hook.cjs?)'));
    }, timeoutMs);
    channel.onmessage = (event: MessageEvent) => {
      const data = event.data as { reply?: boolean; id?: number; used: number; total: number };
      if (!data.reply || data.id !== id) return;
      clearTimeout(timer);
      channel.close();
      resolve({ used: data.used, total: data.total });
    };
    channel.postMessage({ cmd: 'heap', id });
  });
}
