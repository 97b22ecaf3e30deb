#!/usr/bin/env node
// Measures the WebPhone login (tests/e2e/scenarios/login.js) in a Chromium profile whose user
// allowed third-party cookies (chrome://settings/cookies, "Allow third-party cookies"), as Google
// Chrome's default may be: does one login then hold in the dock of every CRM site, and in the side
// panel? Usage: node scripts/dev/measure-login.js [plain|partitioned] (after scripts/build).
'use strict';
const path = require('path');
const server = require('../../tests/server.js');
const drivers = require('../../tests/e2e/drivers.js');
const { loginScenario } = require('../../tests/e2e/scenarios/login.js');

const EXPECTED = {
  plain: { dockKeepsLogin: true, siteBOwnLogin: false, panelOwnLogin: false },
  partitioned: { dockKeepsLogin: true, siteBOwnLogin: true, panelOwnLogin: true },
};

(async () => {
  const cookie = process.argv[2] ?? 'plain';
  const env = await server.start({ tls: true });
  const driver = await drivers.chromium({
    extensionDir: path.join(__dirname, '..', '..', 'dist', 'extension'),
    crmOrigin: env.crmOrigin,
    tls: env.tls,
    preferences: { profile: { cookie_controls_mode: 0 } }, // 0: third-party cookies allowed
  });
  try {
    await loginScenario(cookie, EXPECTED[cookie])(driver, env);
    console.log(`third-party cookies allowed, cookie ${cookie}: as expected ${JSON.stringify(EXPECTED[cookie])}`);
  } catch (error) {
    console.log(`third-party cookies allowed, cookie ${cookie}: not as expected ${JSON.stringify(EXPECTED[cookie])}: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await driver.close();
    env.close();
  }
})();
