'use strict';
// "Call … with myCC" in the context menu of any page, on selected text and on tel:, callto: and
// sip: links: no content script is needed there. The number is the core's detector's (the first
// phone number in the selection). Firefox shows the item only when the selection holds a number,
// with that number in its title (menus.onShown); Chrome can't change a menu as it opens, so it
// shows the selection and says so when it holds no number.

const MENU_ID = 'mycc-call';
const CALL_LINKS = ['tel:*', 'callto:*', 'sip:*'];
const menus = api.menus ?? api.contextMenus;

function createMenu() {
  if (!menus) return;
  Promise.resolve(menus.removeAll())
    .then(() => menus.create({ id: MENU_ID, title: api.i18n.getMessage('menuCallSelection'), contexts: ['selection', 'link'], targetUrlPatterns: CALL_LINKS }))
    .catch((error) => console.warn('myCC Connect: no context menu', error));
}

/** The dial string a menu click or a shown menu is about, or "". */
async function menuNumber(info) {
  const [wasm, settings] = await Promise.all([core, loadSettings()]);
  const country = settings.settings.defaultCountry;
  if (info.linkUrl && /^(tel|callto|sip):/i.test(info.linkUrl)) {
    const target = decodeURIComponent(info.linkUrl.replace(/^(tel|callto|sip):(\/\/)?/i, '').split(/[;?@]/)[0]);
    return wasm.dialString(target, country);
  }
  return wasm.firstNumber(String(info.selectionText ?? ''), country);
}

menus?.onClicked.addListener(async (info, tab) => {
  if (info.menuItemId !== MENU_ID) return;
  const number = await menuNumber(info);
  if (!number) {
    const text = String(info.selectionText ?? info.linkUrl ?? '').slice(0, 60);
    await notify('menu:none', api.i18n.getMessage('menuNoNumber'), api.i18n.getMessage('menuNoNumberBody', [text]));
    return;
  }
  // The menu click is the agent's ask, like a click on a number in a CRM page.
  await dial({ tab }, number, crypto.randomUUID());
});

// Firefox: the item appears only over a number, and names it.
menus?.onShown?.addListener(async (info) => {
  if (!info.menuIds.includes(MENU_ID)) return;
  const number = await menuNumber(info);
  const shown = number ? (await core).shownNumber(number) : '';
  await menus.update(MENU_ID, { visible: Boolean(number), title: api.i18n.getMessage('menuCallNumber', [shown]) });
  menus.refresh();
});

api.runtime.onInstalled.addListener(createMenu);
