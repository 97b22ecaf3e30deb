'use strict';
// Issue 18, "log in once": the WebPhone's protocol has no login message, so what the extension can
// promise is that one login lasts. The stand-in here is served over https (tests/tls.js, trusted
// by the test profile) and asks for a real login (`?login=1`: a form, then a session cookie
// `SameSite=None; Secure; HttpOnly`, 30 days; `&partitioned=1` adds `Partitioned`). The agent logs
// in once in the dock; then the WebPhone is loaded again in another tab of the same CRM, in a tab
// of another CRM site, back in the first tab, in the side panel and after a browser restart, and
// each time either registers without the form or asks for a login of its own. Which one is up to
// the browser's cookie rules (in Chromium, with the WebPhone's cookies allowed by the extension),
// and is held here as measured (MEASURED; README, "Logging in to the WebPhone"). The setup page's "signed in" item is followed live through the first login.
const assert = require('node:assert/strict');
const { STANDIN_LOGIN } = require('../../server.js');
const {
  waitUntil, settingsFor, configure, storeSettings, storedSettings, sessionState, openDock, tabIdOf, phoneReadyIn,
} = require('../helpers.js');

// What the browsers do with the WebPhone's session cookie, as measured (fresh profiles, the
// drivers' flags; README, "Logging in to the WebPhone"):
//   dockKeepsLogin  a login made in the dock of a CRM page holds: the cookie, set in a frame whose
//                   top-level page is the CRM (a third-party frame), is kept and sent back.
//                   Chromium 156 blocks third-party cookies by default; the extension allows the
//                   WebPhone's origin under every site (background/webphone-cookies.js), so the
//                   cookie is kept.
//   siteBOwnLogin   a CRM page of another site needs a login of its own (Firefox keeps a
//                   third-party frame's cookies apart per top-level site: Total Cookie Protection)
//   panelOwnLogin   the side panel (an extension page at the top) needs a login of its own
const MEASURED = {
  // The stand-in's cookie `SameSite=None; Secure; HttpOnly` (what the issue asks of the WebPhone).
  plain: {
    // One login for every CRM site, the side panel and after a restart.
    chromium: { dockKeepsLogin: true, siteBOwnLogin: false, panelOwnLogin: false },
    firefox: { dockKeepsLogin: true, siteBOwnLogin: true, panelOwnLogin: true },
  },
  // The same with `Partitioned` (CHIPS): what a WebPhone can do about Chromium's blocking.
  partitioned: {
    chromium: { dockKeepsLogin: true, siteBOwnLogin: true, panelOwnLogin: true },
    firefox: { dockKeepsLogin: true, siteBOwnLogin: true, panelOwnLogin: true },
  },
};

const loginControl = (env, method = 'GET') => fetch(`${env.webphoneOrigin}/control/login`, { method }).then((r) => r.json());

/**
 * The settings: the https stand-in that asks for a login (its cookie of the kind `cookie`), CRM
 * site A and CRM site B, dock `mode`.
 */
function loginSettings(env, cookie, mode = 'page') {
  const base = settingsFor(env, { popOn: 'never' });
  const siteB = { ...base.crms[0], name: 'CRM B', sites: [`${env.crm2Origin}/*`], searchUrl: `${env.crm2Origin}/search?phone={phone}` };
  const webphoneUrl = `${env.webphoneTlsOrigin}/webphone?login=1${cookie === 'partitioned' ? '&partitioned=1' : ''}`;
  return { ...base, webphoneUrl, dock: mode, crms: [base.crms[0], siteB] };
}

/**
 * Waits until the WebPhone hosted by `host` (a tab's driver or handle, or the side panel page)
 * either registers (the live phone in `liveTab`, which may be 'panel') or shows the login form;
 * says which.
 */
async function registeredOrForm(driver, host, liveTab, what, { env = null, since = null } = {}) {
  return waitUntil(async () => {
    const state = await sessionState(driver);
    // With `since` (the stand-in's counts before the WebPhone was loaded again), "registered"
    // counts only once the stand-in has served that new load: the state can still say ready
    // from the phone that was there before.
    const served = !since || (await loginControl(env)).phoneShown > since.phoneShown;
    if (state.phoneState === 'ready' && state.liveTab === liveTab && served) return 'registered';
    return (await host.phoneVisible('#login')) && 'form';
  }, { what: `the WebPhone ${what} to register or ask for a login`, timeout: 30000 });
}

/** Logs in with the stand-in's account in the form `host` shows, with trusted typing and click. */
async function logIn(host) {
  await host.phoneFill('#user', STANDIN_LOGIN.user);
  await host.phoneFill('#password', STANDIN_LOGIN.password);
  await host.phoneClick('#sign-in');
}

/**
 * `load()` makes `host` load the WebPhone (a move, a new host); it then either registers without
 * the form (`ownLogin` false) or asks for a login once, which then holds (`ownLogin` true).
 * Returns the logins made.
 */
async function expectLogin(driver, env, { host, liveTab, ownLogin, what, load = async () => undefined }) {
  const before = await loginControl(env);
  await load();
  const tab = typeof liveTab === 'function' ? await liveTab() : liveTab;
  const seen = await registeredOrForm(driver, host, tab, what, { env, since: before });
  assert.equal(seen, ownLogin ? 'form' : 'registered', `${what}: ${ownLogin ? 'a login of its own expected' : 'the login made before expected to hold'}`);
  if (ownLogin) {
    await logIn(host);
    await phoneReadyIn(driver, tab, `the WebPhone ${what} to register once logged in`);
  }
  const after = await loginControl(env);
  assert.equal(after.logins - before.logins, ownLogin ? 1 : 0, `${what}: logins`);
  assert.equal(after.formShown - before.formShown, ownLogin ? 1 : 0, `${what}: login forms shown`);
  assert.ok(after.phoneShown > before.phoneShown, `${what}: the phone was served to a signed-in agent`);
  return after.logins - before.logins;
}

/** Brings the phone to the tab `tab` (a handle or the driver) with its dock's "Bring it here". */
async function bringHere(tab) {
  await openDock(tab);
  await waitUntil(() => tab.dockVisible('#claim'), { what: 'the tab to offer to bring the phone here' });
  await tab.clickInDock('#claim');
}

/** The setup page's items: is the WebPhone loaded, is it signed in. */
const setupSays = (setup) =>
  setup.evaluate(() => ({
    loaded: document.getElementById('check-phone').dataset.done === 'true',
    signedIn: document.getElementById('check-login').dataset.done === 'true',
  }));

/**
 * One login, then the WebPhone loaded again in another tab of the same CRM site, in a tab of CRM
 * site B, back in the first tab, in the side panel, and after a browser restart; each either
 * registers without the form or asks for a login of its own, as `MEASURED[cookie]` says.
 */
function loginScenario(cookie, measuredHere = null) {
  return async (driver, env) => {
    assert.ok(env.webphoneTlsOrigin, 'the https stand-in runs');
    const measured = measuredHere ?? MEASURED[cookie][driver.name];
    await loginControl(env, 'DELETE'); // every session the stand-in gave out ends: the browser's cookie no longer counts
    const settings = loginSettings(env, cookie);
    await configure(driver, settings);
    const urlA = `${env.crmOrigin}/pages/list.html`;
    const urlA2 = `${env.crmOrigin}/pages/list.html?tab=2`;
    const urlB = `${env.crm2Origin}/pages/list.html`;
    let logins = 0;

    // The first login, in the dock of CRM site A, while the setup page looks on.
    await driver.goto(urlA);
    const tabA = await tabIdOf(driver, urlA);
    await openDock(driver);
    assert.equal(await registeredOrForm(driver, driver, tabA, 'in the first CRM tab'), 'form', 'logged out: the WebPhone asks for a login');
    const setup = await driver.openExtensionPage('setup.html');
    await waitUntil(async () => (await setupSays(setup)).loaded, { what: 'the setup page: the WebPhone loaded' });
    assert.equal((await setupSays(setup)).signedIn, false, 'the setup page: not signed in while the form shows');
    assert.notEqual((await sessionState(driver)).phoneState, 'ready', 'not registered while the form shows');
    const beforeLogin = await loginControl(env);
    await logIn(driver);
    if (measured.dockKeepsLogin) {
      await phoneReadyIn(driver, tabA, 'the WebPhone to register once logged in');
      await waitUntil(async () => (await setupSays(setup)).signedIn, { what: 'the setup page to say signed in' });
    } else {
      // The login is taken, the cookie refused: the WebPhone, loaded again, has no session.
      await waitUntil(async () => (await loginControl(env)).formShown > beforeLogin.formShown, { what: 'the login form again' });
      assert.equal((await loginControl(env)).logins, 1, 'the login itself was accepted');
      assert.equal((await registeredOrForm(driver, driver, tabA, 'after the refused cookie')), 'form');
      assert.equal((await setupSays(setup)).signedIn, false, 'the setup page: still not signed in');
    }
    logins += 1;

    if (measured.dockKeepsLogin) {
      // Another CRM tab of site A: it shows where the phone is; bringing the phone there loads
      // the WebPhone anew, signed in.
      const second = await driver.newTab(urlA2);
      logins += await expectLogin(driver, env, { host: second, liveTab: () => tabIdOf(driver, urlA2), ownLogin: false, what: 'moved to another tab of site A', load: () => bringHere(second) });
      // CRM site B.
      const siteB = await driver.newTab(urlB);
      logins += await expectLogin(driver, env, { host: siteB, liveTab: () => tabIdOf(driver, urlB), ownLogin: measured.siteBOwnLogin, what: 'moved to CRM site B', load: () => bringHere(siteB) });
      // Back to the first tab of site A: its login still holds there.
      logins += await expectLogin(driver, env, { host: driver, liveTab: tabA, ownLogin: false, what: 'moved back to site A', load: () => bringHere(driver) });
      await second.close();
      await siteB.close();
    }

    // The side panel: an extension page at the top, so no CRM site is above the WebPhone's frame.
    await storeSettings(driver, loginSettings(env, cookie, 'sidepanel'));
    let panel = null;
    logins += await expectLogin(driver, env, {
      host: { phoneVisible: (selector) => panel?.phoneVisible(selector) ?? false, phoneFill: (...a) => panel.phoneFill(...a), phoneClick: (...a) => panel.phoneClick(...a) },
      liveTab: 'panel', ownLogin: measured.panelOwnLogin, what: 'in the side panel',
      load: async () => (panel = await driver.openExtensionPage('sidepanel.html')),
    });
    await waitUntil(async () => (await setupSays(setup)).signedIn, { what: 'the setup page to say signed in' });
    await setup.close();
    await panel.close();

    // A browser restart on the same profile: the session cookie (Max-Age) outlives it.
    await driver.restart();
    if (!(await storedSettings(driver))) await storeSettings(driver, loginSettings(env, cookie, 'sidepanel')); // a temporary add-on's storage goes with it
    panel = null;
    logins += await expectLogin(driver, env, {
      host: { phoneVisible: (selector) => panel?.phoneVisible(selector) ?? false },
      liveTab: 'panel', ownLogin: false, what: 'in the side panel after a browser restart',
      load: async () => (panel = await driver.openExtensionPage('sidepanel.html')),
    });
    await panel.close();
    if (measured.dockKeepsLogin) {
      await storeSettings(driver, settings);
      const openA = async () => {
        await driver.goto(urlA);
        await openDock(driver);
      };
      logins += await expectLogin(driver, env, { host: driver, liveTab: () => tabIdOf(driver, urlA), ownLogin: false, what: 'in site A after a browser restart', load: openA });
      const siteB = await driver.newTab(urlB);
      logins += await expectLogin(driver, env, { host: siteB, liveTab: () => tabIdOf(driver, urlB), ownLogin: false, what: 'in site B after a browser restart', load: () => bringHere(siteB) });
      await siteB.close();
    }

    const final = await loginControl(env);
    assert.equal(final.logins, logins, 'every login counted');
    assert.equal(final.logins, 1 + Number(measured.dockKeepsLogin && measured.siteBOwnLogin) + Number(measured.panelOwnLogin), 'logins in all');
    assert.equal(final.refused, 0);
    await driver.closeOtherTabs();
  };
}

const SCENARIOS = {
  'log in once: the WebPhone session cookie (SameSite=None; Secure) in the dock, another tab, CRM site B, the side panel, a restart': Object.assign(loginScenario('plain'), { timeout: 180000 }),
  'log in once: the same cookie Partitioned (CHIPS)': Object.assign(loginScenario('partitioned'), { timeout: 180000 }),
};

// loginScenario: for measuring another browser set-up (scripts/dev/measure-login.js).
module.exports = { SCENARIOS, CHROMIUM_ONLY: {}, loginScenario };
