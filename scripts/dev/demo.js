#!/usr/bin/env node
// scripts/demo's tour. Headed when a display is available (DISPLAY or WAYLAND_DISPLAY) and
// --headless is not given; otherwise headless, scripted, with screenshots.
'use strict';
const fs = require('fs');
const path = require('path');
const server = require('../../tests/server.js');
const drivers = require('../../tests/e2e/drivers.js');
const { settingsFor, configure, standin, receivedAtStandin, waitUntil, sessionState, markedNumbers, numberAt, dockOpen, tabIdOf } = require('../../tests/e2e/helpers.js');

const root = path.join(__dirname, '..', '..');
const outDir = path.join(root, 'dist', 'demo');
const headed = !process.argv.includes('--headless') && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

async function freePorts() {
  try {
    return await server.start({ crmPort: 8080, webphonePort: 9999 });
  } catch {
    return server.start(); // 8080 or 9999 taken: any free ports
  }
}

// The surfaces an agent and an admin see (the CRM page with the dock open and a call ringing,
// the toolbar popup, the settings page, the setup page), each in both UI languages and both
// colour schemes: a browser per language and scheme, since both are the browser's own.
const POPUP_SIZE = { width: 380, height: 600 };
async function storeScreenshots(env, settings) {
  const files = [];
  const extensionDir = path.join(root, 'dist', 'extension');
  for (const lang of ['en', 'vi']) {
    for (const colorScheme of ['light', 'dark']) {
      const driver = await drivers.chromium({ extensionDir, crmOrigin: env.crmOrigin, lang, colorScheme });
      const page = driver.context.pages()[0];
      const save = async (target, surface) => {
        const file = path.join(outDir, `store-${surface}-${lang}-${colorScheme}.png`);
        await target.screenshot({ path: file });
        files.push(path.relative(root, file));
      };
      try {
        await configure(driver, settings);
        await driver.goto(`${env.crmOrigin}/`);
        await waitUntil(async () => (await sessionState(driver)).phoneState === 'ready', { what: 'the WebPhone', timeout: 20000 });
        await waitUntil(async () => (await markedNumbers(driver)).length >= 9, { what: 'the numbers to be marked', timeout: 10000 });
        const sc = standin(env);
        await sc.send({ action: 'replay', scenario: 'queue-ringing', number: '0912345678' });
        await waitUntil(() => dockOpen(driver), { what: 'the dock to open for the ringing call' });
        await waitUntil(async () => (await sessionState(driver)).phoneState === 'ringing', { what: 'the call to ring' });
        await save(page, 'crm-ringing');

        const tabId = await tabIdOf(driver, `${env.crmOrigin}/`);
        const popup = await driver.context.newPage();
        await popup.setViewportSize(POPUP_SIZE);
        await popup.goto(`${driver.extensionOrigin}/popup.html?tab=${tabId}`, { waitUntil: 'load' });
        await popup.waitForFunction(() => document.getElementById('site')?.textContent);
        await save(popup, 'popup');
        await popup.close();
        await sc.send({ action: 'end' });
        await waitUntil(async () => (await sessionState(driver)).phoneState === 'ready', { what: 'the call to end' });

        // Each page once it shows the settings and the phone as they are.
        const shown = { options: '#crm-0-test-button', setup: '#check-login[data-done="true"]' };
        for (const [surface, selector] of Object.entries(shown)) {
          const tab = await driver.context.newPage();
          await tab.goto(`${driver.extensionOrigin}/${surface}.html`, { waitUntil: 'load' });
          await tab.waitForSelector(selector);
          await tab.evaluate(() => document.fonts.ready);
          await save(tab, surface);
          await tab.close();
        }
      } finally {
        await driver.close();
      }
    }
  }
  return files;
}

(async () => {
  const env = await freePorts();
  console.log(`demo CRM:          ${env.crmOrigin}/`);
  console.log(`WebPhone stand-in: ${env.webphoneUrl}`);
  const driver = await drivers.chromium({ extensionDir: path.join(root, 'dist', 'extension'), crmOrigin: env.crmOrigin, headless: !headed });
  const settings = settingsFor(env);
  settings.crms[0].searchUrl = `${env.crmOrigin}/search?phone={phone}`;
  await configure(driver, settings);
  console.log(`settings: CRM "${settings.crms[0].name}" on ${settings.crms[0].sites[0]}, screen pop ${settings.crms[0].searchUrl}`);

  if (headed) {
    await driver.goto(`${env.crmOrigin}/`);
    console.log('A Chromium window is open with the demo CRM. Click a number, or use the stand-in in the dock to ring. Ctrl-C to stop.');
    process.on('SIGINT', async () => {
      await driver.close();
      env.close();
      process.exit(0);
    });
    return;
  }

  fs.mkdirSync(outDir, { recursive: true });
  const shot = async (name) => {
    const file = path.join(outDir, name);
    await driver.screenshot(file);
    return path.relative(root, file);
  };
  const sc = standin(env);
  const step = (n, text) => console.log(`\n${n}. ${text}`);

  step(1, 'Open the demo CRM: numbers are marked (underlined, the page untouched); dates, money and ids are not.');
  await driver.goto(`${env.crmOrigin}/`);
  await waitUntil(async () => (await sessionState(driver)).phoneState === 'ready', { what: 'the WebPhone', timeout: 20000 });
  const marks = await waitUntil(async () => {
    const l = await markedNumbers(driver);
    return l.length >= 9 && l;
  }, { what: 'the numbers to be marked', timeout: 10000 });
  for (const text of marks) console.log(`   marked ${JSON.stringify(text)}`);
  console.log(`   ${marks.length} numbers marked (including a row the CRM added after load); the WebPhone stand-in registered.`);
  console.log(`   screenshot: ${await shot('01-numbers-marked.png')}`);

  step(2, 'Click a number: the WebPhone is asked to dial it.');
  await sc.clear();
  await driver.clickAt(...(await numberAt(driver, marks.find((m) => m.replace(/\D/g, '').endsWith('982861121')))));
  const received = await receivedAtStandin(sc, 1, 'the request at the stand-in');
  console.log(`   the stand-in received ${JSON.stringify(received[0].message)} from ${received[0].origin}`);
  await new Promise((r) => setTimeout(r, 400));
  console.log(`   screenshot: ${await shot('02-click-to-call.png')}`);

  step(3, 'A customer calls: the dock opens by itself and the CRM search pops once.');
  if (await dockOpen(driver)) await driver.click('[data-mycc-dock] >> [data-mycc-toggle]');
  await waitUntil(async () => !(await dockOpen(driver)), { what: 'the dock to close' });
  await sc.send({ action: 'replay', scenario: 'queue-ringing', number: '0912345678' });
  await waitUntil(() => dockOpen(driver), { what: 'the dock to open by itself' });
  console.log('   the dock was closed; the ringing call opened it.');
  const popUrl = `${env.crmOrigin}/search?phone=0912345678`;
  await waitUntil(async () => (await driver.pages()).includes(popUrl), { what: 'the screen pop' });
  const state = await sessionState(driver);
  const badge = await driver.extension(async () => chrome.action.getBadgeText({}));
  console.log(`   phone state: ${state.phoneState}; badge: ${badge}; screen pop opened: ${popUrl}`);
  console.log(`   screenshot: ${await shot('03-ringing-dock.png')}`);
  const popPage = driver.context.pages().find((p) => p.url() === popUrl);
  if (popPage) {
    await popPage.bringToFront();
    await popPage.screenshot({ path: path.join(outDir, '04-screen-pop.png') });
    console.log('   screenshot: dist/demo/04-screen-pop.png');
  }
  await sc.send({ action: 'replay', scenario: 'queue-answered', number: '0912345678' });
  await sc.send({ action: 'end' });
  await waitUntil(async () => (await sessionState(driver)).phoneState === 'ready', { what: 'the call to end' });
  console.log('   answered, then ended: the phone is ready again, and the search was not opened twice.');

  step(4, 'The settings page: CRMs from presets, checked as you type, a Test field for the screen pop.');
  await driver.gotoExtensionPage('options.html');
  await waitUntil(() => driver.evaluate(() => Boolean(document.getElementById('crm-0-test-button'))), { what: 'the settings page' });
  await driver.click('#crm-0-test-button');
  const testUrl = await waitUntil(() => driver.evaluate(() => document.getElementById('crm-0-test').textContent), { what: 'the test URL' });
  console.log(`   Test with 0982 861 121 opens: ${testUrl}`);
  console.log(`   screenshot: ${await shot('05-settings.png')}`);

  await driver.close();

  step(5, 'Store screenshots: every surface in English and Vietnamese, light and dark.');
  for (const file of await storeScreenshots(env, settings)) console.log(`   screenshot: ${file}`);

  env.close();
  console.log('\nDemo finished.');
})().catch((error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
