/**
 * `npm run web` as a deployment runs it: the package script in a process of its own. Without
 * its configuration it refuses to start, naming the variables; on a port another process holds,
 * it says which variable to change; configured (the development OpenID provider as its
 * provider), it listens, answers, and on SIGTERM stops with status 0 and releases its port.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevOidcProvider, type DevOidcProvider } from '../../dev/oidc-provider';
import {
  cleanEnv,
  freePorts,
  listening,
  runScript,
  startOnFreePorts,
  stopScript,
  type RunningScript,
} from '../start/processes';

let provider: DevOidcProvider | undefined;
let web: RunningScript | undefined;
const client = { clientId: 'pacte-web-main', clientSecret: randomBytes(16).toString('hex') };

/** The environment of a configured `npm run web` on `port`. */
function webEnv(port: number, issuer: string): NodeJS.ProcessEnv {
  return cleanEnv({
    NODE_ENV: 'production',
    PACTE_WEB_PORT: String(port),
    PACTE_WEB_BASE_URL: `http://127.0.0.1:${port}`,
    PACTE_WEB_SESSION_KEY: randomBytes(32).toString('hex'),
    PACTE_OIDC_ISSUER: issuer,
    PACTE_OIDC_CLIENT_ID: client.clientId,
    PACTE_OIDC_CLIENT_SECRET: client.clientSecret,
  });
}

const LISTENING = /"msg":"Server listening at http:\/\/127\.0\.0\.1:\d+"/;
const TAKEN = /\[pacte web\] port \d+ is taken on 127\.0\.0\.1: set PACTE_WEB_PORT to a free port/;

afterAll(async () => {
  await stopScript(web);
  await provider?.close();
});

describe('npm run web', () => {
  it('refuses to start without its configuration, naming the variables', async () => {
    const bare = runScript('web', cleanEnv({ NODE_ENV: 'production' }));
    const exit = await bare.waitForExit(60_000);
    expect(exit.code, bare.tail()).toBe(1);
    const output = bare.lines.join('\n');
    for (const name of ['PACTE_OIDC_ISSUER', 'PACTE_OIDC_CLIENT_ID', 'PACTE_OIDC_CLIENT_SECRET']) {
      expect(output).toContain(`${name}: required`);
    }
  });

  it('names the variable to change when its port is taken, and exits with status 1', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      // Discovery happens at the first sign-in: the issuer is not reached here.
      const refused = runScript('web', webEnv(port, 'http://127.0.0.1:9/'));
      const exit = await refused.waitForExit(60_000);
      expect(exit.code, refused.tail()).toBe(1);
      expect(refused.lines.join('\n')).toMatch(TAKEN);
      expect(refused.lines.join('\n')).toContain(`port ${port} is taken`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('listens, answers, and stops on SIGTERM with status 0, releasing its port', async () => {
    let port: number;
    let issuer: string;
    // A port found free may be taken before the web binds it: then it starts again on another.
    ({
      script: web,
      port,
      issuer,
    } = await startOnFreePorts(
      async () => {
        const [free] = (await freePorts(1)) as [number];
        await provider?.close();
        provider = await startDevOidcProvider({
          port: 0,
          clients: [{ ...client, baseUrl: `http://127.0.0.1:${free}` }],
        });
        return { script: runScript('web', webEnv(free, provider.issuer)), port: free, issuer: provider.issuer };
      },
      { ready: LISTENING, taken: TAKEN, withinMs: 60_000, what: 'listening' },
    ));
    expect((await fetch(`http://127.0.0.1:${port}/sante`)).status).toBe(200);
    const signIn = await fetch(`http://127.0.0.1:${port}/connexion`, { redirect: 'manual' });
    expect(signIn.headers.get('location')?.startsWith(`${issuer}/auth?`)).toBe(true);
    web.signal('SIGTERM');
    expect(await web.waitForExit(30_000), web.tail()).toEqual({ code: 0, signal: null });
    expect(await listening(port)).toBe(false);
  });
});
