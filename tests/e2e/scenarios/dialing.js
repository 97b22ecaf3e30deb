'use strict';
// Dialling: trusted clicks on marked numbers and tel: links, requests queued for a
// WebPhone that is not ready yet, and forged clicks that must dial nothing.
const assert = require('node:assert/strict');
const { GUIDE, waitUntil, receivedAtStandin, standin, settingsFor, configure, sessionState, eventCount, eventsHandled, openCrmPage, marksAtLeast, clickNumber } = require('../helpers.js');

const SCENARIOS = {
  async 'a trusted click dials through the WebPhone, to its origin only'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/list.html');
    const sc = standin(env);
    await sc.clear();
    await marksAtLeast(driver, 5);
    await clickNumber(driver, '0982 861 121');
    const received = await receivedAtStandin(sc, 1, 'the OutboundCallRequest at the stand-in');
    assert.deepEqual(received.map((r) => r.message), [{ type: 'OutboundCallRequest', data: { target: '0982861121' } }]);
    assert.equal(received[0].origin, driver.extensionOrigin, 'sent by the dock frame');
    assert.equal(await driver.evaluate(() => location.pathname), '/pages/list.html', 'the page did not navigate');
  },

  async 'a call asked for before the WebPhone registers is placed once it does, once'(driver, env) {
    const settings = settingsFor(env);
    settings.webphoneUrl = `${env.webphoneUrl}?registerAfter=2500`;
    await configure(driver, settings);
    const sc = standin(env);
    await sc.clear();
    await driver.goto(`${env.crmOrigin}/pages/list.html`);
    await marksAtLeast(driver, 5);
    assert.notEqual((await sessionState(driver)).phoneState, 'ready', 'the WebPhone is still logging in');
    await clickNumber(driver, '0982 861 121');
    const notice = await waitUntil(
      () => driver.evaluate(() => document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('.notice').textContent),
      { what: 'a notice' },
    );
    assert.match(notice, /0982861121/);
    const received = await receivedAtStandin(sc, 1, 'the request after registration');
    assert.equal(received.length, 1);
    // A second click, after registration: once its request is in, a repeat of the first would be too.
    await clickNumber(driver, '+84 912 345 678');
    await receivedAtStandin(sc, 2, 'the second request');
    assert.deepEqual(
      (await sc.received()).map((r) => r.message),
      [
        { type: 'OutboundCallRequest', data: { target: '0982861121' } },
        { type: 'OutboundCallRequest', data: { target: '0912345678' } },
      ],
      'the queued request delivered once',
    );
    await waitUntil(async () => ((await sessionState(driver)).dialRequest ?? null) === null, { what: 'nothing left waiting' });
  },

  async 'existing tel:, callto: and sip: links dial instead of navigating'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/tel.html');
    const sc = standin(env);
    await sc.clear();
    for (const id of ['tel', 'callto', 'sip']) await driver.click(`#${id}`);
    const targets = (await receivedAtStandin(sc, 3, 'three requests')).map((x) => x.message.data.target);
    assert.deepEqual(targets, ['0912345678', '0933456789', '0982861121']);
    await driver.click('#bad');
    await driver.click('#tel'); // handled after #bad: once it is in, #bad's would be too
    const after = (await receivedAtStandin(sc, 4, 'the request after the invalid one')).map((x) => x.message.data.target);
    assert.deepEqual(after, ['0912345678', '0933456789', '0982861121', '0912345678'], 'an invalid tel: number is not dialled');
    assert.equal(await driver.evaluate(() => location.pathname), '/pages/tel.html');
  },

  async 'clicks forged by page scripts dial nothing; forged events change nothing'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/hostile.html');
    const sc = standin(env);
    await sc.clear();
    await marksAtLeast(driver, 1);
    const eventsBefore = await eventCount(driver);
    assert.equal(await driver.evaluate(() => window.forgeClicks()), true);
    assert.equal(await driver.evaluate((p) => window.forgeEvents(p), GUIDE['queue-ringing']), true);
    // Markers after the forgeries: a real event from the WebPhone and a trusted click.
    await sc.send({ action: 'register' });
    await eventsHandled(driver, eventsBefore + 1, 'the real OnRegistered handled');
    await clickNumber(driver, '0982 861 121');
    const received = await receivedAtStandin(sc, 1, 'the trusted click at the stand-in');
    assert.equal(received.length, 1, 'no call placed by the forged clicks');
    assert.equal(received[0].message.data.target, '0982861121', 'only the trusted click dialled');
    const after = await sessionState(driver);
    assert.deepEqual(after.events.slice(eventsBefore).map((e) => JSON.parse(e.json).type), ['OnRegistered'], 'no forged event accepted');
    assert.equal(after.phoneState, 'ready');
    assert.equal(await driver.evaluate(() => location.pathname), '/pages/hostile.html');
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
