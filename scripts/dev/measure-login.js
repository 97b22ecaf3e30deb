#!/usr/bin/env node
// Measures the WebPhone login (tests/e2e/scenarios/login.js) in Chromium set-ups the e2e suite does
// not run, after scripts/build:
//   node scripts/dev/measure-login.js allowed [plain|partitioned]
//     a profile whose user allowed third-party cookies (chrome://settings/cookies), as Google
//     Chrome's default may be
// It says whether the login held where the expectations below say. (The extension allowing the
// WebPhone's cookies itself, background/webphone-cookies.js, is the suite's own Chromium case.)
'use strict';
const path = require('path');
const server = require('../../tests/server.js');
const drivers = require('../../tests/e2e/drivers.js');
const { loginScenario } = require('../../tests/e2e/scenarios/login.js');

const EVERYWHERE = { dockKeepsLogin: true, siteBOwnLogin: false, panelOwnLogin: false };
const PER_SITE = { dockKeepsLogin: true, siteBOwnLogin: true, panelOwnLogin: true };
const built = path.join(__dirname, '..', '..', 'dist', 'extension');

(async () => {
  const [setUp = 'allowed', cookie = 'plain'] = process.argv.slice(2);
  const env = await server.start({ tls: true });
  const preferences = setUp === 'allowed' ? { profile: { cookie_controls_mode: 0 } } : {}; // 0: third-party cookies allowed
  const driver = await drivers.chromium({ extensionDir: built, crmOrigin: env.crmOrigin, tls: env.tls, preferences });
  const expected = cookie === 'partitioned' ? PER_SITE : EVERYWHERE;
  try {
    await loginScenario(cookie, expected)(driver, env);
    console.log(`${setUp}, cookie ${cookie}: as expected ${JSON.stringify(expected)}`);
  } catch (error) {
    console.log(`${setUp}, cookie ${cookie}: not as expected ${JSON.stringify(expected)}: ${error.message.split('\n')[0]}`);
    process.exitCode = 1;
  } finally {
    await driver.close();
    env.close();
  }
})();
