/*
 * The dashboard in headless Chromium (Debian's, driven by playwright-core):
 * signed in as the OSPO staff persona (remembered in localStorage, as the
 * persona picker does), the time from starting the navigation to `/ospo` to
 * the heat map showing the first team of its first page, timed by the page
 * itself (a MutationObserver, then the next animation frame). One browser context
 * for every round, a fresh page each: the first round starts with an empty
 * cache, the others with the bundles cached, as for a returning user.
 */

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export interface BrowserRound {
  round: number;
  /**
   * Navigation start (the page's time origin) to the first frame after the
   * first team row of the heat map entered the DOM.
   */
  heatMapMs: number;
  /** Navigation start to the row entering the DOM. */
  heatMapInDomMs: number;
  /** From calling page.goto to Playwright seeing the row: a cross-check. */
  seenByPlaywrightMs: number;
  /** Navigation start to DOMContentLoaded. */
  domContentLoadedMs?: number;
  /** Requests to the backend's API until the heat map showed, in ms from navigation start. */
  apiRequests: Array<{
    path: string;
    status: number;
    startMs: number;
    endMs: number;
  }>;
  /** Other requests (the app's bundles and assets) until then. */
  assets: { count: number; lastEndMs: number };
}

/** The heat map's table, as the page labels it. */
export const HEAT_MAP_TABLE = 'Checklist progress by team';

export async function measureBrowser(options: {
  baseUrl: string;
  persona: string;
  /** A team on the heat map's first page. */
  firstTeamTitle: string;
  rounds: number;
  screenshotDir: string;
  timeoutMs?: number;
}): Promise<BrowserRound[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const rounds: BrowserRound[] = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
    });
    await context.addInitScript(
      ({ persona, title, table }) => {
        window.localStorage.setItem('ospo-demo-persona', persona);
        // Timed in the page: when the team's row enters the DOM, and the
        // next frame after that (it is painted then). performance.now()
        // counts from the navigation's start.
        const marks = window as unknown as Record<string, number>;
        const present = () => {
          const heatMap = document.querySelector(
            `table[aria-label="${table}"]`,
          );
          if (!heatMap) return false;
          for (const th of heatMap.querySelectorAll('th[scope="row"]')) {
            if (th.textContent?.includes(title)) return true;
          }
          return false;
        };
        const observer = new MutationObserver(() => {
          if (marks.__ospoBenchInDom === undefined && present()) {
            marks.__ospoBenchInDom = performance.now();
            observer.disconnect();
            requestAnimationFrame(() => {
              marks.__ospoBenchPainted = performance.now();
            });
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      },
      {
        persona: options.persona,
        title: options.firstTeamTitle,
        table: HEAT_MAP_TABLE,
      },
    );

    for (let round = 1; round <= options.rounds; round++) {
      const page = await context.newPage();
      let start = 0;
      const started = new Map<object, number>();
      const apiRequests: BrowserRound['apiRequests'] = [];
      const assets = { count: 0, lastEndMs: 0 };
      let domContentLoadedMs: number | undefined;
      page.on('request', request => {
        started.set(request, performance.now() - start);
      });
      page.on('requestfinished', async request => {
        const startMs = started.get(request);
        if (startMs === undefined) return;
        const endMs = performance.now() - start;
        const url = new URL(request.url());
        if (url.pathname.startsWith('/api/')) {
          const response = await request.response();
          apiRequests.push({
            path: `${url.pathname}${url.search}`,
            status: response?.status() ?? 0,
            startMs,
            endMs,
          });
        } else {
          assets.count += 1;
          assets.lastEndMs = Math.max(assets.lastEndMs, endMs);
        }
      });
      page.on('domcontentloaded', () => {
        domContentLoadedMs = performance.now() - start;
      });
      const heatMapRow = page
        .getByRole('table', { name: HEAT_MAP_TABLE })
        .getByRole('rowheader', { name: options.firstTeamTitle });

      start = performance.now();
      await page.goto(`${options.baseUrl}/ospo`, { waitUntil: 'commit' });
      await heatMapRow.waitFor({
        state: 'visible',
        timeout: options.timeoutMs ?? 60_000,
      });
      const seenMs = performance.now() - start;
      const inPage = await page
        .waitForFunction(
          () => {
            const marks = window as unknown as Record<string, number>;
            return marks.__ospoBenchPainted === undefined
              ? undefined
              : {
                  inDom: marks.__ospoBenchInDom,
                  painted: marks.__ospoBenchPainted,
                };
          },
          undefined,
          { timeout: 10_000 },
        )
        .then(
          handle =>
            handle.jsonValue() as Promise<{ inDom: number; painted: number }>,
        );
      // The page's own clock when it has one; Playwright's polling is coarser.
      const heatMapMs = inPage.painted;
      rounds.push({
        round,
        heatMapMs,
        heatMapInDomMs: inPage.inDom,
        seenByPlaywrightMs: seenMs,
        domContentLoadedMs,
        apiRequests: apiRequests
          .filter(a => a.endMs <= seenMs)
          .sort((a, b) => a.startMs - b.startMs),
        assets: { ...assets },
      });

      if (round === options.rounds) {
        await page.waitForLoadState('networkidle').catch(() => undefined);
        fs.mkdirSync(options.screenshotDir, { recursive: true });
        await page.screenshot({
          path: path.join(options.screenshotDir, 'dashboard.png'),
        });
        // The heat map is further down the page's own scrolling area (an
        // element screenshot of it does not work there): scroll it in view.
        await page
          .getByRole('table', { name: HEAT_MAP_TABLE })
          .evaluate(table => table.scrollIntoView({ block: 'start' }));
        await page.screenshot({
          path: path.join(options.screenshotDir, 'dashboard-heat-map.png'),
        });
      }
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
  }
  return rounds;
}
