'use strict';
// One WebPhone login that lasts in Chromium's dock. Chromium blocks third-party cookies by
// default, and the WebPhone's frame in the dock is third-party under the CRM's page: its session
// cookie would be refused and the agent asked to log in at every load. Allowing cookies for the
// WebPhone's origin alone, under any top-level site, makes one login hold in the dock of every
// CRM site, in the side panel and across a restart (README, "Logging in to the WebPhone").
// Chromium does not keep the setting over a browser restart, so it is set at every browser start
// and install or update, and again when the settings in force name another WebPhone (what was set
// for the old one is cleared first: contentSettings.cookies.clear clears only this extension's).
// Firefox has no such API and keeps one login per CRM site. A failure only costs the login's
// lasting: it is logged, and never thrown into the router.

const webphoneCookiesSession = sessionSlice({ webphoneCookiePattern: null });
let webphoneCookiesWork = Promise.resolve();

/**
 * The content-settings pattern for exactly the WebPhone's origin. Such a pattern without a port
 * matches every port of the host, so the default port is written out too.
 */
function webphoneCookiePattern(origin) {
  const url = new URL(origin);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname}:${port}/*`;
}

/**
 * Allows the WebPhone's cookies under every site, for the WebPhone of the settings in force.
 * `atStart`: the browser or the extension has just started, so whatever was allowed before is
 * set again even if the session remembers it.
 */
function allowWebphoneCookies({ atStart = false } = {}) {
  const cookies = api.contentSettings?.cookies;
  if (!cookies) return Promise.resolve();
  webphoneCookiesWork = webphoneCookiesWork
    .then(async () => {
      const pattern = webphoneCookiePattern((await loadSettings()).webphoneOrigin);
      const { webphoneCookiePattern: allowed } = await webphoneCookiesSession.get();
      if (!atStart && allowed === pattern) return;
      await cookies.clear({ scope: 'regular' });
      await cookies.set({ primaryPattern: pattern, secondaryPattern: '<all_urls>', setting: 'allow', scope: 'regular' });
      await webphoneCookiesSession.set({ webphoneCookiePattern: pattern });
    })
    .catch((error) => console.error("myCC Connect: could not allow the WebPhone's cookies", error));
  return webphoneCookiesWork;
}

api.runtime.onInstalled.addListener(() => allowWebphoneCookies({ atStart: true }));
api.runtime.onStartup?.addListener(() => allowWebphoneCookies({ atStart: true }));
onSettingsChanged(() => allowWebphoneCookies());
