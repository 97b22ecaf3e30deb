'use strict';
// The options page: adding a CRM from a preset, live validation, saving; import and export.
const assert = require('node:assert/strict');
const path = require('path');
const { FIXTURES, waitUntil, settingsFor, configure, storedSettings } = require('../helpers.js');
const { withPolicy } = require('../policy.js');
const { axeInBothSchemes } = require('../axe.js');

const SCENARIOS = {
  async 'the options page adds a CRM from a preset, validates live, tests the template and saves'(driver, env) {
    await configure(driver, { ...settingsFor(env), crms: [] });
    await driver.gotoExtensionPage('options.html');
    await waitUntil(() => driver.evaluate(() => document.querySelectorAll('#preset option').length >= 8), { what: 'the presets' });
    // The empty state says what to do next, and goes once there is a CRM.
    const empty = () => driver.evaluate(() => !document.getElementById('crms-empty').hidden && document.getElementById('crms-empty').textContent);
    assert.match(await empty(), /^No CRM yet: .*press Add/);
    await driver.selectValue('#preset', 'generic');
    await driver.click('#add');
    await waitUntil(() => driver.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'a CRM card' });
    assert.equal(await empty(), false, 'no empty state beside a CRM');
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

  async 'the default country is chosen from a list named in the UI language; the core refuses one it does not know'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.gotoExtensionPage('options.html');
    await waitUntil(() => driver.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'the options form' });
    const list = await driver.evaluate(() => {
      const select = document.getElementById('defaultCountry');
      return { tag: select.tagName, value: select.value, options: [...select.options].map((o) => [o.value, o.textContent]) };
    });
    assert.equal(list.tag, 'SELECT', 'a list, not a text field');
    assert.equal(list.value, 'VN', 'the country in force is chosen');
    assert.ok(list.options.length > 200, `every country the core knows (${list.options.length})`);
    const text = Object.fromEntries(list.options);
    assert.equal(text.VN, 'Vietnam (+84)', 'named in the UI language, with its calling code');
    assert.equal(text.US, 'United States (+1)');
    const names = list.options.map(([, name]) => name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en')), 'sorted by name');
    await driver.selectValue('#defaultCountry', 'US');
    await driver.click('#save');
    await waitUntil(() => driver.evaluate(() => document.getElementById('result').dataset.tone === 'ok'), { what: 'saved' });
    assert.equal((await storedSettings(driver)).defaultCountry, 'US');
    // The list is the page's offer; the core decides: a code it does not know (slipped into the
    // list here) is refused next to the field, and Save moves the focus there.
    await driver.evaluate(() => {
      const select = document.getElementById('defaultCountry');
      select.append(new Option('Nowhere', 'XX'));
      select.value = 'XX';
      select.dispatchEvent(new Event('input', { bubbles: true }));
      return true;
    });
    const error = await waitUntil(() => driver.evaluate(() => document.getElementById('defaultCountry-error').textContent), { what: 'the refusal next to the field' });
    assert.match(error, /"XX" is not a country code/);
    await driver.click('#save');
    await waitUntil(() => driver.evaluate(() => document.getElementById('result').dataset.tone === 'problem'), { what: 'Save refused' });
    const focus = await driver.evaluate(() => ({
      id: document.activeElement?.id,
      invalid: document.getElementById('defaultCountry').getAttribute('aria-invalid'),
      describedBy: document.getElementById('defaultCountry').getAttribute('aria-describedby'),
    }));
    assert.deepEqual(focus, { id: 'defaultCountry', invalid: 'true', describedBy: 'defaultCountry-help defaultCountry-error' });
    assert.equal((await storedSettings(driver)).defaultCountry, 'US', 'nothing saved');
  },

  async 'fields locked by policy each carry a lock mark; Save and Import say what they can still change'(driver, env, t) {
    const { crms, webphoneUrl } = settingsFor(env);
    await withPolicy(driver, t, { webphoneUrl, crms, locked: ['webphoneUrl', 'crms'] }, async () => {
      await configure(driver, { defaultCountry: 'VN' });
      await driver.gotoExtensionPage('options.html');
      await waitUntil(() => driver.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'the options form' });
      const page = await waitUntil(() => driver.evaluate(() => {
        const marks = [...document.querySelectorAll('.lock')];
        if (marks.length === 0) return null;
        const field = (id) => ({ disabled: document.getElementById(id).disabled, describedBy: document.getElementById(id).getAttribute('aria-describedby') });
        return {
          marks: marks.map((m) => [m.dataset.field, m.id, m.textContent]),
          webphoneUrl: field('webphoneUrl'),
          defaultCountry: field('defaultCountry'),
          crmName: document.getElementById('crm-0-name').disabled,
          changeable: document.getElementById('changeable').hidden ? null : document.getElementById('changeable').textContent,
          saveDescribedBy: document.getElementById('save').getAttribute('aria-describedby'),
          importDescribedBy: document.getElementById('import').getAttribute('aria-describedby'),
        };
      }), { what: 'the lock marks' });
      assert.deepEqual(page.marks, [
        ['webphoneUrl', 'webphoneUrl-lock', 'Locked by your administrator'],
        ['crms', 'crms-lock', 'Locked by your administrator'],
      ], 'one mark per locked field, and none on the others');
      assert.deepEqual(page.webphoneUrl, { disabled: true, describedBy: 'webphoneUrl-error webphoneUrl-lock' });
      assert.deepEqual(page.defaultCountry, { disabled: false, describedBy: 'defaultCountry-help defaultCountry-error' });
      assert.equal(page.crmName, true, "the locked CRMs' fields are read-only");
      assert.equal(page.changeable, 'Save and Import change only what your administrator has not locked: Default country, Where the phone is shown, Wait for the WebPhone.');
      assert.equal(page.saveDescribedBy, 'changeable');
      assert.equal(page.importDescribedBy, 'changeable');
      await axeInBothSchemes(driver, 'page', 'the options page with locked fields');
      await driver.selectValue('#dock', 'sidepanel');
      await driver.click('#save');
      const said = await waitUntil(() => driver.evaluate(() => document.getElementById('result').dataset.tone === 'ok' && document.getElementById('result').textContent), { what: 'saved' });
      assert.equal(said, 'Saved. Locked by your administrator, so unchanged: WebPhone address, CRMs.');
      assert.deepEqual(await storedSettings(driver), { defaultCountry: 'VN', dock: 'sidepanel' });
    });
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
