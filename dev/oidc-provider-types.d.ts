// The part of oidc-provider 9's API that dev/oidc-provider.ts uses: the package ships no types,
// and @types/oidc-provider is not a dependency (one development module does not need it).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface KoaContextWithOIDC {
    host: string;
    body: unknown;
    type: string;
    oidc: {
      client?: { clientId: string; clientName?: string };
      params?: Record<string, unknown>;
      session?: { accountId?: string };
      provider: Provider;
    };
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Grant: new (properties: { clientId: string; accountId: string }) => GrantInstance;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export default Provider;
}
