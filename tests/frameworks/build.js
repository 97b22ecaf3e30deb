#!/usr/bin/env node
// Builds the framework test pages (tests/e2e/scenarios/marking.js) from the real npm packages,
// with esbuild, into tests/frameworks/.built/ (served by tests/server.js at /frameworks/):
//   react.html   React 19: react-dom/server markup, hydrateRoot once the extension has marked it
//   vue.html     Vue 3: @vue/server-renderer markup, createSSRApp hydration likewise
//   preact.html  Preact: client render; an update inserts a text sibling after a number
//   svelte.html  Svelte 5: compiled here with svelte/compiler, mounted on the client
//   lit.html     Lit: components defined late, nested shadow roots, hosts inserted directly
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const esbuild = require('esbuild');

const here = __dirname;
const out = path.join(here, '.built');

const svelte = {
  name: 'svelte',
  setup(build) {
    const { compile, compileModule } = require('svelte/compiler');
    build.onLoad({ filter: /\.svelte$/ }, ({ path: file }) => ({
      contents: compile(fs.readFileSync(file, 'utf8'), { filename: file, generate: 'client' }).js.code,
      loader: 'js',
    }));
    build.onLoad({ filter: /\.svelte\.js$/ }, ({ path: file }) => ({
      contents: compileModule(fs.readFileSync(file, 'utf8'), { filename: file, generate: 'client' }).js.code,
      loader: 'js',
    }));
  },
};

const PRODUCTION = {
  'process.env.NODE_ENV': '"production"',
  __VUE_OPTIONS_API__: 'true',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true',
};

async function bundle(entry, outfile, extra = {}) {
  await esbuild.build({
    entryPoints: [path.join(here, entry)],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
    define: PRODUCTION,
    plugins: [svelte],
    logLevel: 'error',
    ...extra,
  });
}

/** Server-side markup: the entry bundled for Node, run once. */
async function serverRender(source) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-ssr-'));
  try {
    const outfile = path.join(dir, 'ssr.cjs');
    await esbuild.build({
      stdin: { contents: source, resolveDir: here, loader: 'jsx' },
      outfile,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      jsx: 'automatic',
      define: PRODUCTION,
      logLevel: 'error',
    });
    return await require(outfile).render();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const REACT_SSR = `import { renderToString } from 'react-dom/server';
import { App } from './react.jsx';
import { FIRST } from './model.js';
export const render = () => renderToString(<App initial={FIRST} />);`;
const VUE_SSR = `import { renderToString } from '@vue/server-renderer';
import { makeApp } from './vue.js';
import { FIRST } from './model.js';
export const render = () => renderToString(makeApp(FIRST).app);`;

const page = (title, body, script) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${title}</title>
<script src="/frameworks/harness.js"></script></head>
<body><h1>${title}</h1>
${body}
<script src="/frameworks/${script}"></script>
</body></html>
`;

async function build() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(path.join(here, 'harness.js'), path.join(out, 'harness.js'));
  const b = (entry, name, extra) => bundle(entry, path.join(out, `${name}.js`), extra);
  await Promise.all([b('react.jsx', 'react'), b('vue.js', 'vue'), b('preact.jsx', 'preact', { jsxImportSource: 'preact' }), b('svelte.svelte.js', 'svelte'), b('lit.js', 'lit')]);
  const pages = {
    react: page('React 19', `<div id="app">${await serverRender(REACT_SSR)}</div>`, 'react.js'),
    vue: page('Vue 3', `<div id="app">${await serverRender(VUE_SSR)}</div>`, 'vue.js'),
    preact: page('Preact', '<div id="app"></div>', 'preact.js'),
    svelte: page('Svelte 5', '<div id="app"></div>', 'svelte.js'),
    lit: page('Lit', `<p id="light">Tổng đài viên trực: 0911 222 333</p>
<div id="app"><contact-card name="Anh An" phone="0982 861 121"></contact-card><contact-group></contact-group></div>
<div id="inserted"></div>
<p id="note">Đơn DH0912345678, ngày 12/03/2024, 319.867.130 đ</p>`, 'lit.js'),
  };
  for (const [name, html] of Object.entries(pages)) fs.writeFileSync(path.join(out, `${name}.html`), html);
  return out;
}

module.exports = { build, out };
if (require.main === module) build().then((dir) => console.log(`framework pages: ${path.relative(process.cwd(), dir)}`));
