/**
 * A browser and fresh copies of the sample workbook for one test file: each
 * test gets its own copy (optionally edited), its own playground on it and
 * a browser context that may not reach any other host (checked).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { SAMPLE_WORKBOOK, startPlayground, type Playground } from '../../src/playground/server';
import { columnLetter } from '../../src/core/table';
import { contextFor, ensureChromium, launch } from './chromium';

/** The column KPI Lamp's run adds to the sample's Accounts: the first one after the sample's own columns. */
export const LAMP_COLUMN = columnLetter(
  readFileSync(join(SAMPLE_WORKBOOK, 'Accounts.csv'), 'utf8').split('\n')[0].split(',').length + 1,
);

export function sampleCopies(prefix: string) {
  const s = { browser: null as Browser | null, tmp: '', copies: 0 };
  beforeAll(async () => {
    ensureChromium();
    s.browser = await launch();
    s.tmp = mkdtempSync(join(tmpdir(), `kpi-lamp-${prefix}-`));
  }, 15 * 60_000);
  afterAll(async () => {
    await s.browser?.close();
    if (s.tmp) rmSync(s.tmp, { recursive: true, force: true });
  });
  return {
    /** A fresh copy of the sample workbook; `edit` may change the text of the files named in `files`. */
    copy(files: string[] = [], edit: (file: string, text: string) => string = (_f, t) => t): string {
      const dir = join(s.tmp, `wb-${++s.copies}`);
      cpSync(SAMPLE_WORKBOOK, dir, { recursive: true });
      for (const f of files) writeFileSync(join(dir, f), edit(f, readFileSync(join(dir, f), 'utf8')));
      return dir;
    },
    /** A playground on a copy and a browser context on it, for one test; no request may leave it. */
    async withCopy(
      dir: string,
      locale: string,
      body: (pg: Playground, context: BrowserContext) => Promise<void>,
    ): Promise<void> {
      const pg = await startPlayground({ workbookPath: dir, port: 0 });
      const context = await contextFor(s.browser as Browser, pg.url, locale);
      const outside: string[] = [];
      context.on('request', (r) => {
        if (!r.url().startsWith(pg.url)) outside.push(r.url());
      });
      try {
        await body(pg, context);
        expect(outside).toEqual([]);
      } finally {
        await context.close();
        await pg.close();
      }
    },
  };
}
