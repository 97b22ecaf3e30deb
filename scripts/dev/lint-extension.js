#!/usr/bin/env node
// web-ext lint on the built trees. The Firefox package must be clean: 0 errors, 0 warnings.
// The universal tree (both background keys, so one folder loads in Chrome and Firefox) may
// carry exactly one warning, BACKGROUND_SERVICE_WORKER_IGNORED, which no single tree with
// both keys can avoid; any other message fails.
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
for (const [dir, allowed] of [['dist/firefox', []], ['dist/extension', ['BACKGROUND_SERVICE_WORKER_IGNORED']]]) {
  const report = lint(dir);
  const messages = [...report.errors, ...report.warnings, ...report.notices];
  const unexpected = messages.filter((m) => !allowed.includes(m.code));
  const { errors, warnings, notices } = report.summary;
  console.log(`web-ext lint ${dir}: ${errors} errors, ${warnings} warnings, ${notices} notices${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`);
  for (const m of unexpected) console.log(`  ${m._type} ${m.code} ${m.file ?? ''}: ${m.message}`);
  if (unexpected.length) failed = true;
}
process.exit(failed ? 1 : 0);
