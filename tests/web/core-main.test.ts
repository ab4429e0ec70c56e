/**
 * `npm run web` as a deployment runs it: the package script in a process of its own. Without
 * its configuration it refuses to start, naming the variables; configured (the development
 * OpenID provider as its provider), it listens, answers, and on SIGTERM stops with status 0 and
 * releases its port.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevOidcProvider, type DevOidcProvider } from '../../dev/oidc-provider';
import { cleanEnv, freePorts, listening, runScript, stopScript, type RunningScript } from '../start/processes';

let provider: DevOidcProvider;
let web: RunningScript | undefined;
let port: number;
const client = { clientId: 'pacte-web-main', clientSecret: randomBytes(16).toString('hex') };

beforeAll(async () => {
  [port] = (await freePorts(1)) as [number];
  provider = await startDevOidcProvider({ port: 0, clients: [{ ...client, baseUrl: `http://127.0.0.1:${port}` }] });
});

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

  it('listens, answers, and stops on SIGTERM with status 0, releasing its port', async () => {
    web = runScript(
      'web',
      cleanEnv({
        NODE_ENV: 'production',
        PACTE_WEB_PORT: String(port),
        PACTE_WEB_BASE_URL: `http://127.0.0.1:${port}`,
        PACTE_WEB_SESSION_KEY: randomBytes(32).toString('hex'),
        PACTE_OIDC_ISSUER: provider.issuer,
        PACTE_OIDC_CLIENT_ID: client.clientId,
        PACTE_OIDC_CLIENT_SECRET: client.clientSecret,
      }),
    );
    await web.waitForLine(/"msg":"Server listening at http:\/\/127\.0\.0\.1:\d+"/, 60_000, 'listening');
    expect((await fetch(`http://127.0.0.1:${port}/sante`)).status).toBe(200);
    const signIn = await fetch(`http://127.0.0.1:${port}/connexion`, { redirect: 'manual' });
    expect(signIn.headers.get('location')?.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    web.signal('SIGTERM');
    expect(await web.waitForExit(30_000), web.tail()).toEqual({ code: 0, signal: null });
    expect(await listening(port)).toBe(false);
  });
});
