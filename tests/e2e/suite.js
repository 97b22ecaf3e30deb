'use strict';
// Registers every scenario as a node:test test against one browser.
const { test, before, after } = require('node:test');
const path = require('path');
const fs = require('fs');
const server = require('../server.js');
const drivers = require('./drivers.js');
const frameworks = require('../frameworks/build.js');

// One file per feature under scenarios/, each exporting { SCENARIOS, CHROMIUM_ONLY }; run in this order.
// The features that restart the browser (`login`) run after everything else, Chromium-only
// scenarios included, so that no other scenario meets a browser just started again.
const FEATURES = ['linking', 'offsite', 'marking', 'dialing', 'calls', 'dock', 'hosting', 'pagephone', 'options', 'popup', 'a11y', 'statechange', 'faults', 'login'];
const RESTARTS_BROWSER = new Set(['login']);
const SCENARIOS = {};
const CHROMIUM_ONLY = {};
const AFTER_ALL = {};
for (const feature of FEATURES) {
  const file = path.join(__dirname, 'scenarios', `${feature}.js`);
  if (!fs.existsSync(file)) continue;
  const module = require(file);
  const both = RESTARTS_BROWSER.has(feature) ? AFTER_ALL : SCENARIOS;
  for (const [into, from] of [[both, module.SCENARIOS], [CHROMIUM_ONLY, module.CHROMIUM_ONLY ?? {}]]) {
    for (const [name, scenario] of Object.entries(from)) {
      if (name in SCENARIOS || name in CHROMIUM_ONLY || name in AFTER_ALL) throw new Error(`two scenarios named "${name}"`);
      into[name] = scenario;
    }
  }
}

const root = path.join(__dirname, '..', '..');
// E2E_EXTENSION_DIR: run the scenarios against another build (an older commit's, to see a test fail there).
const extensionDir = process.env.E2E_EXTENSION_DIR ? path.resolve(process.env.E2E_EXTENSION_DIR) : path.join(root, 'dist', 'extension');

function run(browser) {
  let env;
  let driver;
  const artifactsDir = path.join(__dirname, '.artifacts', browser);
  before(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await frameworks.build(); // the framework pages, from the real packages
    env = await server.start({ tls: true }); // the WebPhone stand-in over https too, for the login
    driver = await drivers[browser]({ extensionDir, crmOrigin: env.crmOrigin, artifactsDir, tls: env.tls });
  });
  after(async () => {
    await driver?.close();
    env?.close();
  });
  // E2E_ONLY='a|b': only the scenarios whose name contains one of these substrings.
  const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split('|') : null;
  const scenarios = { ...SCENARIOS, ...(browser === 'chromium' ? CHROMIUM_ONLY : {}), ...AFTER_ALL };
  // E2E_REPEAT=N: the selected scenarios N times over in one browser, so each meets what every
  // other one leaves behind: state one of them leaks fails its neighbours in any order, not only
  // in the full suite's.
  const rounds = Math.max(1, Number(process.env.E2E_REPEAT) || 1);
  for (let round = 1; round <= rounds; round++) {
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (only && !only.some((part) => name.includes(part))) continue;
      // A scenario that must wait on the extension's own timers (a watchdog, a back-off) says how long it needs.
      test(`${browser}: ${rounds > 1 ? `(${round}/${rounds}) ` : ''}${name}`, { timeout: scenario.timeout ?? 60000 }, async (t) => {
        try {
          await scenario(driver, env, t);
        } catch (error) {
          const file = path.join(artifactsDir, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
          await driver.screenshot(file).catch(() => undefined);
          throw error;
        }
      });
    }
  }
}

module.exports = { run };
