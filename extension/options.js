'use strict';
// The options page: edits the settings document. Validation is the Rust core's (the same
// code the background uses), so the page and the background can't disagree; an invalid
// document is never stored, and the message names the field.

/* global wasm_bindgen */
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const fields = ['webphoneUrl', 'defaultCountry', 'dock', 'crms'];
  let stored = {};

  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.documentElement.lang = api.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en';
  await wasm_bindgen({ module_or_path: api.runtime.getURL('wasm/mycc_connect_bg.wasm') });

  function report(text, tone, field) {
    $('result').textContent = text;
    $('result').dataset.tone = tone;
    for (const name of fields) $(name).removeAttribute('aria-invalid');
    const top = field?.split(/[.[]/)[0];
    if (top && fields.includes(top)) {
      $(top).setAttribute('aria-invalid', 'true');
      $(top).focus();
    }
  }

  function normalize(doc) {
    return JSON.parse(wasm_bindgen.normalizeSettings(JSON.stringify(doc)));
  }

  function show(settings) {
    $('webphoneUrl').value = settings.webphoneUrl;
    $('defaultCountry').value = settings.defaultCountry;
    $('dock').value = settings.dock;
    $('crms').value = JSON.stringify(settings.crms, null, 2);
  }

  function fromForm() {
    let crms;
    try {
      crms = JSON.parse($('crms').value || '[]');
    } catch (error) {
      return { error: { field: 'crms', message: t('optCrmsNotJson', [error.message]) } };
    }
    // Unknown top-level fields of the stored document are kept.
    return { doc: { ...stored, webphoneUrl: $('webphoneUrl').value, defaultCountry: $('defaultCountry').value, dock: $('dock').value, crms } };
  }

  async function save(doc, okText, badKey) {
    const result = normalize(doc);
    if (!result.ok) {
      report(t(badKey, [result.field, result.message]), 'problem', result.field);
      return false;
    }
    await api.storage.sync.set({ settings: result.settings });
    stored = result.settings;
    show(stored);
    report(okText, 'ok');
    return true;
  }

  const current = normalize((await api.storage.sync.get('settings')).settings ?? {});
  stored = current.ok ? current.settings : normalize({}).settings;
  show(stored);

  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const { doc, error } = fromForm();
    if (error) report(t('optInvalid', [error.field, error.message]), 'problem', error.field);
    else save(doc, t('optSaved'), 'optInvalid');
  });

  $('export').addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(stored, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'mycc-connect-settings.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });

  $('import').addEventListener('change', async () => {
    const file = $('import').files?.[0];
    if (!file) return;
    const text = await file.text();
    const result = JSON.parse(wasm_bindgen.normalizeSettings(text));
    if (!result.ok) report(t('optImportInvalid', [result.field, result.message]), 'problem');
    else await save(result.settings, t('optImported'), 'optImportInvalid');
    $('import').value = '';
  });
})();
