/**
 * Polls `probe` until it returns a value, or fails with a message naming what was awaited.
 * For eventually consistent reads (visibility, mailboxes), not for pacing a test.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs, what, intervalMs = 200 }: { timeoutMs: number; what: string; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
