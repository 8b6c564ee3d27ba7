/**
 * Builds the sidebar into ONE self-contained file, dist/Sidebar.html, which
 * Apps Script serves with HtmlService.createHtmlOutputFromFile('Sidebar')
 * (never as a template). src/sidebar/sidebar.html is the page; the build
 * puts into it, inline:
 *   the sidebar's script  src/sidebar/main.ts, bundled and minified by esbuild
 *   a local stylesheet    src/sidebar/add-ons-local.css, like Google's add-on
 *                         stylesheet, for when that one cannot load (offline)
 *   its own stylesheet    src/sidebar/sidebar.css
 * Google's add-on stylesheet stays a <link> (https) between the two.
 * The build fails when the result would not be self-contained or would end
 * an inline block early.
 */
import { build, transform } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src', 'sidebar');

export const SIDEBAR_HTML = 'Sidebar.html';

async function css(file) {
  const out = await transform(readFileSync(join(src, file), 'utf8'), { loader: 'css', minify: true, charset: 'utf8' });
  return out.code.trim();
}

export const CORRELOGRAM_HTML = 'Correlogram.html';

/** Returns the page's text; writes it to `${dist}/Sidebar.html` when dist is given (and the correlogram dialog beside it). */
export async function buildSidebar({ dist } = {}) {
  if (dist)
    writeFileSync(
      join(dist, CORRELOGRAM_HTML),
      await buildPage({
        entry: join(root, 'src', 'dialog', 'correlogram.ts'),
        page: join(root, 'src', 'dialog', 'correlogram.html'),
        name: CORRELOGRAM_HTML,
      }),
    );
  return buildPage({ entry: join(src, 'main.ts'), page: join(src, 'sidebar.html'), name: SIDEBAR_HTML, dist });
}

/**
 * One self-contained page: the script `entry` and the stylesheets inlined into `page`.
 * The KPI tree's correlogram dialog (src/dialog/correlogram.html, script src/dialog/correlogram.ts,
 * dist/Correlogram.html) is built the same way as the sidebar.
 */
async function buildPage({ entry, page, name, dist }) {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const js = bundle.outputFiles[0].text.trim();
  const parts = {
    ADDONS_LOCAL_CSS: await css('add-ons-local.css'),
    SIDEBAR_CSS: await css('sidebar.css'),
    SIDEBAR_JS: js,
  };
  const problems = [];
  if (/<\/script/i.test(js) || /<!--/.test(js)) problems.push('the script contains "</script" or "<!--"');
  for (const k of ['ADDONS_LOCAL_CSS', 'SIDEBAR_CSS'])
    if (/<\/style/i.test(parts[k])) problems.push(`${k} contains "</style"`);
  let html = readFileSync(page, 'utf8');
  for (const [k, v] of Object.entries(parts)) {
    const marker = `/*@${k}@*/`;
    if (!html.includes(marker)) problems.push(`${page} lacks ${marker}`);
    html = html.split(marker).join(v);
  }
  // Self-contained: nothing loaded but Google's stylesheet (https).
  for (const m of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/gi)) {
    if (m[1] !== 'https://ssl.gstatic.com/docs/script/css/add-ons1.css') problems.push(`loads ${m[1]}`);
  }
  if (problems.length) throw new Error(`dist/${name} would be broken:\n  ${problems.join('\n  ')}`);
  if (dist) writeFileSync(join(dist, name), html);
  return html;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildSidebar({ dist: join(root, 'dist') }).catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
