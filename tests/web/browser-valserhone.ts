/**
 * What the browser tests of the web pages share: the web application on a Temporal dev server
 * with a worker (operations-env.ts), Terre Valserhône running, placed so that its first annual
 * review is past, and a Chromium page in French (date fields as jj/mm/aaaa).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startLifecycle } from '../../client/start-lifecycle';
import { activeAfterFirst, placeExample, readExample, type Placed } from '../support/placement';
import { serverNowMs } from '../support/server-clock';
import { launchChromium } from '../support/web-browser';
import { startWebTemporalEnv, type WebTemporalEnv } from './operations-env';

export interface BrowserValserhone {
  t: WebTemporalEnv;
  /** The server's clock when the agreement was placed. */
  now: number;
  valserhone: Placed;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

export async function startBrowserValserhone(taskQueue: string): Promise<BrowserValserhone> {
  const t = await startWebTemporalEnv(taskQueue);
  const now = await serverNowMs(t.env.client);
  const valserhone = placeExample(
    readExample('convention-cadre-terre-valserhone'),
    now,
    activeAfterFirst('annual-review'),
  );
  expect((await startLifecycle(t.env.client, 'default', valserhone.agreement, taskQueue)).ok).toBe(true);
  const browser = await launchChromium();
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  return { t, now, valserhone, browser, context, page };
}
