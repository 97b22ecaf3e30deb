'use strict';
// The toolbar popup: the phone's state, show/hide the WebPhone, use myCC on this site, settings.
// Decisions are the background's (one place edits settings, with the core's validation).

/* global myccErrors */
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { MSG } = globalThis.myccProtocol;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const ask = (message) => api.runtime.sendMessage(message).catch(() => null);

  // ?tab=ID shows the popup for that tab when the page is opened outside the toolbar (tests).
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  const tab = Number.isInteger(forced) && forced > 0
    ? await api.tabs.get(forced).catch(() => null)
    : (await api.tabs.query({ active: true, currentWindow: true }))[0];
  // Where the phone lives under the settings in force (the agent's and IT's), as the background says.
  const status = await ask({ kind: MSG.POPUP_STATUS, tabId: tab?.id });
  const dockMode = status?.dockMode ?? 'page';
  const state = status?.phoneState ?? 'notRegistered';
  $('toggle').dataset.dockMode = dockMode;
  $('phone').textContent = `${t('popupPhone')}: ${t(`state_${state}`)}`;
  $('phone').dataset.state = state;
  $('dock-lost').hidden = status?.dockLost !== true;
  $('dock-lost').textContent = t('popupDockLost');
  $('toggle').textContent = t('popupToggle');
  $('options').textContent = t('popupOptions');
  $('site-title').textContent = t('popupThisSite');
  $('use-label').textContent = t('popupUseHere');
  $('crm-choice-label').textContent = t('popupAddTo');

  $('toggle').addEventListener('click', () => {
    // A click here is the agent's gesture, which opening a side panel needs: call it at once.
    const done =
      dockMode === 'sidepanel'
        ? (api.sidebarAction ? api.sidebarAction.open() : api.sidePanel?.open({ windowId: tab?.windowId }))
        : ask({ kind: MSG.POPUP_TOGGLE_DOCK, tabId: tab?.id });
    Promise.resolve(done).finally(() => window.close());
  });
  $('options').addEventListener('click', () => api.runtime.openOptionsPage().then(() => window.close()));

  async function showSite() {
    const site = tab?.url ? await ask({ kind: MSG.SITE_STATUS, url: tab.url }) : null;
    const usable = site?.pattern != null;
    $('site').textContent = usable ? site.pattern : t('popupNotWeb');
    $('site-controls').hidden = !usable;
    if (!usable) return;
    $('use').checked = site.crmIndex >= 0;
    $('use').disabled = site.locked || (site.crmIndex >= 0 && !site.removable);
    const choice = $('crm-choice');
    choice.replaceChildren(
      ...site.crms.map((name, i) => Object.assign(document.createElement('option'), { value: String(i), textContent: name })),
      Object.assign(document.createElement('option'), { value: '-1', textContent: t('popupNewCrm') }),
    );
    choice.value = site.crms.length ? '0' : '-1';
    choice.disabled = site.crmIndex >= 0 || site.locked;
    $('crm-choice-label').hidden = choice.hidden = site.crmIndex >= 0;
    if (site.locked) $('site-result').textContent = t('popupLocked');
    else if (site.crmIndex >= 0) $('site-result').textContent = site.removable ? t('popupOnFor', [site.crmName]) : t('popupCoveredBy', [site.crmName]);
    else $('site-result').textContent = '';
  }

  $('use').addEventListener('change', async () => {
    const reply = await ask({ kind: MSG.SITE_SET, url: tab.url, on: $('use').checked, crmIndex: Number($('crm-choice').value) });
    if (!reply?.ok) {
      // The core's refusal ({field, code, args}) in the UI language; anything else (no answer,
      // a failure inside the background) is the generic message.
      const refusal = reply?.error != null && typeof reply.error === 'object' ? reply.error : null;
      $('site-result').textContent = refusal ? myccErrors.describe(refusal, (key, subs) => api.i18n.getMessage(key, subs)) : t('popupSiteFailed');
      $('site-result').dataset.tone = 'problem';
      return;
    }
    await showSite();
  });

  await showSite();
})();
