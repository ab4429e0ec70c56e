/**
 * docker-compose.yml and the Dockerfile, checked without a Docker engine (none runs on the build
 * machines): the services and what they publish, health checks, persistent volumes, image
 * versions, and above all that the worker is configured only with variables the code actually
 * reads. Those names are taken from the sources at test time (activities/config.ts,
 * worker/main.ts, worker/tuning.ts, codec/*.ts, and @temporalio/envconfig's own code), not from a copy here, so
 * renaming a variable in the code without updating the compose file fails this test.
 *
 * tests/cluster/compose-agreement.test.ts checks the server-side values against the native
 * cluster; this file checks the deployment as a whole and the worker.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number; published?: number | string })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  init?: boolean;
  stop_grace_period?: string;
  command?: string | string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = YAML.parse(composeText) as ComposeFile;
const services = compose.services;

function find(pattern: RegExp): [string, Service] {
  const found = Object.entries(services).find(([, s]) => pattern.test(s.image ?? ''));
  if (!found) throw new Error(`docker-compose.yml: no service with an image matching ${pattern}`);
  return found;
}

function envNames(service: Service): string[] {
  const e = service.environment ?? {};
  return Array.isArray(e) ? e.map((kv) => kv.split('=')[0]!) : Object.keys(e);
}

function publishedPorts(service: Service): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of service.ports ?? []) {
    if (typeof p === 'object') out.set(Number(p.published ?? p.target), p.target);
    else {
      const parts = String(p).split(':');
      out.set(Number(parts.at(-2) ?? parts.at(-1)), Number(parts.at(-1)));
    }
  }
  return out;
}

function namedVolumes(service: Service): string[] {
  return (service.volumes ?? [])
    .map((v) => (typeof v === 'string' ? v.split(':')[0]! : (v.source ?? '')))
    .filter((source) => /^[a-z0-9][a-z0-9_.-]*$/i.test(source)); // not a ./host path
}

function tag(service: Service): string {
  return service.image?.split(':')[1] ?? '';
}

/** Environment variable names a source file reads: `env.NAME`, `env['NAME']`, and zod schema keys `NAME: z.`. */
function namesReadBy(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\benv(?:\.|\[\s*['"])([A-Z][A-Z0-9_]+)/g)) names.add(m[1]!);
  for (const m of text.matchAll(/^\s*([A-Z][A-Z0-9_]+)\s*:\s*z\s*\./gm)) names.add(m[1]!);
  return [...names];
}

/** Every variable the worker process reads, from the sources it runs. */
function workerReads(): Set<string> {
  const files = [
    join(ROOT, 'activities/config.ts'),
    join(ROOT, 'worker/main.ts'),
    join(ROOT, 'worker/tuning.ts'),
    ...(existsSync(join(ROOT, 'codec'))
      ? readdirSync(join(ROOT, 'codec'))
          .filter((f) => /\.(ts|cjs|js)$/.test(f))
          .map((f) => join(ROOT, 'codec', f))
      : []),
  ];
  const names = new Set(files.flatMap((f) => namesReadBy(readFileSync(f, 'utf8'))));
  // Temporal's standard environment configuration, as the installed SDK reads it.
  const require = createRequire(import.meta.url);
  const envconfigDir = dirname(require.resolve('@temporalio/envconfig'));
  for (const f of readdirSync(envconfigDir).filter((f) => f.endsWith('.js'))) {
    for (const m of readFileSync(join(envconfigDir, f), 'utf8').matchAll(/['"`](TEMPORAL_[A-Z0-9_]+)['"`]/g))
      names.add(m[1]!);
  }
  return names;
}

describe('docker-compose.yml', () => {
  it('has the Temporal server, PostgreSQL, the UI, a mail inbox, the search-attribute set-up and the worker', () => {
    find(/^postgres:/);
    find(/^temporalio\/auto-setup:/);
    find(/^temporalio\/ui:/);
    find(/^temporalio\/admin-tools:/);
    find(/^axllent\/mailpit:/);
    expect(services.worker, 'a service named worker').toBeDefined();
  });

  it('pins the versions the tests run: server 1.29.1, UI 2.42.x, PostgreSQL 15', () => {
    expect(tag(find(/^temporalio\/auto-setup:/)[1])).toBe('1.29.1');
    expect(tag(find(/^temporalio\/admin-tools:/)[1])).toMatch(/^1\.29\.1\b/);
    expect(tag(find(/^temporalio\/ui:/)[1])).toMatch(/^2\.42\.\d+$/);
    expect(tag(find(/^postgres:/)[1]).split('.')[0]).toBe('15');
    // Not "latest": every image is pinned.
    for (const [name, s] of Object.entries(services)) {
      if (s.image && !s.build) expect(tag(s), `${name} image tag`).toMatch(/^v?\d+(\.\d+)*$/);
    }
  });

  it('publishes gRPC 7233, the Temporal UI on 8080, the mail inbox on 8025 and SMTP on 1025', () => {
    expect(publishedPorts(find(/^temporalio\/auto-setup:/)[1]).get(7233)).toBe(7233);
    expect(publishedPorts(find(/^temporalio\/ui:/)[1]).get(8080)).toBe(8080);
    const mail = publishedPorts(find(/^axllent\/mailpit:/)[1]);
    expect(mail.get(8025)).toBe(8025);
    expect(mail.get(1025)).toBe(1025);
    // PostgreSQL stays on the internal network.
    expect(find(/^postgres:/)[1].ports ?? []).toEqual([]);
  });

  it('health-checks the long-running services the others wait for', () => {
    for (const pattern of [/^postgres:/, /^temporalio\/auto-setup:/, /^temporalio\/ui:/, /^axllent\/mailpit:/]) {
      const [name, s] = find(pattern);
      expect(s.healthcheck?.test, `${name} health check`).toBeTruthy();
      expect(s.healthcheck?.disable, name).not.toBe(true);
    }
    // Start order: server after a healthy database, worker after the search attributes exist.
    const deps = (s: Service) =>
      (Array.isArray(s.depends_on)
        ? Object.fromEntries(s.depends_on.map((d) => [d, {}]))
        : (s.depends_on ?? {})) as Record<string, { condition?: string }>;
    const [pgName] = find(/^postgres:/);
    const [setupName] = find(/^temporalio\/admin-tools:/);
    expect(deps(find(/^temporalio\/auto-setup:/)[1])[pgName]?.condition).toBe('service_healthy');
    expect(deps(services.worker!)[setupName]?.condition).toBe('service_completed_successfully');
  });

  it('keeps the data in named volumes that are declared', () => {
    const declared = Object.keys(compose.volumes ?? {});
    expect(namedVolumes(find(/^postgres:/)[1])).toHaveLength(1);
    expect(namedVolumes(find(/^postgres:/)[1])[0]).toSatisfy((v: string) => declared.includes(v));
    expect(
      find(/^postgres:/)[1].volumes?.some((v) =>
        (typeof v === 'string' ? v : v.target).includes('/var/lib/postgresql/data'),
      ),
    ).toBe(true);
    expect(namedVolumes(find(/^axllent\/mailpit:/)[1]).length).toBeGreaterThan(0);
    for (const [name, s] of Object.entries(services)) {
      for (const v of namedVolumes(s)) expect(declared, `${name} uses volume ${v}`).toContain(v);
    }
  });

  it('builds the worker from the Dockerfile, with no source mount', () => {
    const worker = services.worker!;
    const context = typeof worker.build === 'string' ? worker.build : worker.build?.context;
    expect(context).toBe('.');
    expect(worker.volumes ?? []).toEqual([]);
    expect(worker.init).toBe(true);
    expect(worker.command, 'the image decides what runs').toBeUndefined();
  });

  it('configures the worker only with variables the code reads, and the ones it needs', () => {
    const reads = workerReads();
    // Sanity: the grep found the variables we know exist, so an empty set cannot pass.
    for (const known of [
      'SMTP_URL',
      'MAIL_FROM',
      'SMTP_TIMEOUT_MS',
      'SMTP_MAX_CONNECTIONS',
      'PACTE_MAX_CACHED_WORKFLOWS',
      'PACTE_TASK_QUEUE',
      'TEMPORAL_ADDRESS',
      'TEMPORAL_NAMESPACE',
      'TEMPORAL_API_KEY',
    ]) {
      expect(reads, `the sources read ${known}`).toContain(known);
    }
    const given = envNames(services.worker!);
    expect(
      given.filter((name) => !reads.has(name)),
      'worker variables no code reads',
    ).toEqual([]);
    for (const needed of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'SMTP_URL', 'MAIL_FROM', 'PACTE_TASK_QUEUE']) {
      expect(given, `worker sets ${needed}`).toContain(needed);
    }
    // The worker reaches the other services by their compose names.
    const env = services.worker!.environment as Record<string, string>;
    const [serverName] = find(/^temporalio\/auto-setup:/);
    const [mailName] = find(/^axllent\/mailpit:/);
    expect(env.TEMPORAL_ADDRESS).toBe(`${serverName}:7233`);
    expect(env.SMTP_URL).toBe(`smtp://${mailName}:1025`);
  });
});

describe('docker-compose.yml: the web application', () => {
  /** What the web process reads: its configuration, the codec's keys, Temporal's environment configuration. */
  function webReads(): Set<string> {
    // web/config.ts: the keys of its zod schema of the environment (`NAME: <schema>,`).
    const config = readFileSync(join(ROOT, 'web/config.ts'), 'utf8');
    const names = new Set([...config.matchAll(/^\s*((?:PACTE|TEMPORAL)_[A-Z0-9_]+)\s*:/gm)].map((m) => m[1]!));
    for (const name of workerReads()) if (/^(TEMPORAL_|PACTE_CODEC)/.test(name)) names.add(name);
    return names;
  }

  it('runs web/main.ts from the same image, configured only with variables the code reads', () => {
    const web = services.web;
    expect(web, 'a service named web').toBeDefined();
    expect(web!.image).toBe(services.worker!.image);
    expect(web!.command).toEqual(['node', '--import', 'tsx', 'web/main.ts']);
    const reads = webReads();
    for (const known of ['PACTE_WEB_PORT', 'PACTE_WEB_SESSION_KEY', 'PACTE_OIDC_ISSUER', 'TEMPORAL_ADDRESS']) {
      expect(reads, `the sources read ${known}`).toContain(known);
    }
    const given = envNames(web!);
    expect(
      given.filter((name) => !reads.has(name)),
      'web variables no code reads',
    ).toEqual([]);
    for (const needed of ['PACTE_WEB_HOST', 'PACTE_WEB_SESSION_KEY', 'PACTE_OIDC_ISSUER', 'PACTE_CODEC_KEYS']) {
      expect(given, `web sets ${needed}`).toContain(needed);
    }
    const env = web!.environment as Record<string, string>;
    expect(env.TEMPORAL_ADDRESS).toBe((services.worker!.environment as Record<string, string>).TEMPORAL_ADDRESS);
    expect(env.PACTE_WEB_HOST).toBe('0.0.0.0');
    expect(publishedPorts(web!).get(3000)).toBe(3000);
    expect(web!.healthcheck?.test).toBeTruthy();
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('runs the worker on node:24-bookworm-slim with production dependencies only, as a non-root user', () => {
    expect(instructions[0]).toBe('FROM node:24-bookworm-slim');
    expect(instructions.some((l) => /^RUN .*npm ci --omit=dev/.test(l))).toBe(true);
    const user = instructions.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)$/);
    // The worker's own process gets SIGTERM: no npm or shell in between (exec form).
    expect(instructions.at(-1)).toBe('CMD ["node", "--import", "tsx", "worker/main.ts"]');
  });

  it('runs what `npm run worker` runs, with its dependencies outside devDependencies', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.scripts.worker).toBe('node --import tsx worker/main.ts');
    expect(pkg.dependencies.tsx, 'tsx is needed at run time').toBeDefined();
  });

  it('keeps node_modules, the git history and secrets out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules', '.git', '.env', 'secrets']) expect(ignored).toContain(entry);
  });
});
