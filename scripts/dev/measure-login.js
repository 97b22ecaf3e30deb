#!/usr/bin/env node
// Measures the WebPhone login (tests/e2e/scenarios/login.js) in Chromium set-ups the e2e suite does
// not run, after scripts/build:
//   node scripts/dev/measure-login.js allowed [plain|partitioned]
//     a profile whose user allowed third-party cookies (chrome://settings/cookies), as Google
//     Chrome's default may be
//   node scripts/dev/measure-login.js contentSettings
//     a copy of the extension with the `contentSettings` permission that allows cookies for the
//     WebPhone's origin (chrome.contentSettings.cookies, at start and again after the restart):
//     what the extension itself could do about Chromium blocking the dock's cookie
// Each says whether the login held where the expectations below say.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const server = require('../../tests/server.js');
const drivers = require('../../tests/e2e/drivers.js');
const { loginScenario } = require('../../tests/e2e/scenarios/login.js');

const EVERYWHERE = { dockKeepsLogin: true, siteBOwnLogin: false, panelOwnLogin: false };
const PER_SITE = { dockKeepsLogin: true, siteBOwnLogin: true, panelOwnLogin: true };
const built = path.join(__dirname, '..', '..', 'dist', 'extension');

/** dist/extension copied with the `contentSettings` permission added. */
function withContentSettings() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-content-settings-'));
  fs.cpSync(built, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.permissions.push('contentSettings');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

const allowCookiesFor = (driver, origin) =>
  driver.extension(async (o) => {
    await chrome.contentSettings.cookies.set({ primaryPattern: `${o}/*`, setting: 'allow' });
    return (await chrome.contentSettings.cookies.get({ primaryUrl: `${o}/webphone`, secondaryUrl: 'http://127.0.0.3/' })).setting;
  }, origin);

(async () => {
  const [setUp = 'allowed', cookie = 'plain'] = process.argv.slice(2);
  const env = await server.start({ tls: true });
  const extensionDir = setUp === 'contentSettings' ? withContentSettings() : built;
  const preferences = setUp === 'allowed' ? { profile: { cookie_controls_mode: 0 } } : {}; // 0: third-party cookies allowed
  const driver = await drivers.chromium({ extensionDir, crmOrigin: env.crmOrigin, tls: env.tls, preferences });
  const expected = cookie === 'partitioned' ? PER_SITE : EVERYWHERE;
  try {
    if (setUp === 'contentSettings') {
      console.log(`contentSettings.cookies for the WebPhone: ${await allowCookiesFor(driver, env.webphoneTlsOrigin)}`);
      const restart = driver.restart;
      driver.restart = async () => {
        await restart();
        // An extension would set it at every start of its background.
        console.log(`after the restart: ${await driver.extension(async (o) => (await chrome.contentSettings.cookies.get({ primaryUrl: `${o}/webphone`, secondaryUrl: 'http://127.0.0.3/' })).setting, env.webphoneTlsOrigin)}, set again: ${await allowCookiesFor(driver, env.webphoneTlsOrigin)}`);
      };
    }
    await loginScenario(cookie, expected)(driver, env);
    console.log(`${setUp}, cookie ${cookie}: as expected ${JSON.stringify(expected)}`);
  } catch (error) {
    console.log(`${setUp}, cookie ${cookie}: not as expected ${JSON.stringify(expected)}: ${error.message.split('\n')[0]}`);
    process.exitCode = 1;
  } finally {
    await driver.close();
    env.close();
    if (extensionDir !== built) fs.rmSync(extensionDir, { recursive: true, force: true });
  }
})();
