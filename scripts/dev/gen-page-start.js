#!/usr/bin/env node
// Writes one content script per country of the core's `countryList` into <extension>/<dir>/,
// `<code>.js`, which sets the frozen start value a CRM frame marks with before the background
// answers (protocol.js `PAGE_START`). The background registers the one of the country in force
// with the other content scripts: a frame knows its country as it starts, with no read and no
// message. Usage: gen-page-start.js <extension dir> (after the Node build of the core).
'use strict';
const fs = require('fs');
const path = require('path');
const { PAGE_START } = require('../../extension/shared/protocol.js');
const core = require('../../dist/node/mycc_connect.js');

const [extensionDir] = process.argv.slice(2);
const dir = path.join(extensionDir, PAGE_START.dir);
fs.mkdirSync(dir, { recursive: true });
const countries = JSON.parse(core.countryList()).map((entry) => entry.code);
for (const code of countries) {
  if (!/^[A-Z]{2}$/.test(code)) throw new Error(`countryList: "${code}" is not a region code`);
  const start = JSON.stringify({ country: code });
  fs.writeFileSync(
    path.join(dir, `${code}.js`),
    // One line, nothing else: 245 of them go into every package.
    `globalThis.${PAGE_START.global} = Object.freeze(${start});\n`,
  );
}
console.log(`page start: ${countries.length} start scripts in ${path.relative(process.cwd(), dir)}`);
