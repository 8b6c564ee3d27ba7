/**
 * Every relative link and anchor of the READMEs and of docs/*.md works from
 * a clone: each leads to a file of the repository, and to a heading there
 * when it names one (test/helpers/doc-links.ts, the one link checker).
 * Also: each document a person reads has its twin in the other language,
 * and the two link each other.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokenLinks } from './helpers/doc-links';

const ROOT = join(__dirname, '..');
const DOCS = join(ROOT, 'docs');
const files = [
  'README.md',
  'README.ja.md',
  'CONTRIBUTING.md',
  'CONTRIBUTING.ja.md',
  'CHANGELOG.md',
  'CHANGELOG.ja.md',
  ...readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/**
 * Files another branch writes, linked already: accepted while they do not
 * exist here (once they do, their links are checked like any other).
 */
const PENDING: Record<string, string> = {};

describe('documentation links', () => {
  it.each(files)('%s: every relative link and anchor leads somewhere', (file) => {
    expect(brokenLinks(join(ROOT, file), ROOT, PENDING)).toEqual([]);
  });

  it('each document has its twin in the other language, and they link each other', () => {
    // docs/playground.md holds both languages in one file.
    const single = new Set(['docs/playground.md']);
    for (const f of files.filter((x) => !x.endsWith('.ja.md') && !single.has(x))) {
      const ja = f.replace(/\.md$/, '.ja.md');
      expect({ f, twin: existsSync(join(ROOT, ja)) }).toEqual({ f, twin: true });
      const base = (p: string) => p.split('/').pop()!;
      expect({ f, links: readFileSync(join(ROOT, f), 'utf8').includes(`](${base(ja)})`) }).toEqual({ f, links: true });
      expect({ ja, links: readFileSync(join(ROOT, ja), 'utf8').includes(`](${base(f)})`) }).toEqual({
        ja,
        links: true,
      });
    }
  });

  it('finds what is broken (the checker itself): a missing file, a missing heading, a link in code ignored', () => {
    const dir = join(ROOT, 'test', 'fixtures-doc-links');
    expect(brokenLinks(join(dir, 'broken.md'), dir, {})).toEqual([
      { file: 'broken.md', link: 'nowhere.md', problem: 'nowhere.md does not exist' },
      { file: 'broken.md', link: 'target.md#missing', problem: 'target.md has no heading #missing' },
      { file: 'broken.md', link: '#also-missing', problem: 'broken.md has no heading #also-missing' },
    ]);
  });
});
