'use strict';
// Real managed policies for the extension (what storage.managed returns), installed the way IT
// does it, and always removed again:
//   Chromium: /etc/chromium/policies/managed/mycc-e2e.json, {"3rdparty":{"extensions":{ID:{…}}}};
//             read again at once through chrome://policy's "Reload policies" button.
//   Firefox:  policies.json in the firefox-esr install's distribution folder,
//             {"policies":{"3rdparty":{"Extensions":{GECKO_ID:{…}}}}}; read at start-up only, so
//             the driver restarts Firefox on the same profile (every tab is gone after).
// Both need root. withPolicy() skips the test with the reason when this machine can't.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { isDeepStrictEqual } = require('util');
const { waitUntil } = require('./helpers.js');

const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
const CHROMIUM_POLICY_FILE = path.join(CHROMIUM_POLICY_DIR, 'mycc-e2e.json');
const FIREFOX_DISTRIBUTION = '/usr/lib/firefox-esr/distribution';
const FIREFOX_POLICY_FILE = path.join(FIREFOX_DISTRIBUTION, 'policies.json');
const GECKO_ID = 'connect@mycc-connect.org';
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'extension', 'managed_schema.json'), 'utf8'));

// What we wrote, so it is undone even if the run is cut short. firefoxOriginal: the policies.json
// that was there before us (undefined: nothing was there).
const installed = { chromium: false, chromiumDirs: null, firefox: false, firefoxOriginal: undefined };
process.on('exit', () => {
  if (installed.chromium) removeChromiumFile();
  if (installed.firefox) restoreFirefoxFile();
});

/** Removes our policy file, and the folders we made for it if they are empty now. */
function removeChromiumFile() {
  fs.rmSync(CHROMIUM_POLICY_FILE, { force: true });
  installed.chromium = false;
  if (!installed.chromiumDirs) return;
  for (let dir = CHROMIUM_POLICY_DIR; dir.startsWith(installed.chromiumDirs); dir = path.dirname(dir)) {
    if (fs.readdirSync(dir).length) break;
    fs.rmdirSync(dir);
  }
  installed.chromiumDirs = null;
}

function restoreFirefoxFile() {
  if (installed.firefoxOriginal === undefined) fs.rmSync(FIREFOX_POLICY_FILE, { force: true });
  else fs.writeFileSync(FIREFOX_POLICY_FILE, installed.firefoxOriginal);
}

/** Why a real policy can't be installed for this driver here, or null when it can. */
function policyUnsupported(driver) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'installing a browser policy needs root (the tests write under /etc and /usr/lib)';
  if (driver.name === 'firefox') {
    if (!fs.existsSync(FIREFOX_DISTRIBUTION)) return `no ${FIREFOX_DISTRIBUTION}: firefox-esr is not installed where expected`;
    if (typeof driver.restart !== 'function') return 'Firefox reads policies.json at start-up only, and this driver cannot restart it';
  }
  return null;
}

/** What storage.managed holds for the extension now ({} when there is no policy). */
const managedPolicy = (driver) =>
  driver.extension(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    // Firefox rejects ("Managed storage manifest not found") when no policy names the extension.
    return (await Promise.resolve(api.storage.managed.get(null)).catch(() => ({}))) ?? {};
  });

/** The part of `policy` the browser passes on: the fields the extension's schema declares. */
function declared(policy) {
  return Object.fromEntries(Object.entries(policy ?? {}).filter(([key]) => key in SCHEMA.properties));
}

async function reloadChromiumPolicies(driver) {
  const page = await driver.context.newPage();
  try {
    await page.goto('chrome://policy');
    await page.locator('#reload-policies').click();
  } finally {
    await page.close();
  }
}

function writeFirefoxFile(policy) {
  if (!installed.firefox) {
    installed.firefoxOriginal = fs.existsSync(FIREFOX_POLICY_FILE) ? fs.readFileSync(FIREFOX_POLICY_FILE, 'utf8') : undefined;
  }
  const doc = installed.firefoxOriginal === undefined ? { policies: {} } : JSON.parse(installed.firefoxOriginal);
  doc.policies ??= {};
  doc.policies['3rdparty'] ??= {};
  doc.policies['3rdparty'].Extensions ??= {};
  doc.policies['3rdparty'].Extensions[GECKO_ID] = policy;
  installed.firefox = true;
  fs.writeFileSync(FIREFOX_POLICY_FILE, JSON.stringify(doc, null, 2));
}

/**
 * Installs `policy` (null: removes ours) and waits until the extension's storage.managed returns
 * it. In Firefox this restarts the browser: open pages, tabs and storage.session are gone.
 */
async function setPolicy(driver, policy) {
  const why = policyUnsupported(driver);
  if (why) throw new Error(why);
  if (driver.name === 'chromium') {
    const id = new URL(driver.extensionOrigin).host;
    if (policy) {
      installed.chromiumDirs ??= fs.mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true }) ?? null; // the first folder made, if any
      fs.writeFileSync(CHROMIUM_POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }, null, 2));
      installed.chromium = true;
    } else {
      removeChromiumFile();
    }
    await reloadChromiumPolicies(driver);
  } else {
    if (policy) writeFirefoxFile(policy);
    else if (installed.firefox) {
      restoreFirefoxFile();
      installed.firefox = false;
    }
    await driver.restart();
  }
  const wanted = declared(policy);
  await waitUntil(async () => isDeepStrictEqual(await managedPolicy(driver), wanted), {
    what: `storage.managed to be ${JSON.stringify(wanted)}`,
    timeout: 15000,
  });
  assert.deepEqual(await managedPolicy(driver), wanted);
}

/** Removes our policy if one is installed (idempotent); for finally blocks. */
async function clearPolicy(driver) {
  if (driver.name === 'chromium' ? installed.chromium : installed.firefox) await setPolicy(driver, null);
}

/**
 * Runs `fn` with `policy` installed and removes it after, also on failure. Skips the test `t`
 * with the reason where a real policy can't be installed.
 */
async function withPolicy(driver, t, policy, fn) {
  const why = policyUnsupported(driver);
  if (why) {
    t.skip(why);
    return;
  }
  try {
    await setPolicy(driver, policy);
    await fn();
  } finally {
    await clearPolicy(driver);
  }
}

module.exports = { policyUnsupported, managedPolicy, setPolicy, clearPolicy, withPolicy };
