'use strict';
// Registers every scenario as a node:test test against one browser.
const { test, before, after } = require('node:test');
const path = require('path');
const fs = require('fs');
const server = require('../server.js');
const drivers = require('./drivers.js');
const frameworks = require('../frameworks/build.js');

// Each file's scenarios, in order; a file may also have CHROMIUM_ONLY ones.
const FILES = [require('./scenarios.js'), require('./scenarios/marking.js')];
const SCENARIOS = Object.assign({}, ...FILES.map((f) => f.SCENARIOS));
const CHROMIUM_ONLY = Object.assign({}, ...FILES.map((f) => f.CHROMIUM_ONLY ?? {}));

const root = path.join(__dirname, '..', '..');
// E2E_EXTENSION_DIR runs the scenarios against another build (an older one, to see a new test fail).

function run(browser) {
  let env;
  let driver;
  const artifactsDir = path.join(__dirname, '.artifacts', browser);
  before(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await frameworks.build(); // the framework pages, from the real packages
    env = await server.start();
    driver = await drivers[browser]({ extensionDir: process.env.E2E_EXTENSION_DIR ?? path.join(root, 'dist', 'extension'), crmOrigin: env.crmOrigin, artifactsDir });
  });
  after(async () => {
    await driver?.close();
    env?.close();
  });
  const only = process.env.E2E_ONLY;
  const scenarios = { ...SCENARIOS, ...(browser === 'chromium' ? CHROMIUM_ONLY : {}) };
  for (const [name, scenario] of Object.entries(scenarios)) {
    if (only && !name.includes(only)) continue;
    test(`${browser}: ${name}`, { timeout: 60000 }, async () => {
      try {
        await scenario(driver, env);
      } catch (error) {
        const file = path.join(artifactsDir, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
        await driver.screenshot(file).catch(() => undefined);
        throw error;
      }
    });
  }
}

module.exports = { run };
