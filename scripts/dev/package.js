#!/usr/bin/env node
// Second half of scripts/build: derives each browser's package from dist/extension (only
// the manifest's background key differs), zips both, and prints the wasm sizes.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const universal = path.join(dist, 'extension');
const manifest = JSON.parse(fs.readFileSync(path.join(universal, 'manifest.json'), 'utf8'));

const variants = {
  chrome: (m) => {
    m.background = { service_worker: m.background.service_worker };
    delete m.browser_specific_settings;
    delete m.sidebar_action;
  },
  firefox: (m) => {
    m.background = { scripts: m.background.scripts };
    delete m.side_panel;
    delete m.storage; // Chrome's managed_schema: Firefox takes managed settings from policies.json
    // Chrome's side panel and its per-site cookie switch (background/webphone-cookies.js).
    m.permissions = m.permissions.filter((p) => p !== 'sidePanel' && p !== 'contentSettings');
  },
};

for (const [browser, adapt] of Object.entries(variants)) {
  const dir = path.join(dist, browser);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(universal, dir, { recursive: true });
  const m = structuredClone(manifest);
  adapt(m);
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
  const zip = path.join(dist, `mycc-connect-${manifest.version}-${browser}.zip`);
  fs.rmSync(zip, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', zip, '.'], { cwd: dir });
  console.log(`package: ${path.relative(root, zip)} (${(fs.statSync(zip).size / 1024).toFixed(1)} KB)`);
}

// The content scripts' wasm (the detector alone) goes into every CRM frame (embedded in
// wasm/mycc_content_wasm.js): it must stay within budget. The extension's own (background,
// dock, options) has no budget but is reported.
const WASM_BUDGET_GZIPPED = 150 * 1024;
const wasmOut = path.join(dist, 'wasm-out');
for (const file of fs.readdirSync(wasmOut)) {
  if (!file.endsWith('.wasm')) continue;
  const bytes = fs.readFileSync(path.join(wasmOut, file));
  const gzipped = zlib.gzipSync(bytes, { level: 9 }).length;
  const budgeted = file.startsWith('mycc_content');
  console.log(`wasm: ${file} ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped${budgeted ? ' (budget 150 KB)' : ''}`);
  if (budgeted && gzipped > WASM_BUDGET_GZIPPED) {
    console.error(`wasm: ${file} is over its 150 KB gzipped budget`);
    process.exitCode = 1;
  }
}
