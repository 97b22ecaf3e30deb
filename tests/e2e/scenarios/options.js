'use strict';
// The options page: adding a CRM from a preset, live validation, saving; import and export.
const assert = require('node:assert/strict');
const path = require('path');
const { FIXTURES, waitUntil, settingsFor, configure, storedSettings } = require('../helpers.js');

const SCENARIOS = {
  async 'the options page adds a CRM from a preset, validates live, tests the template and saves'(driver, env) {
    await configure(driver, { ...settingsFor(env), crms: [] });
    await driver.gotoExtensionPage('options.html');
    await waitUntil(() => driver.evaluate(() => document.querySelectorAll('#preset option').length >= 8), { what: 'the presets' });
    await driver.selectValue('#preset', 'generic');
    await driver.click('#add');
    await waitUntil(() => driver.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'a CRM card' });
    await driver.fill('#crm-0-name', 'CRM thử');
    await driver.fill('#crm-0-sites', `${env.crmOrigin}/*`);
    await driver.fill('#crm-0-searchUrl', 'javascript:alert(1)//{phone}');
    const error = await waitUntil(() => driver.evaluate(() => document.getElementById('crm-0-error').textContent), { what: 'a live validation message' });
    assert.match(error, /http/);
    assert.equal(await driver.evaluate(() => document.getElementById('crm-0-searchUrl').getAttribute('aria-invalid')), 'true');
    await driver.click('#save');
    await waitUntil(() => driver.evaluate(() => document.getElementById('result').dataset.tone === 'problem'), { what: 'the refusal' });
    assert.deepEqual((await storedSettings(driver)).crms, [], 'nothing was saved');
    await driver.fill('#crm-0-searchUrl', `${env.crmOrigin}/search?phone={phone}&d={digits}`);
    await driver.click('#crm-0-test-button');
    const url = await waitUntil(() => driver.evaluate(() => document.getElementById('crm-0-test').textContent), { what: 'the test URL' });
    assert.equal(url, `${env.crmOrigin}/search?phone=0982861121&d=84982861121`);
    await driver.click('#save');
    await waitUntil(() => driver.evaluate(() => document.getElementById('result').dataset.tone === 'ok'), { what: 'saved' });
    const saved = await storedSettings(driver);
    assert.deepEqual(saved.crms.map((c) => [c.name, c.sites, c.searchUrl, c.popOn, c.popFor, c.pageApi]), [
      ['CRM thử', [`${env.crmOrigin}/*`], `${env.crmOrigin}/search?phone={phone}&d={digits}`, 'ringing', 'inbound', false],
    ]);
  },

  async 'import refuses a bad file and changes nothing, takes a good one with its unknown fields'(driver, env) {
    await configure(driver, settingsFor(env));
    const before = await storedSettings(driver);
    await driver.gotoExtensionPage('options.html');
    await waitUntil(() => driver.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'the form' });
    await driver.setFile('#import', path.join(FIXTURES, 'settings-bad.json'));
    const refusal = await waitUntil(
      () => driver.evaluate(() => document.getElementById('result').dataset.tone === 'problem' && document.getElementById('result').textContent),
      { what: 'the refusal' },
    );
    assert.match(refusal, /crms\[0\]\.searchUrl/);
    assert.deepEqual(await storedSettings(driver), before, 'the stored settings stay as they were');
    await driver.setFile('#import', path.join(FIXTURES, 'settings-good.json'));
    await waitUntil(() => driver.evaluate(() => document.getElementById('result').dataset.tone === 'ok'), { what: 'the import' });
    const saved = await storedSettings(driver);
    assert.equal(saved.crms[0].name, 'Imported Odoo');
    assert.deepEqual(saved.futureField, { kept: true }, 'unknown fields survive');
    assert.equal(saved.crms[0].color, 'teal');
    assert.equal(await driver.evaluate(() => document.getElementById('crm-0-name').value), 'Imported Odoo', 'the form shows it');
    // Export: catch the file the button hands to the browser and read it back.
    await driver.evaluate(() => {
      window.exported = null;
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        if (this.download) fetch(this.href).then((r) => r.text()).then((text) => (window.exported = { name: this.download, text }));
        else click.call(this);
      };
      return true;
    });
    await driver.click('#export');
    const exported = await waitUntil(() => driver.evaluate(() => window.exported), { what: 'the exported file' });
    assert.equal(exported.name, 'mycc-connect-settings.json');
    // Export writes the settings in force: the agent's document with every default filled in (no
    // policy here), the same JSON Import reads.
    const written = JSON.parse(exported.text);
    assert.deepEqual({ ...written, crms: written.crms.map((c) => ({ ...c })) }, {
      ...written,
      ...saved,
      crms: saved.crms.map((crm, i) => ({ ...written.crms[i], ...crm })),
    }, 'every value the agent stored is exported as it is');
    assert.equal(written.dialWaitSeconds, 30, 'defaults are filled in');
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
