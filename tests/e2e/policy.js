'use strict';
// Real managed policies for the extension (what storage.managed returns), installed the way IT
// does it, and always removed again:
//   Chromium: /etc/chromium/policies/managed/mycc-e2e-ID.json, {"3rdparty":{"extensions":{ID:{…}}}};
//             read again at once through chrome://policy's "Reload policies" button. One file per
//             extension id: a checkout in another folder (another id) runs beside us untouched.
//   Firefox:  policies.json in the firefox-esr install's distribution folder,
//             {"policies":{"3rdparty":{"Extensions":{GECKO_ID:{…}}}}}; read at start-up only, so
//             the driver restarts Firefox on the same profile (every tab is gone after). Every
//             Firefox started meanwhile reads it too (other runs on this machine, same add-on id):
//             so the file is there only while ours restarts, under a lock, then taken away again.
// Both need root. withPolicy() skips the test with the reason when this machine can't.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { isDeepStrictEqual } = require('util');
const { waitUntil } = require('./helpers.js');

const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
const FIREFOX_DISTRIBUTION = '/usr/lib/firefox-esr/distribution';
const FIREFOX_POLICY_FILE = path.join(FIREFOX_DISTRIBUTION, 'policies.json');
const GECKO_ID = 'connect@mycc-connect.org';
const FIREFOX_LOCK = path.join(os.tmpdir(), 'mycc-e2e-firefox-policies.lock');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'extension', 'managed_schema.json'), 'utf8'));

// What we wrote, so it is undone even if the run is cut short. firefox: our policy is in force in
// the running Firefox; firefoxFile: our policies.json is on disk (firefoxOriginal: what was there
// before, undefined for nothing); firefoxLock: we hold the lock.
const installed = { chromium: false /* or the file written */, chromiumDirs: null, firefox: false, firefoxFile: false, firefoxOriginal: undefined, firefoxLock: false };
function undoAll() {
  if (installed.chromium) removeChromiumFile(installed.chromium);
  if (installed.firefoxFile) restoreFirefoxFile();
  if (installed.firefoxLock) fs.rmSync(FIREFOX_LOCK, { force: true });
}
process.on('exit', undoAll);
// A run stopped from outside (timeout, Ctrl-C) must not leave a policy behind for the next one.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    undoAll();
    process.exit(code);
  });
}

const chromiumPolicyFile = (driver) => path.join(CHROMIUM_POLICY_DIR, `mycc-e2e-${new URL(driver.extensionOrigin).host}.json`);

/** Removes our policy file, and the folders we made for it if they are empty now. */
function removeChromiumFile(file) {
  fs.rmSync(file, { force: true });
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
  installed.firefoxFile = false;
}

/** Runs `fn` holding the machine-wide lock on Firefox's policies.json (a stale one, over 60 s old, is broken). */
async function withFirefoxLock(fn) {
  await waitUntil(() => {
    try {
      fs.writeFileSync(FIREFOX_LOCK, String(process.pid), { flag: 'wx' });
      return (installed.firefoxLock = true);
    } catch {
      const age = Date.now() - (fs.statSync(FIREFOX_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60000) fs.rmSync(FIREFOX_LOCK, { force: true });
      return false;
    }
  }, { what: `the lock ${FIREFOX_LOCK}`, timeout: 90000, interval: 200 });
  try {
    return await fn();
  } finally {
    fs.rmSync(FIREFOX_LOCK, { force: true });
    installed.firefoxLock = false;
  }
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

/**
 * What storage.managed holds for the extension now ({} when there is no policy), or null when it
 * did not answer within 2 s (seen in Chromium, about one run in two, right after a policy reload:
 * the read never settles, nor does any later one from that page; a new extension page answers).
 */
const managedPolicy = (driver) =>
  driver.extension(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    // Firefox rejects ("Managed storage manifest not found") when no policy names the extension.
    const read = Promise.resolve(api.storage.managed.get(null)).then((value) => value ?? {}, () => ({}));
    return Promise.race([read, new Promise((resolve) => setTimeout(() => resolve(null), 2000))]);
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
  installed.firefoxOriginal = fs.existsSync(FIREFOX_POLICY_FILE) ? fs.readFileSync(FIREFOX_POLICY_FILE, 'utf8') : undefined;
  const doc = installed.firefoxOriginal === undefined ? { policies: {} } : JSON.parse(installed.firefoxOriginal);
  doc.policies ??= {};
  doc.policies['3rdparty'] ??= {};
  doc.policies['3rdparty'].Extensions ??= {};
  doc.policies['3rdparty'].Extensions[GECKO_ID] = policy;
  installed.firefoxFile = true;
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
      fs.writeFileSync(chromiumPolicyFile(driver), JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }, null, 2));
      installed.chromium = chromiumPolicyFile(driver);
    } else {
      removeChromiumFile(chromiumPolicyFile(driver));
    }
    await reloadChromiumPolicies(driver);
  } else {
    // Firefox has read policies.json once the restart is done: then the file goes away again.
    await withFirefoxLock(async () => {
      if (policy) writeFirefoxFile(policy);
      try {
        await driver.restart();
      } finally {
        if (installed.firefoxFile) restoreFirefoxFile();
      }
    });
    installed.firefox = Boolean(policy);
  }
  const wanted = declared(policy);
  await waitUntil(async () => {
    const managed = await managedPolicy(driver);
    if (process.env.E2E_TRACE) console.log(`storage.managed: ${JSON.stringify(managed)}`);
    // A read that hangs keeps hanging in that page: ask from a new one.
    if (managed === null) await driver.freshExtensionPage?.();
    return isDeepStrictEqual(managed, wanted);
  }, {
    what: `storage.managed to be ${JSON.stringify(wanted)}`,
    timeout: 15000,
  });
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
