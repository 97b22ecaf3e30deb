'use strict';
// The options page: edits the settings document through a form. Validation, presets, the
// managed policy and the Test field are the Rust core's (the same code the background uses),
// so the page and the background can't disagree. An invalid document is never stored, and
// the message names the field. Built with createElement only.

/* global wasm_bindgen */
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const GENERAL = ['webphoneUrl', 'defaultCountry', 'dock'];
  const SAMPLE_NUMBER = '0982 861 121';

  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.documentElement.lang = api.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en';
  await wasm_bindgen({ module_or_path: api.runtime.getURL('wasm/mycc_connect_bg.wasm') });
  const core = wasm_bindgen;
  const presets = JSON.parse(core.crmPresets());
  const managed = await api.storage.managed?.get(null).catch(() => ({})) ?? {};

  let stored = {}; // the agent's own document, as saved
  let crms = []; // the CRM list being edited
  let locked = [];
  let country = 'VN';

  const effective = (doc) => JSON.parse(core.effectiveSettings(JSON.stringify(doc), JSON.stringify(managed)));
  const normalize = (doc) => JSON.parse(core.normalizeSettings(JSON.stringify(doc)));

  function element(tag, props = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'text') el.textContent = value;
      else if (key in el && typeof value !== 'string') el[key] = value;
      else el.setAttribute(key, value);
    }
    el.append(...children);
    return el;
  }

  function report(text, tone) {
    $('result').textContent = text;
    $('result').dataset.tone = tone;
  }

  // ---- the CRM cards ------------------------------------------------------------------

  function select(id, value, options) {
    const el = element('select', { id });
    for (const [optionValue, key] of options) el.append(element('option', { value: optionValue, text: t(key) }));
    el.value = value;
    return el;
  }

  function card(crm, index) {
    const id = (field) => `crm-${index}-${field}`;
    const title = () => crm.name || t('optCrmUntitled', [String(index + 1)]);
    const heading = element('h3', { text: title() });
    const name = element('input', { id: id('name'), value: crm.name ?? '', autocomplete: 'off' });
    const sites = element('textarea', { id: id('sites'), rows: '2', spellcheck: 'false', 'aria-describedby': id('sites-help') });
    sites.value = (crm.sites ?? []).join('\n');
    const searchUrl = element('input', { id: id('searchUrl'), type: 'url', value: crm.searchUrl ?? '', spellcheck: 'false', autocomplete: 'off' });
    const popOn = select(id('popOn'), crm.popOn ?? 'ringing', [['ringing', 'optPopOnRinging'], ['answer', 'optPopOnAnswer'], ['never', 'optPopOnNever']]);
    const popFor = select(id('popFor'), crm.popFor ?? 'inbound', [['inbound', 'optPopForInbound'], ['outbound', 'optPopForOutbound'], ['all', 'optPopForAll']]);
    const pageApi = element('input', { id: id('pageApi'), type: 'checkbox' });
    pageApi.checked = crm.pageApi === true;
    const sample = element('input', { id: id('sample'), value: SAMPLE_NUMBER, size: '16', autocomplete: 'off' });
    const testButton = element('button', { type: 'button', id: id('test-button'), text: t('optTest') });
    const openButton = element('button', { type: 'button', text: t('optOpen'), disabled: true });
    const testUrl = element('p', { class: 'test-url', role: 'status', id: id('test') });
    const error = element('p', { class: 'error', role: 'alert', id: id('error') });
    const tools = element('div', { class: 'tools' });
    const tool = (key, action, disabled = false) => {
      const b = element('button', { type: 'button', text: t(key), disabled });
      b.setAttribute('aria-label', `${t(key)}: ${title()}`);
      b.addEventListener('click', action);
      tools.append(b);
    };
    tool('optMoveUp', () => move(index, -1), index === 0);
    tool('optMoveDown', () => move(index, 1), index === crms.length - 1);
    tool('optRemove', () => remove(index));

    const update = () => {
      crm.name = name.value.trim();
      crm.sites = sites.value.split('\n').map((s) => s.trim()).filter(Boolean);
      crm.searchUrl = searchUrl.value.trim();
      crm.popOn = popOn.value;
      crm.popFor = popFor.value;
      crm.pageApi = pageApi.checked;
      heading.textContent = title();
      validate();
    };
    for (const input of [name, sites, searchUrl, popOn, popFor, pageApi]) input.addEventListener('input', update);
    for (const input of [popOn, popFor, pageApi]) input.addEventListener('change', update);

    let lastUrl = '';
    testButton.addEventListener('click', () => {
      const result = JSON.parse(core.testTemplate(searchUrl.value, sample.value, country));
      lastUrl = result.ok ? result.url : '';
      testUrl.textContent = result.ok ? result.url : t('optTestInvalid', [result.message]);
      testUrl.dataset.tone = result.ok ? 'ok' : 'problem';
      openButton.disabled = !result.ok;
    });
    openButton.addEventListener('click', () => lastUrl && api.tabs.create({ url: lastUrl }));

    const field = (labelKey, input, ...extra) => [element('label', { for: input.id, text: t(labelKey) }), input, ...extra];
    return element(
      'li',
      { class: 'crm', 'data-index': String(index) },
      heading,
      ...field('optCrmName', name),
      ...field('optCrmSites', sites, element('p', { class: 'note', id: id('sites-help'), text: t('optCrmSitesHelp') })),
      ...field('optCrmSearchUrl', searchUrl),
      element(
        'div',
        { class: 'row' },
        element('label', { for: popOn.id, text: t('optPopOn') }), popOn,
        element('label', { for: popFor.id, text: t('optPopFor') }), popFor,
        pageApi, element('label', { for: pageApi.id, text: t('optPageApi') }),
      ),
      element('div', { class: 'row' }, element('label', { for: sample.id, text: t('optTestLabel') }), sample, testButton, openButton),
      testUrl,
      error,
      tools,
    );
  }

  function renderCrms() {
    $('crms').replaceChildren(...crms.map(card));
    applyLocks();
  }

  function move(index, step) {
    const [crm] = crms.splice(index, 1);
    crms.splice(index + step, 0, crm);
    renderCrms();
    validate();
    document.querySelectorAll('.crm')[index + step]?.querySelector('input')?.focus();
  }

  function remove(index) {
    crms.splice(index, 1);
    renderCrms();
    validate();
    $('add').focus();
  }

  function addFromPreset() {
    const preset = presets.find((p) => p.id === $('preset').value) ?? presets[presets.length - 1];
    crms.push({ name: preset.name, sites: [...preset.sites], searchUrl: preset.searchUrl, popOn: 'ringing', popFor: 'inbound', pageApi: false });
    renderCrms();
    validate();
    const added = document.querySelectorAll('.crm');
    added[added.length - 1]?.querySelector('input')?.focus();
    report(t('optPresetAdded', [preset.name, preset.note]), 'ok');
  }

  // ---- the document ---------------------------------------------------------------------

  function fromForm() {
    // Unknown fields of the stored document, and of each CRM, are kept.
    return { ...stored, webphoneUrl: $('webphoneUrl').value.trim(), defaultCountry: $('defaultCountry').value.trim(), dock: $('dock').value, crms };
  }

  function show(doc) {
    const inForce = effective(doc);
    const shown = inForce.ok ? inForce.settings : doc;
    locked = inForce.ok ? inForce.locked : [];
    $('webphoneUrl').value = shown.webphoneUrl ?? '';
    $('defaultCountry').value = shown.defaultCountry ?? 'VN';
    $('dock').value = shown.dock ?? 'page';
    country = shown.defaultCountry ?? 'VN';
    crms = structuredClone(shown.crms ?? []);
    renderCrms();
  }

  function applyLocks() {
    $('managed').hidden = locked.length === 0;
    for (const name of GENERAL) $(name).disabled = locked.includes(name);
    const crmsLocked = locked.includes('crms');
    if (crmsLocked) for (const el of $('crms-section').querySelectorAll('input, textarea, select, button')) el.disabled = true;
  }

  /** Live validation: clears old messages and puts the new one next to its field. */
  function validate() {
    for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of document.querySelectorAll('.error')) el.textContent = '';
    const result = normalize(fromForm());
    if (result.ok) return result;
    const where = /^crms\[(\d+)\](?:\.(\w+))?/.exec(result.field);
    if (where) {
      const [, index, field] = where;
      const input = $(`crm-${index}-${field ?? 'name'}`);
      input?.setAttribute('aria-invalid', 'true');
      const error = $(`crm-${index}-error`);
      const label = { name: 'optCrmName', sites: 'optCrmSites', searchUrl: 'optCrmSearchUrl', popOn: 'optPopOn', popFor: 'optPopFor', pageApi: 'optPageApi' }[field ?? 'name'];
      if (error) error.textContent = `${label ? t(label) : result.field}: ${result.message}`;
    } else if (GENERAL.includes(result.field)) {
      $(result.field).setAttribute('aria-invalid', 'true');
      $(`${result.field}-error`).textContent = result.message;
    }
    return result;
  }

  async function save(doc, okText, badKey) {
    const result = normalize(doc);
    if (!result.ok) {
      report(t(badKey, [result.field, result.message]), 'problem');
      return false;
    }
    await api.storage.sync.set({ settings: result.settings });
    stored = result.settings;
    show(stored);
    report(okText, 'ok');
    return true;
  }

  // ---- start ------------------------------------------------------------------------------

  for (const preset of presets) $('preset').append(element('option', { value: preset.id, text: preset.name }));
  const saved = normalize((await api.storage.sync.get('settings')).settings ?? {});
  stored = saved.ok ? saved.settings : normalize({}).settings;
  show(stored);

  for (const name of GENERAL) $(name).addEventListener('input', validate);
  $('dock').addEventListener('change', validate);
  $('add').addEventListener('click', addFromPreset);
  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const result = validate();
    if (!result.ok) report(t('optInvalid', [result.field, result.message]), 'problem');
    else save(fromForm(), t('optSaved'), 'optInvalid');
  });
  $('export').addEventListener('click', () => {
    const blob = new Blob([`${JSON.stringify(stored, null, 2)}\n`], { type: 'application/json' });
    const link = element('a', { href: URL.createObjectURL(blob), download: 'mycc-connect-settings.json' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
  $('import').addEventListener('change', async () => {
    const file = $('import').files?.[0];
    if (!file) return;
    const result = JSON.parse(core.normalizeSettings(await file.text()));
    if (!result.ok) report(t('optImportInvalid', [result.field, result.message]), 'problem');
    else await save(result.settings, t('optImported'), 'optImportInvalid');
    $('import').value = '';
  });
})();
