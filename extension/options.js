'use strict';
// The options page: a form over the settings in force. Every decision is the Rust core's (the
// same wasm the background uses), so the page and the background can't disagree: what is in
// force under IT's policy, whether the form is valid, and what the agent's own document becomes
// on Save and Import (only what the agent changed). This script collects the form's input into
// the form document and writes back what the core returns; it never builds or indexes a
// settings document itself. Errors are shown in the UI language, next to their field. Built
// with createElement only.

/* global wasm_bindgen, myccErrors */
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const getMessage = (key, subs) => api.i18n.getMessage(key, subs);
  const t = (key, subs) => getMessage(key, subs) || key;
  const say = (error) => myccErrors.describe(error, getMessage);
  const $ = (id) => document.getElementById(id);
  const GENERAL = ['webphoneUrl', 'defaultCountry', 'dock', 'dialWaitSeconds'];
  const SAMPLE_NUMBER = '0982 861 121';

  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  const lang = api.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en';
  document.documentElement.lang = lang;
  await wasm_bindgen({ module_or_path: api.runtime.getURL('wasm/mycc_connect_bg.wasm') });
  const core = wasm_bindgen;
  /** Calls a core export with JSON in and out. */
  const ask = (name, ...args) => JSON.parse(core[name](...args));
  const presets = ask('crmPresets');
  const countries = ask('countryList');
  const managed = JSON.stringify((await api.storage.managed?.get(null).catch(() => null)) ?? null);

  let stored = {}; // the agent's own document, as in storage.sync: only what the agent changed
  let storedJson = '{}'; // the same, as read: a save is refused if storage no longer holds it
  let inForce = null; // the core's settingsInForce(stored, managed)
  let crms = []; // the CRM cards' input
  let country = 'VN';

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
    const heading = element('h2', { text: title() });
    const name = element('input', { id: id('name'), value: crm.name ?? '', autocomplete: 'off' });
    const sites = element('textarea', { id: id('sites'), rows: '2', spellcheck: 'false', 'aria-describedby': id('sites-help') });
    sites.value = (crm.sites ?? []).join('\n');
    const searchUrl = element('input', { id: id('searchUrl'), type: 'url', value: crm.searchUrl ?? '', spellcheck: 'false', autocomplete: 'off' });
    const popOn = select(id('popOn'), crm.popOn ?? 'ringing', [['ringing', 'optPopOnRinging'], ['answer', 'optPopOnAnswer'], ['never', 'optPopOnNever']]);
    const popFor = select(id('popFor'), crm.popFor ?? 'inbound', [['inbound', 'optPopForInbound'], ['outbound', 'optPopForOutbound'], ['all', 'optPopForAll']]);
    const popTarget = select(id('popTarget'), crm.popTarget ?? 'reuse', [['reuse', 'optPopTargetReuse'], ['newTab', 'optPopTargetNewTab'], ['crmTab', 'optPopTargetCrmTab']]);
    const pageApi = element('input', { id: id('pageApi'), type: 'checkbox' });
    pageApi.checked = crm.pageApi === true;
    const sample = element('input', { id: id('sample'), value: SAMPLE_NUMBER, size: '16', autocomplete: 'off' });
    const testButton = element('button', { type: 'button', id: id('test-button'), text: t('optTest') });
    const openButton = element('button', { type: 'button', text: t('optOpen'), disabled: true });
    const testUrl = element('p', { class: 'test-url', role: 'status', id: id('test') });
    // Tied to its fields by aria-describedby, not announced on every keystroke (no role=alert):
    // Save moves the focus to the first field in error, where it is read.
    const error = element('p', { class: 'error', id: id('error') });
    for (const field of [name, searchUrl, popOn, popFor, popTarget, pageApi]) field.setAttribute('aria-describedby', id('error'));
    sites.setAttribute('aria-describedby', `${id('sites-help')} ${id('error')}`);
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
      crm.popTarget = popTarget.value;
      heading.textContent = title();
      validate();
    };
    for (const input of [name, sites, searchUrl, popOn, popFor, popTarget, pageApi]) input.addEventListener('input', update);
    for (const input of [popOn, popFor, popTarget, pageApi]) input.addEventListener('change', update);

    let lastUrl = '';
    testButton.addEventListener('click', () => {
      const result = ask('testTemplate', searchUrl.value, sample.value, country);
      lastUrl = result.ok ? result.url : '';
      testUrl.textContent = result.ok ? result.url : t('optTestInvalid', [say(result.error)]);
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
        element('label', { for: popTarget.id, text: t('optPopTarget') }), popTarget,
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
    $('crms-empty').hidden = crms.length > 0;
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
    // A new card's first input; the card's controls start at the core's defaults for the rest.
    crms.push({ name: preset.name, sites: [...preset.sites], searchUrl: preset.searchUrl });
    renderCrms();
    validate();
    const added = document.querySelectorAll('.crm');
    added[added.length - 1]?.querySelector('input')?.focus();
    report(t('optPresetAdded', [preset.name, preset.note]), 'ok');
  }

  // ---- the form document and the core's verdicts --------------------------------------------

  /** What a number field holds: nothing (the default), a number, or text the core will refuse. */
  function numberInput(input) {
    // The browser does not tell what was typed when it is not a number: say so with a stand-in.
    if (input.validity.badInput) return '?';
    const text = input.value.trim();
    return text === '' ? null : Number(text);
  }

  /**
   * The form document: the settings in force (unknown fields included) with the form's input
   * read over them. Collecting only: the core judges it and makes the agent's document.
   */
  function formDocument() {
    return {
      ...inForce.settings,
      webphoneUrl: $('webphoneUrl').value,
      defaultCountry: $('defaultCountry').value,
      dock: $('dock').value,
      dialWaitSeconds: numberInput($('dialWaitSeconds')),
      crms,
    };
  }

  /** Shows the settings in force for the agent's document `stored`. */
  function show() {
    inForce = ask('settingsInForce', JSON.stringify(stored), managed);
    const shown = inForce.settings;
    $('webphoneUrl').value = shown.webphoneUrl;
    $('defaultCountry').value = shown.defaultCountry;
    $('dock').value = shown.dock;
    $('dialWaitSeconds').value = String(shown.dialWaitSeconds);
    country = shown.defaultCountry;
    crms = structuredClone(shown.crms);
    renderCrms();
  }

  /** A lock mark: a padlock and its words, which name it for assistive technology too. */
  function lockMark(name) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z');
    svg.append(path);
    return element('span', { class: 'lock', id: `${name}-lock`, 'data-field': name }, svg, t('optLocked'));
  }

  /** Ties a description to a field, next to those it has. */
  function describe(field, id, on) {
    const ids = new Set((field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    if (on) ids.add(id);
    else ids.delete(id);
    field.setAttribute('aria-describedby', [...ids].join(' '));
  }

  /**
   * The fields IT's policy locks: read-only, each with a lock mark, and a note by Save and
   * Import saying what they can still change (the core says which fields those are).
   */
  function applyLocks() {
    const { locked, changeable } = inForce;
    $('managed').hidden = locked.length === 0;
    for (const mark of document.querySelectorAll('.lock')) mark.remove();
    for (const name of GENERAL) {
      const isLocked = locked.includes(name);
      $(name).disabled = isLocked;
      describe($(name), `${name}-lock`, isLocked);
      if (isLocked) document.querySelector(`label[for="${name}"]`).after(lockMark(name));
    }
    const crmsLocked = locked.includes('crms');
    if (crmsLocked) {
      $('crms-section').querySelector('legend').after(lockMark('crms'));
      for (const el of $('crms-section').querySelectorAll('input, textarea, select, button')) el.disabled = true;
    }
    const labels = changeable.map((name) => myccErrors.fieldLabel(name, getMessage)).join(', ');
    $('changeable').hidden = locked.length === 0;
    $('changeable').textContent = changeable.length ? t('optChangeableSome', [labels]) : t('optChangeableNone');
  }

  /** Marks the field an error is about and puts the error, in words, next to it. */
  function showError(error) {
    const where = /^crms\[(\d+)\](?:\.(\w+))?/.exec(error.field);
    if (where) {
      const [, index, field] = where;
      $(`crm-${index}-${field ?? 'name'}`)?.setAttribute('aria-invalid', 'true');
      const box = $(`crm-${index}-error`);
      if (box) box.textContent = say(error);
    } else if (GENERAL.includes(error.field)) {
      $(error.field).setAttribute('aria-invalid', 'true');
      $(`${error.field}-error`).textContent = say(error);
    }
  }

  /** Live validation: clears old messages and shows the core's verdict on the form. */
  function validate() {
    for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of document.querySelectorAll('.error')) el.textContent = '';
    // The same verdict Save gets (placeholders of presets, the size that fits storage included).
    const result = ask('editFromForm', JSON.stringify(stored), managed, JSON.stringify(formDocument()));
    if (!result.ok) showError(result.error);
    return result;
  }

  /**
   * Writes the agent's new document (as the core made it) and shows what is now in force. A
   * refusal (too big, the browser's quota, changed in another window) is shown in words, nothing
   * is written, and the form keeps what was typed.
   */
  async function store(user, okText) {
    const written = await myccSettingsStore.write(api, core, user, storedJson);
    if (!written.ok) {
      report(say(written.error), 'problem');
      return false;
    }
    stored = user;
    storedJson = JSON.stringify(user);
    show();
    report(okText, 'ok');
    return true;
  }

  /** Problems the core set aside while working out the settings in force, in words. */
  function reportProblems() {
    const lines = inForce.problems.map((p) => t(p.source === 'policy' ? 'optPolicyProblem' : 'optAgentProblem', [say(p.error)]));
    if (lines.length) report(lines.join(' '), 'problem');
  }

  // ---- start ------------------------------------------------------------------------------

  for (const preset of presets) $('preset').append(element('option', { value: preset.id, text: preset.name }));
  // The countries the core knows, named in the UI language and sorted by those names.
  const regionNames = new Intl.DisplayNames([lang], { type: 'region' });
  const named = countries.map(({ code, callingCode }) => ({ code, text: `${regionNames.of(code) ?? code} (+${callingCode})` }));
  const collator = new Intl.Collator(lang);
  named.sort((a, b) => collator.compare(a.text, b.text));
  $('defaultCountry').append(...named.map(({ code, text }) => element('option', { value: code, text })));
  const loaded = await myccSettingsStore.read(api, core);
  stored = loaded.user;
  storedJson = loaded.json;
  show();
  reportProblems();
  if (loaded.problem) report(say(loaded.problem), 'problem');

  for (const name of GENERAL) $(name).addEventListener('input', validate);
  $('dock').addEventListener('change', validate);
  $('add').addEventListener('click', addFromPreset);
  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const result = validate();
    if (!result.ok) {
      report(t('optInvalid', [say(result.error)]), 'problem');
      document.querySelector('[aria-invalid="true"]')?.focus();
    } else {
      const kept = inForce.locked.map((name) => myccErrors.fieldLabel(name, getMessage)).join(', ');
      store(result.user, kept ? t('optSavedKept', [kept]) : t('optSaved'));
    }
  });
  $('export').addEventListener('click', () => {
    // The settings in force, per the contract: what this agent works with, IT's part included.
    const blob = new Blob([`${JSON.stringify(inForce.settings, null, 2)}\n`], { type: 'application/json' });
    const link = element('a', { href: URL.createObjectURL(blob), download: 'mycc-connect-settings.json' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
  $('import').addEventListener('change', async () => {
    const file = $('import').files?.[0];
    if (!file) return;
    const result = ask('editImport', JSON.stringify(stored), managed, await file.text());
    if (!result.ok) {
      // The path too, so the admin can find the spot in the file.
      const { field } = result.error;
      report(field ? t('optImportInvalidAt', [say(result.error), field]) : t('optImportInvalid', [say(result.error)]), 'problem');
    } else {
      const kept = result.keptByPolicy.map((name) => myccErrors.fieldLabel(name, getMessage)).join(', ');
      await store(result.user, kept ? t('optImportedKept', [kept]) : t('optImported'));
    }
    $('import').value = '';
  });
})();
