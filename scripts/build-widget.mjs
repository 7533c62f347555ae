#!/usr/bin/env node
/**
 * Builds script mode's in-page widget, public/embed/widget.js, from app/widget/_in-page/mount.tsx:
 * the same components as `/widget`, as one ES module that public/embed.js `import()`s into the
 * help center page. esbuild rather than Next: Next builds pages and their chunks, not a module
 * with a stable URL that a foreign page can import. React is aliased to preact/compat: the page
 * downloads and compiles this on every view of the custom page before its first items show, and
 * the same components make 31 KiB gzip on Preact against 91 KiB on React's DOM runtime. The stylesheet (CSS modules included)
 * goes into the module as text, for the shadow root's adopted stylesheet: no second request, and
 * no `<style>` for a help center's CSP to refuse.
 *
 * Generated, not committed (.gitignore): `npm run build` and `npm run dev` run this first.
 *   node scripts/build-widget.mjs            write public/embed/widget.js
 *   node scripts/build-widget.mjs --metafile print what the bundle is made of
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'public', 'embed', 'widget.js');
const CSS_PLACEHOLDER = '"__HC_TODO_WIDGET_CSS__"';

const started = Date.now();
const result = await esbuild.build({
  entryPoints: [path.join(ROOT, 'app', 'widget', '_in-page', 'mount.tsx')],
  bundle: true,
  format: 'esm',
  // Shadow roots with adopted (constructable) stylesheets: Safari has them from 16.4.
  target: ['chrome111', 'firefox111', 'safari16.4'],
  platform: 'browser',
  minify: true,
  jsx: 'automatic',
  alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.module.css': 'local-css', '.css': 'css' },
  tsconfig: path.join(ROOT, 'tsconfig.json'),
  outfile: OUT,
  write: false,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

const output = (ext) => result.outputFiles.find((file) => file.path.endsWith(ext));
const js = output('.js').text;
const css = output('.css')?.text ?? '';
if (js.split(CSS_PLACEHOLDER).length !== 2) {
  throw new Error(`build-widget: expected ${CSS_PLACEHOLDER} once in the bundle`);
}
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(
  OUT,
  js.replace(CSS_PLACEHOLDER, () => JSON.stringify(css.trim())),
);
const legal = result.outputFiles.find((file) => file.path.endsWith('.LEGAL.txt'));
if (legal) fs.writeFileSync(`${OUT}.LEGAL.txt`, legal.text);

if (process.argv.includes('--metafile')) {
  console.log(await esbuild.analyzeMetafile(result.metafile));
}
const kib = (fs.statSync(OUT).size / 1024).toFixed(1);
console.log(`built public/embed/widget.js (${kib} KiB) in ${Date.now() - started} ms`);
