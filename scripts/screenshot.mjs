/**
 * node scripts/screenshot.mjs [out.png]: builds, starts the playground on
 * the sample workbook and saves a screenshot of it (default
 * docs/playground.png, the README's), taken in Debian's Chromium
 * (/usr/bin/chromium) driven by playwright-core. Nothing is downloaded.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildAppsScript } from './build.mjs';
import { loadTs, root } from './load-ts.mjs';

const out = resolve(process.argv[2] ?? join(root, 'docs', 'playground.png'));
const lang = process.env.SHOT_LANG === 'ja' ? 'ja' : 'en';
await buildAppsScript({ quiet: true });
const { startPlayground } = loadTs('src/playground/server.ts');
const pg = await startPlayground({});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 760 },
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
  });
  await context.route(
    (url) => !url.href.startsWith(pg.url),
    (r) => r.abort(),
  );
  const page = await context.newPage();
  await page.goto(`${pg.url}?sheet=Cohorts&lang=${lang}`);
  const sidebar = page.frameLocator('[data-testid="sidebar-frame"]');
  await sidebar.getByTestId('headers').locator('li').first().waitFor();
  // Select the spilled =LTV_SBG table of the first cohort, as a person would.
  await page.locator('td[data-a1="B37"]').scrollIntoViewIfNeeded();
  await page.locator('td[data-a1="B37"]').hover();
  await page.mouse.down();
  await page.locator('td[data-a1="E38"]').hover();
  await page.mouse.up();
  await sidebar.getByTestId('selection').filter({ hasText: 'B37:E38' }).waitFor();
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  await pg.close();
}
