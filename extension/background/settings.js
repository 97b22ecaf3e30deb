'use strict';
// The settings in force: the agent's own document (storage.sync, only what the agent changed)
// under IT's managed policy (storage.managed: Chrome policy, Firefox policies.json). The Rust
// core lays one over the other; a bad policy or a bad document never stops the extension.
// Chrome's first storage.managed read after the worker starts can take seconds, and every page
// waits for the settings: so the last policy seen is used at once and the policy is read again
// behind it; when it differs, everyone who listens is told.

const settingsSession = sessionSlice({ managedPolicy: null });
const settingsListeners = [];
let inForceCache = null; // the settings in force, until storage.sync or the policy changes
let managedSeen = null;
let managedRefresh = null;

/** Registers `listener()`, called after the settings in force may have changed. */
function onSettingsChanged(listener) {
  settingsListeners.push(listener);
}

function settingsChanged() {
  inForceCache = null;
  for (const listener of settingsListeners) Promise.resolve().then(listener).catch((error) => console.error('myCC Connect:', error));
}

async function readManaged() {
  if (managedSeen == null) managedSeen = (await settingsSession.get()).managedPolicy ?? {};
  managedRefresh ??= Promise.resolve(api.storage.managed?.get(null))
    .then((value) => value ?? {}, () => ({}))
    .then(async (value) => {
      const changed = JSON.stringify(value) !== JSON.stringify(managedSeen);
      managedSeen = value;
      if (changed) {
        await settingsSession.set({ managedPolicy: value });
        settingsChanged();
      }
    })
    .finally(() => (managedRefresh = null));
  return managedSeen;
}

/** The agent's own document as stored, and IT's policy, as JSON text for the core. */
async function settingsSources() {
  const [stored, managed] = await Promise.all([core.then((wasm) => myccSettingsStore.read(api, wasm)), readManaged()]);
  if (stored.problem) console.warn('myCC Connect: the stored settings are incomplete:', stored.problem.message);
  return { user: stored.json, managed: JSON.stringify(managed) };
}

/**
 * `{settings, locked, webphoneOrigin, json}`: the settings in force (see the core's
 * settingsInForce). Kept until they change: every WebPhone event and every hello needs them.
 */
function loadSettings() {
  inForceCache ??= readSettingsInForce().catch((error) => {
    inForceCache = null;
    throw error;
  });
  return inForceCache;
}

async function readSettingsInForce() {
  const [wasm, sources] = await Promise.all([core, settingsSources()]);
  const inForce = JSON.parse(wasm.settingsInForce(sources.user, sources.managed));
  for (const problem of inForce.problems) {
    console.warn(`myCC Connect: the ${problem.source === 'policy' ? 'managed policy' : 'stored settings'} had a problem and was set aside:`, problem.error.field, problem.error.message);
  }
  return { ...inForce, json: JSON.stringify(inForce.settings) };
}

/** Writes an agent document the core made from `expectedJson`; a refusal comes back as a value. */
async function storeAgentDocument(user, expectedJson) {
  return myccSettingsStore.write(api, await core, user, expectedJson);
}

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed') readManaged(); // IT changed the policy: read it again, and tell if it differs
  else if (area === 'sync') settingsChanged(); // storage.sync holds only the agent's settings
  else if (area === 'session' && changes.managedPolicy) inForceCache = null;
});
