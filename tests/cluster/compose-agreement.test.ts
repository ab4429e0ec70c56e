/**
 * docker-compose.yml and the native cluster (`scripts/cluster.sh`) describe the same production
 * engine: same server, PostgreSQL and UI versions, same database, namespace, retention, shard
 * count, ports and search attributes, and the workers' delivery ledger in the same database. Both are read from their files here (cluster/values.env,
 * cluster/config.template.yaml), so neither can drift from the other unnoticed. Runs in the
 * default suite (no server needed) and in `npm run test:cluster`.
 *
 * Values the compose file leaves to `temporalio/auto-setup` are compared with that image's
 * defaults (its entrypoint's DEFAULT_NAMESPACE=default, DEFAULT_NAMESPACE_RETENTION=24h,
 * NUM_HISTORY_SHARDS=4, DBNAME=temporal, VISIBILITY_DBNAME=temporal_visibility).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { PACTE_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Env = Record<string, string>;
interface Service {
  image?: string;
  environment?: Env | string[];
  ports?: (string | number | { target: number; published?: number | string })[];
  command?: string | string[];
  entrypoint?: string | string[];
}

function values(): Env {
  const out: Env = {};
  for (const line of readFileSync(`${ROOT}cluster/values.env`, 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

function compose(): Record<string, Service> {
  return (YAML.parse(readFileSync(`${ROOT}docker-compose.yml`, 'utf8')) as { services: Record<string, Service> })
    .services;
}

function env(service: Service | undefined): Env {
  const e = service?.environment;
  if (!e) return {};
  if (Array.isArray(e))
    return Object.fromEntries(e.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, String(v)]));
}

function tag(service: Service | undefined): string {
  return service?.image?.split(':')[1] ?? '';
}

/** Host port → container port of a service's published ports. */
function published(service: Service | undefined): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of service?.ports ?? []) {
    if (typeof p === 'object') out.set(Number(p.published ?? p.target), p.target);
    else {
      const parts = String(p).split(':');
      out.set(Number(parts.at(-2) ?? parts.at(-1)), Number(parts.at(-1)));
    }
  }
  return out;
}

/** The service running the Temporal server: auto-setup or the plain server image. */
function serverService(services: Record<string, Service>): Service {
  const found = Object.values(services).find((s) => /^temporalio\/(auto-setup|server):/.test(s.image ?? ''));
  if (!found) throw new Error('docker-compose.yml: no temporalio/auto-setup or temporalio/server service');
  return found;
}

/** `--name X --type Y` pairs of every `temporal operator search-attribute create` in the compose file (names and types pair by position). */
function composeSearchAttributes(services: Record<string, Service>): Record<string, string> {
  const text = Object.values(services)
    .flatMap((s) => [s.command, s.entrypoint].flat())
    .filter((c): c is string => typeof c === 'string')
    .join(' ');
  const out: Record<string, string> = {};
  for (const call of text.split('search-attribute create').slice(1)) {
    const names = [...call.matchAll(/--name[ =](\w+)/g)].map((m) => m[1]!);
    const types = [...call.matchAll(/--type[ =](\w+)/g)].map((m) => m[1]!);
    names.forEach((name, i) => (out[name] = types[i] ?? '(no type)'));
  }
  return out;
}

describe('docker-compose.yml agrees with the cluster template', () => {
  const v = values();
  const services = compose();
  const server = serverService(services);
  const serverEnv = env(server);

  it('renders every placeholder of the template from values.env', () => {
    const template = readFileSync(`${ROOT}cluster/config.template.yaml`, 'utf8');
    const placeholders = new Set([...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!));
    // Set by the launcher itself (an absolute path on this machine), not a shared value.
    placeholders.delete('CLUSTER_DYNAMIC_CONFIG');
    expect([...placeholders].filter((p) => !(p in v))).toEqual([]);
  });

  it('runs the same versions: server, PostgreSQL, UI', () => {
    expect(tag(server)).toBe(v.TEMPORAL_SERVER_VERSION);
    const postgres = Object.values(services).find((s) => /^postgres(ql)?:/.test(s.image ?? ''));
    expect(tag(postgres).split(/[.-]/)[0], 'PostgreSQL major version').toBe(v.POSTGRES_MAJOR);
    const ui = Object.values(services).find((s) => /^temporalio\/ui:/.test(s.image ?? ''));
    expect(tag(ui).split('.').slice(0, 2).join('.'), 'UI 2.42.x').toBe(
      v.TEMPORAL_UI_VERSION!.split('.').slice(0, 2).join('.'),
    );
    const admin = Object.values(services).find((s) => /^temporalio\/admin-tools:/.test(s.image ?? ''));
    if (admin) expect(tag(admin).startsWith(v.TEMPORAL_SERVER_VERSION!), 'admin-tools').toBe(true);
  });

  it('uses the same database, credentials, namespace, retention and shard count', () => {
    const postgres = Object.values(services).find((s) => /^postgres(ql)?:/.test(s.image ?? ''));
    expect(env(postgres).POSTGRES_USER).toBe(v.DB_USER);
    expect(env(postgres).POSTGRES_PASSWORD).toBe(v.DB_PASSWORD);
    expect(serverEnv.DB).toBe(v.DB_PLUGIN);
    expect(serverEnv.DB_PORT ?? '5432').toBe(v.DB_PORT);
    expect(serverEnv.POSTGRES_USER).toBe(v.DB_USER);
    expect(serverEnv.POSTGRES_PWD).toBe(v.DB_PASSWORD);
    expect(serverEnv.DBNAME ?? 'temporal').toBe(v.DB_NAME);
    expect(serverEnv.VISIBILITY_DBNAME ?? 'temporal_visibility').toBe(v.VISIBILITY_DB_NAME);
    expect(serverEnv.DEFAULT_NAMESPACE ?? 'default').toBe(v.NAMESPACE);
    expect(serverEnv.DEFAULT_NAMESPACE_RETENTION ?? '24h').toBe(v.NAMESPACE_RETENTION);
    expect(serverEnv.NUM_HISTORY_SHARDS ?? '4').toBe(v.NUM_HISTORY_SHARDS);
    for (const s of Object.values(services)) {
      const ns = env(s).TEMPORAL_NAMESPACE;
      if (ns !== undefined) expect(ns, `${s.image} TEMPORAL_NAMESPACE`).toBe(v.NAMESPACE);
    }
  });

  it("gives the worker the same delivery ledger: PostgreSQL's role, the ledger's own database", () => {
    const url = new URL(env(services.worker).PACTE_DELIVERY_LEDGER ?? '');
    expect(url.protocol).toBe('postgres:');
    expect(decodeURIComponent(url.username)).toBe(v.DB_USER);
    expect(decodeURIComponent(url.password)).toBe(v.DB_PASSWORD);
    expect(url.port || '5432').toBe(v.DB_PORT);
    expect(url.pathname).toBe(`/${v.LEDGER_DB_NAME}`);
    expect(v.LEDGER_DB_NAME).not.toBe(v.DB_NAME);
  });

  it('publishes the frontend and the UI on the same ports', () => {
    expect(published(server).get(Number(v.FRONTEND_PORT))).toBe(Number(v.FRONTEND_PORT));
    const ui = Object.values(services).find((s) => /^temporalio\/ui:/.test(s.image ?? ''));
    expect(published(ui).has(Number(v.UI_PORT)), `UI on host port ${v.UI_PORT}`).toBe(true);
  });

  it("registers Pacte's search attributes with the same types", () => {
    const fromValues = Object.fromEntries(v.SEARCH_ATTRIBUTES!.split(',').map((p) => p.split('=') as [string, string]));
    expect(composeSearchAttributes(services)).toEqual(fromValues);
    // …and they are the ones the workflows set (workflows/search-attributes.ts).
    const code: Record<string, string> = {
      KEYWORD: 'Keyword',
      DATETIME: 'Datetime',
      KEYWORD_LIST: 'KeywordList',
      TEXT: 'Text',
      INT: 'Int',
      DOUBLE: 'Double',
      BOOL: 'Bool',
    };
    expect(Object.fromEntries(PACTE_SEARCH_ATTRIBUTES.map((k) => [k.name, code[k.type]]))).toEqual(fromValues);
  });
});
