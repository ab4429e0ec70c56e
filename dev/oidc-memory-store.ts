/**
 * Where the development OpenID provider keeps its sessions, codes and tokens: in memory, on
 * purpose (they end with the process, as the provider's keys do). oidc-provider's own memory
 * store does the same but warns at each start that production needs another one; this one is
 * the same thing said once, here.
 *
 * @module
 */

interface Entry {
  payload: Record<string, unknown>;
  expiresAt: number;
}

/** One store per model (Session, AuthorizationCode, AccessToken, Grant, Interaction…). */
export function memoryStore() {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return class MemoryStore {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void> {
      const key = this.key(id);
      entries.set(key, { payload, expiresAt: Date.now() + expiresIn * 1000 });
      const grantId = payload.grantId;
      if (typeof grantId === 'string') byGrant.set(grantId, (byGrant.get(grantId) ?? new Set()).add(key));
    }

    async find(id: string): Promise<Record<string, unknown> | undefined> {
      return live(this.key(id))?.payload;
    }

    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      for (const [key, entry] of entries) {
        if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return live(key)?.payload;
      }
      return undefined;
    }

    async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
      for (const [key, entry] of entries) {
        if (key.startsWith(`${this.model}:`) && entry.payload.userCode === userCode) return live(key)?.payload;
      }
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = live(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
      byGrant.delete(grantId);
    }
  };
}
