/**
 * docs/install-without-code.md and its Japanese twin (run `npm run build`
 * first): they show every file a person pastes (a picture of it where they
 * paste it, taken by scripts/screenshot-install.mjs), name each page as it is
 * typed in the editor, in the same order as the bundle's README.txt, with the
 * same pictures in both languages; every picture exists. (Their links are
 * checked with every other document's by test/doc-links.test.ts.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const DOCS = join(ROOT, 'docs');
const PASTE = join(ROOT, 'dist-paste');
const guides = { en: 'install-without-code.md', ja: 'install-without-code.ja.md' } as const;
const read = (f: string) => readFileSync(join(DOCS, f), 'utf8');

describe('docs/install-without-code', () => {
  const pasted = readdirSync(PASTE).filter((f) => f !== 'README.txt');

  it.each(Object.entries(guides))(
    '(%s) shows each pasted file where it is pasted, in the order README.txt gives',
    (lang, file) => {
      const text = read(file);
      const suffix = lang === 'ja' ? '.ja' : '';
      const order = readFileSync(join(PASTE, 'README.txt'), 'utf8')
        .split('\n\n\n')[0]
        .split('\n')
        .map((l) => /^ {2}(\S+\.(?:json|gs|html))\s/.exec(l)?.[1])
        .filter((x): x is string => !!x);
      expect(order.slice().sort()).toEqual(pasted.slice().sort());
      let last = -1;
      for (const f of order) {
        const picture = `install/paste-${f.replace('.', '-').toLowerCase()}${suffix}.png`;
        const at = text.indexOf(`](${picture})`);
        expect({ f, picture, shown: at >= 0 }).toEqual({ f, picture, shown: true });
        // The paragraph that says to paste it comes just before its picture, in the bundle's order.
        expect(text.lastIndexOf(`**\`${f}\`**`, at)).toBeGreaterThan(last);
        last = at;
      }
      // Each page is typed without its extension (createHtmlOutputFromFile's name).
      for (const f of pasted.filter((x) => x.endsWith('.html')))
        expect(text).toContain(`\`${f.replace(/\.html$/, '')}\``);
      expect(text).toContain(
        lang === 'en' ? "Google hasn't verified this app" : 'このアプリは Google で確認されていません',
      );
    },
  );

  it('both languages show the same pictures, each taken in its language, and every one exists', () => {
    const pictures = (f: string) => [...read(f).matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    const en = pictures(guides.en);
    const ja = pictures(guides.ja);
    expect(ja).toEqual(en.map((p) => p.replace(/\.png$/, '.ja.png')));
    for (const p of [...en, ...ja]) expect({ p, exists: existsSync(join(DOCS, p)) }).toEqual({ p, exists: true });
    // And every picture in docs/install is used.
    const used = new Set([...en, ...ja].map((p) => p.replace(/^install\//, '')));
    expect(readdirSync(join(DOCS, 'install')).filter((f) => !used.has(f))).toEqual([]);
  });
});
