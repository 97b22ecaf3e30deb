'use strict';
// Every message kind that crosses a context is named once, in extension/shared/protocol.js.
// Fails (exit 1) when any other file under extension/ spells one of them as a string literal.
const fs = require('fs');
const path = require('path');
const protocol = require('../../extension/shared/protocol.js');

const root = path.join(__dirname, '..', '..', 'extension');
const home = path.join(root, 'shared', 'protocol.js');
const names = [...Object.values(protocol.MSG), protocol.DOCK_FRAME_KEY, protocol.TAKEOVER_EVENT, protocol.SHADOW_EVENT, protocol.PAGE_START.dir, protocol.PAGE_START.global];
// The one script that runs in the page's own world, where protocol.js is not loaded: it may
// spell the shadow-root event, and must spell it exactly as protocol.js does.
const pageWorld = path.join(root, 'content', 'page-world.js');
const pageWorldNames = [protocol.SHADOW_EVENT];

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'wasm' ? [] : files(full);
    return entry.name.endsWith('.js') || entry.name.endsWith('.html') ? [full] : [];
  });
}

const strays = [];
for (const file of files(root)) {
  if (file === home) continue;
  const text = fs.readFileSync(file, 'utf8');
  for (const name of names) {
    if (file === pageWorld && pageWorldNames.includes(name)) continue;
    for (const quote of ["'", '"', '`']) {
      if (text.includes(`${quote}${name}${quote}`)) strays.push(`${path.relative(root, file)}: ${quote}${name}${quote}`);
    }
  }
}
if (!fs.readFileSync(pageWorld, 'utf8').includes(`'${protocol.SHADOW_EVENT}'`)) strays.push('content/page-world.js does not spell SHADOW_EVENT as protocol.js does');
if (strays.length) {
  console.error(`message kinds spelled outside extension/shared/protocol.js:\n  ${strays.join('\n  ')}`);
  process.exit(1);
}
console.log(`protocol: ${names.length} names, each spelled only in extension/shared/protocol.js`);
