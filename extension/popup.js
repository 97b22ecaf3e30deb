'use strict';
// The toolbar popup: the phone's state, show/hide the WebPhone, hint mode in this tab, use myCC on this site, settings.
// Decisions are the background's (one place edits settings, with the core's validation).

/* global myccErrors, myccCallCard */
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { MSG, COMMAND } = globalThis.myccProtocol;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  document.documentElement.lang = api.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en';
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
  showCallCard(status?.card, state);
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
  // Hint mode, as its shortcut opens it; the button names the shortcut the agent has now.
  $('hints').textContent = t('popupHints');
  api.commands?.getAll?.().then((commands) => {
    const shortcut = commands.find((command) => command.name === COMMAND.OPEN_HINTS)?.shortcut;
    if (shortcut) $('hints').textContent = `${t('popupHints')} (${shortcut})`;
  }).catch(() => undefined);
  $('hints').addEventListener('click', () => {
    $('hints').disabled = true;
    ask({ kind: MSG.POPUP_HINTS, tabId: tab?.id }).finally(() => window.close());
  });
  $('options').addEventListener('click', () => api.runtime.openOptionsPage().then(() => window.close()));

  async function showSite() {
    const site = tab?.url ? await ask({ kind: MSG.SITE_STATUS, url: tab.url }) : null;
    const usable = site?.pattern != null;
    $('hints').hidden = !(site?.crmIndex >= 0); // hint mode is for a CRM's pages
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

  /** The current call: direction, number, state and a running timer (shared/call-card.js). */
  function showCallCard(card, phoneState) {
    const line = $('call-card');
    line.hidden = !card;
    if (!card) return;
    const tick = () => (line.textContent = myccCallCard.describe(card, phoneState, Date.now(), t));
    tick();
    setInterval(tick, 1000);
  }

  /** The recent calls, newest first, each with "call back" and "open in the CRM". */
  async function showRecent() {
    const recent = (await ask({ kind: MSG.POPUP_RECENT })) ?? [];
    $('recent-title').textContent = t('popupRecent');
    $('recent-clear').textContent = t('popupRecentClear');
    $('recent-clear').hidden = recent.length === 0;
    $('recent-empty').hidden = recent.length > 0;
    $('recent-empty').textContent = t('popupRecentEmpty');
    const when = new Intl.DateTimeFormat(api.i18n.getUILanguage(), { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });
    $('recent').replaceChildren(...recent.map((call) => {
      const item = document.createElement('li');
      item.dataset.missed = String(call.missed);
      const number = document.createElement('span');
      number.className = 'number';
      number.textContent = call.shown;
      const what = document.createElement('span');
      what.className = 'what';
      const kind = call.missed ? t('popupMissed') : t(call.direction === 'inbound' ? 'popupInbound' : 'popupOutbound');
      what.textContent = `${kind} · ${when.format(new Date(call.atMs))}`;
      const actions = document.createElement('span');
      actions.className = 'actions';
      const back = document.createElement('button');
      back.type = 'button';
      back.className = 'small';
      back.textContent = t('popupCallBack');
      back.setAttribute('aria-label', t('popupCallBackLabel', [call.shown]));
      back.addEventListener('click', () => ask({ kind: MSG.POPUP_DIAL, target: call.number, tabId: tab?.id }).then(() => window.close()));
      actions.append(back);
      if (call.searchUrl) {
        const open = document.createElement('button');
        open.type = 'button';
        open.className = 'small secondary';
        open.textContent = t('popupOpenInCrm');
        open.setAttribute('aria-label', t('popupOpenInCrmLabel', [call.shown]));
        open.addEventListener('click', () => api.tabs.create({ url: call.searchUrl }).then(() => window.close()));
        actions.append(open);
      }
      item.append(number, actions, what);
      return item;
    }));
  }
  $('recent-clear').addEventListener('click', async () => {
    await ask({ kind: MSG.POPUP_CLEAR_RECENT });
    await showRecent();
    $('recent-title').focus?.();
  });

  await Promise.all([showSite(), showRecent()]);
})();
