/**
 * The playground's one language (no browser): `--lang` chooses it before any
 * page asks, /api/state tells the page, and a language chosen through the
 * sidebar's API (its switch, or the page's, which asks the sidebar) makes
 * the sample's KPI tree follow — but never replaces a tree someone changed.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_WORKBOOK, startPlayground, type Playground } from '../../src/playground/server';
import { loadTree, saveTree } from '../../src/server/tree-store';
import { workbookLang } from '../../src/server/workbook-lang';

jest.setTimeout(60_000);

const state = async (pg: Playground): Promise<{ lang: string | null; version: number }> =>
  (await fetch(new URL('/api/state', pg.url))).json() as Promise<{ lang: string | null; version: number }>;
const setLang = async (pg: Playground, lang: string | null) =>
  (
    await fetch(new URL('/rpc/api_setLang', pg.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([lang]),
    })
  ).json();
const kgiName = (pg: Playground) => {
  const t = loadTree(pg.workbook!);
  return t.status === 'ok' ? t.tree.nodes[0].name : null;
};

describe('the playground’s language', () => {
  const open: Playground[] = [];
  const start = async (opts: Parameters<typeof startPlayground>[0]) => {
    const pg = await startPlayground({ port: 0, ...opts });
    open.push(pg);
    return pg;
  };
  afterEach(async () => {
    for (const pg of open.splice(0)) await pg.close();
  });

  it('without --lang: nothing chosen yet, the sample’s tree in English', async () => {
    const pg = await start({});
    expect((await state(pg)).lang).toBeNull();
    expect(kgiName(pg)).toBe('Monthly churn');
  });

  it('nothing chosen: the sample’s tree follows the browser’s language (Accept-Language) until someone chooses', async () => {
    const pg = await start({});
    const call = (name: string, lang: string) =>
      fetch(new URL(`/rpc/api_${name}`, pg.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
        body: '[]',
      });
    await call('getContext', 'ja-JP,ja;q=0.9');
    expect(kgiName(pg)).toBe('月次解約率');
    await call('getContext', 'en-US');
    expect(kgiName(pg)).toBe('Monthly churn');
    await setLang(pg, 'ja');
    await call('getContext', 'en-US');
    expect(kgiName(pg)).toBe('月次解約率');
  });

  it('--lang ja: chosen for the page, the sidebar and the run; the sample’s tree in Japanese', async () => {
    const pg = await start({ lang: 'ja' });
    expect((await state(pg)).lang).toBe('ja');
    expect(kgiName(pg)).toBe('月次解約率');
    expect(workbookLang(pg.workbook!)).toBe('ja');
    const ctx = await setLang(pg, 'en');
    expect(ctx).toMatchObject({ ok: true, value: { lang: 'en', langChosen: true } });
    expect((await state(pg)).lang).toBe('en');
    expect(kgiName(pg)).toBe('Monthly churn');
    // The tree's sheet changed: the page reloads what it shows.
    expect((await state(pg)).version).toBeGreaterThan(0);
  });

  it('a tree someone changed stays theirs in either language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-lang-'));
    try {
      cpSync(SAMPLE_WORKBOOK, dir, { recursive: true });
      const pg = await start({ workbookPath: dir });
      const t = loadTree(pg.workbook!);
      if (t.status !== 'ok') throw new Error('no tree');
      expect(
        saveTree(pg.workbook!, {
          ...t.tree,
          nodes: t.tree.nodes.map((n) => (n.id === 'kgi' ? { ...n, name: 'Our churn' } : n)),
        }).ok,
      ).toBe(true);
      await setLang(pg, 'ja');
      expect(kgiName(pg)).toBe('Our churn');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
