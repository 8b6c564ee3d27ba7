/**
 * Real headless Chromium for the browser tests, driven by playwright-core:
 * Debian's /usr/bin/chromium (or KPI_LAMP_CHROMIUM), never a downloaded
 * browser build. When it is missing, as root on Debian it is installed with
 * apt-get; otherwise the tests fail with the exact command to run. Each
 * launch gets a fresh profile (Playwright makes a new temporary user data
 * directory for every launch), and no request may leave 127.0.0.1.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';

export const CHROMIUM = process.env.KPI_LAMP_CHROMIUM || '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';
export const RESULTS = join(__dirname, '..', '..', 'test-results');

/** Whether this process may install packages (root on Debian); injectable for the test of the message. */
export interface Host {
  root: boolean;
  debian: boolean;
}
const thisHost = (): Host => ({
  root: typeof process.getuid === 'function' && process.getuid() === 0,
  debian: existsSync('/etc/debian_version'),
});

/** Makes sure the browser is there (installs it as root on Debian), or throws saying exactly how to get it. */
export function ensureChromium({
  path = CHROMIUM,
  host = thisHost(),
  debianPath = '/usr/bin/chromium',
}: {
  path?: string;
  host?: Host;
  debianPath?: string;
} = {}): string {
  if (existsSync(path)) return path;
  const fromApt = path === debianPath && host.debian;
  if (fromApt && host.root) {
    process.stderr.write(`browser tests: ${path} is missing; installing it: ${INSTALL}\n`);
    execSync(INSTALL, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync(path)) return path;
  }
  const how = fromApt
    ? `sudo sh -c '${INSTALL}'`
    : path === debianPath
      ? 'install Chromium, then set KPI_LAMP_CHROMIUM=/path/to/chromium'
      : `install Chromium at ${path}, or unset KPI_LAMP_CHROMIUM to use Debian's ${debianPath} (${INSTALL})`;
  throw new Error(`The browser tests need Chromium at ${path}, which is missing. Run: ${how}`);
}

/**
 * Screenshots with Japanese text need a Japanese font (else every character
 * is a box): Debian's fonts-ipafont-gothic or fonts-noto-cjk. Throws saying
 * so when fontconfig knows none (.ci/run installs one).
 */
export function ensureJapaneseFont(): void {
  let families = '';
  try {
    families = execSync('fc-list :lang=ja family', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    families = '';
  }
  if (families.trim() === '') {
    throw new Error(
      "No Japanese font: screenshots would show boxes. Run: sudo sh -c 'apt-get update && apt-get install -y fonts-ipafont-gothic' (or fonts-noto-cjk)",
    );
  }
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
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
}

/** A fresh browser context for a playground URL: its locale, and every other host cut off. */
export async function contextFor(browser: Browser, baseUrl: string, locale = 'en-US'): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  await context.route(
    (url) => !url.href.startsWith(baseUrl),
    (route) => route.abort(),
  );
  return context;
}

/** Runs a test body on a page; when it fails, saves test-results/<name>.png first. */
export async function onPage(
  context: BrowserContext,
  name: string,
  body: (page: Page, dialogs: string[]) => Promise<void>,
): Promise<void> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => undefined);
  });
  try {
    await body(page, dialogs);
  } catch (e) {
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, `${name.replace(/[^\w-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    (e as Error).message += `\n(screenshot: ${file})`;
    throw e;
  } finally {
    await page.close();
  }
}

/** Waits until a locator's text matches. */
export async function waitForText(locator: Locator, expected: string | RegExp, timeout = 10000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = (await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => null)) ?? '';
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${String(expected)} in ${locator}; last text: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sidebar's frame. */
export function sidebar(page: Page): FrameLocator {
  return page.frameLocator('[data-testid="sidebar-frame"]');
}

/** The sidebar's Frame object (for evaluating in it). */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('[data-testid="sidebar-frame"]').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no sidebar frame');
  return frame;
}
