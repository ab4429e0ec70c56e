/**
 * The compiled stylesheet (web/assets/pacte.scss → CSS), built once per process and kept in a
 * cache file keyed by the sources and the versions of govuk-frontend and sass: a cold start
 * compiles (about 2 s), a warm one reads the file. A cache that cannot be written (read-only
 * file system) only costs the compilation at each start.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS_DIR = fileURLToPath(new URL('.', import.meta.url));
const SOURCES = ['pacte.scss', '_components.scss', '_pages.scss'];
const require = createRequire(import.meta.url);

export interface Stylesheet {
  css: string;
  /** Short content hash: the URL changes with the content, so it can be cached for long. */
  hash: string;
}

let compiled: Promise<Stylesheet> | undefined;

/** The stylesheet, compiled at most once per process. */
export function stylesheet(cacheDir = defaultCacheDir()): Promise<Stylesheet> {
  compiled ??= loadStylesheet(cacheDir).catch((e: unknown) => {
    compiled = undefined; // a later call tries again
    throw e;
  });
  return compiled;
}

function defaultCacheDir(): string {
  return join(process.env.PACTE_CACHE_DIR || join(homedir(), '.cache', 'pacte'), 'web');
}

function govukFrontendVersion(): string {
  return (require('govuk-frontend/package.json') as { version: string }).version;
}

/** Reads the cached CSS for the current sources, or compiles and caches it (no memory cache). */
export async function loadStylesheet(cacheDir: string): Promise<Stylesheet & { fromCache: boolean }> {
  const sources = await Promise.all(SOURCES.map((file) => readFile(join(ASSETS_DIR, file), 'utf8')));
  const sass = await import('sass'); // its version is part of the key (it does not export package.json)
  const key = createHash('sha256')
    .update(JSON.stringify([sources, govukFrontendVersion(), sass.info]))
    .digest('hex')
    .slice(0, 16);
  const file = join(cacheDir, `pacte-${key}.css`);
  const cached = await readFile(file, 'utf8').catch(() => undefined);
  const css = cached ?? (await compile(sass));
  if (cached === undefined) await writeCache(file, css);
  return { css, hash: createHash('sha256').update(css).digest('hex').slice(0, 12), fromCache: cached !== undefined };
}

async function compile(sass: typeof import('sass')): Promise<string> {
  const nodeModules = dirname(dirname(require.resolve('govuk-frontend/package.json')));
  const result = await sass.compileAsync(join(ASSETS_DIR, 'pacte.scss'), {
    loadPaths: [nodeModules, ASSETS_DIR],
    style: 'compressed',
    quietDeps: true,
  });
  return result.css;
}

async function writeCache(file: string, css: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    // Written aside then renamed: a concurrent start never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, css);
    await rename(partial, file);
  } catch {
    // Read-only cache: compiled again at the next start, nothing else changes.
  }
}
