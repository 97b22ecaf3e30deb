#!/usr/bin/env node
// web-ext lint on the built trees. The Firefox package must be clean: 0 errors, 0 warnings.
// The universal tree (one folder that loads in Chrome and Firefox) carries each browser's keys,
// and may show exactly the warnings that causes: BACKGROUND_SERVICE_WORKER_IGNORED (Chrome's
// service worker beside Firefox's scripts) and Firefox not knowing Chrome's "sidePanel" and
// "contentSettings" permissions (the latter lets Chromium's dock keep the WebPhone's login; the
// tree Chromium loads must carry it). Any other message fails.
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const webExt = path.join(root, 'node_modules', '.bin', 'web-ext');

function lint(dir) {
  let out;
  try {
    out = execFileSync(webExt, ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    out = error.stdout; // web-ext exits non-zero when it finds errors; the JSON says which
  }
  return JSON.parse(out.slice(out.indexOf('{')));
}

let failed = false;
const UNIVERSAL_ALLOWED = [
  (m) => m.code === 'BACKGROUND_SERVICE_WORKER_IGNORED',
  (m) => m.code === 'MANIFEST_PERMISSIONS' && m.message.includes('"sidePanel"'),
  (m) => m.code === 'MANIFEST_PERMISSIONS' && m.message.includes('"contentSettings"'),
];
for (const [dir, allowed] of [['dist/firefox', []], ['dist/extension', UNIVERSAL_ALLOWED]]) {
  const report = lint(dir);
  const messages = [...report.errors, ...report.warnings, ...report.notices];
  const unexpected = messages.filter((m) => !allowed.some((allow) => allow(m)));
  const { errors, warnings, notices } = report.summary;
  const allowedHere = messages.length - unexpected.length;
  console.log(`web-ext lint ${dir}: ${errors} errors, ${warnings} warnings, ${notices} notices${allowed.length ? ` (${allowedHere} of them the universal tree's known ones)` : ''}`);
  for (const m of unexpected) console.log(`  ${m._type} ${m.code} ${m.file ?? ''}: ${m.message}`);
  if (unexpected.length) failed = true;
}
process.exit(failed ? 1 : 0);
