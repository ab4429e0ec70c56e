/**
 * The stylesheet: GOV.UK Frontend compiled from its Sass sources without the GOV.UK brand (no
 * GDS Transport font, no @font-face, no crown or crest image), compiled on a cold cache and read
 * from a warm one, and served by the application with the assets it may serve (not GOV.UK's).
 *
 * @module
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStylesheet } from '../../web/assets/stylesheet';
import { startWebStack, type WebStack } from '../support/web-stack';

let cacheDir: string;
let stack: WebStack;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'pacte-css-'));
  stack = await startWebStack();
});

afterAll(async () => {
  await stack?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe('the stylesheet', () => {
  it('compiles on a cold cache, without the GOV.UK brand, and is read back from the cache', async () => {
    const cold = await loadStylesheet(cacheDir);
    expect(cold.fromCache).toBe(false);
    expect(cold.css.length).toBeGreaterThan(50_000);
    // GOV.UK Frontend's components are there…
    for (const selector of ['.govuk-button', '.govuk-service-navigation', '.govuk-error-summary', '.govuk-table']) {
      expect(cold.css, selector).toContain(selector);
    }
    // …but not its brand: no GDS Transport, no web font at all, no image (crown, crest).
    expect(cold.css).not.toMatch(/GDS Transport/i);
    expect(cold.css).not.toMatch(/@font-face/);
    expect(cold.css).not.toMatch(/crest|crown/i);
    expect(cold.css).not.toMatch(/url\(/);
    expect(cold.css).toMatch(/font-family:system-ui/);
    expect(await readdir(cacheDir)).toEqual([expect.stringMatching(/^pacte-[0-9a-f]{16}\.css$/)]);

    const warm = await loadStylesheet(cacheDir);
    expect(warm.fromCache).toBe(true);
    expect(warm.hash).toBe(cold.hash);
  });

  it('is served under its content hash, cached for long; GOV.UK images and fonts are not served', async () => {
    const page = await stack.app.inject({ url: '/accessibilite' });
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1];
    expect(href).toMatch(/^\/assets\/pacte-[0-9a-f]{12}\.css$/);
    const css = await stack.app.inject({ url: href! });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toMatch(/immutable/);
    expect(css.body).toContain('.govuk-button');

    const icon = await stack.app.inject({ url: '/assets/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    for (const url of [
      '/assets/images/govuk-crest.svg',
      '/assets/images/favicon.ico',
      '/assets/fonts/bold-b542beb274-v2.woff2',
    ]) {
      expect((await stack.app.inject({ url })).statusCode, url).toBe(404);
    }
  });
});
