'use strict';
// The first-run page: a live checklist of what the agent needs (a CRM configured, a CRM tab open,
// the WebPhone loaded and signed in) and a number to try. The background answers what is so
// (MSG.SETUP_STATUS); this page only shows it.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { MSG } = globalThis.myccProtocol;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const ask = (message) => api.runtime.sendMessage(message).catch(() => null);
  document.documentElement.lang = api.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en';
  const REFRESH_MS = 1000;

  $('title').textContent = t('setupTitle');
  $('intro').textContent = t('setupIntro');
  $('open-options').textContent = t('popupOptions');
  $('try-title').textContent = t('setupTryTitle');
  $('try-help').textContent = t('setupTryHelp');
  $('try-label').textContent = t('setupTryLabel');
  $('try-call').textContent = t('setupTryCall');
  $('open-options').addEventListener('click', () => api.runtime.openOptionsPage());

  function check(id, done, key, subs) {
    $(id).dataset.done = String(done);
    // The checklist is a polite live region refreshed every second: only a change is written,
    // so a screen reader hears a step when it changes, not the same words every second.
    const what = $(id).querySelector('.what');
    const text = `${t(done ? 'setupDone' : 'setupToDo')}: ${t(key, subs)}`;
    if (what.textContent !== text) what.textContent = text;
  }

  async function refresh() {
    const status = await ask({ kind: MSG.SETUP_STATUS });
    if (!status) return;
    check('check-crm', status.crmCount > 0, status.crmCount > 0 ? 'setupCrmDone' : 'setupCrmToDo', [String(status.crmCount)]);
    check('check-tab', status.crmTab != null, status.crmTab != null ? 'setupTabDone' : 'setupTabToDo', [status.crmTab ?? '']);
    const loaded = status.liveTab != null;
    check('check-phone', loaded, loaded ? 'setupPhoneDone' : 'setupPhoneToDo');
    const ready = ['ready', 'ringing', 'inCall'].includes(status.phoneState);
    check('check-login', ready, ready ? 'setupLoginDone' : 'setupLoginToDo');
    $('try-call').disabled = !ready;
  }

  $('try-call').addEventListener('click', async () => {
    const reply = await ask({ kind: MSG.SETUP_TRY, target: $('try-number').value });
    const said = reply?.waiting ? 'dialQueued' : 'dialSent';
    $('try-result').textContent = reply?.ok ? t(said, [reply.dial]) : t('dialNotANumber', [$('try-number').value]);
    $('try-result').dataset.tone = reply?.ok ? 'ok' : 'problem';
  });

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
