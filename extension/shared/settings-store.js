'use strict';
// Reading and writing the agent's own settings document in storage.sync, for the background and
// the options page. How the document is laid out (one item, or parts when it needs more than
// storage.sync's 8 KB per item) is the core's: `settingsToSync` and `settingsFromSync`. What is
// decided here: a write is refused when the document changed since the writer read it (a second
// options tab saved meanwhile: writing would silently undo that), and a browser's refusal comes
// back as an error value, never thrown.

(function (root) {
  /** `{user, json, problem}`: the agent's document, its JSON (to compare later), a problem reading it. */
  async function read(api, core) {
    const all = await api.storage.sync.get(null);
    const { user, problem } = JSON.parse(core.settingsFromSync(JSON.stringify(all)));
    return { user, json: JSON.stringify(user), problem };
  }

  const failure = (code, args, message) => ({ ok: false, error: { field: '', code, args, message } });

  /**
   * Writes `user` (a document the core made) unless the stored one is no longer `expectedJson`
   * (what the writer read). `{ok:true}` or `{ok:false, error}` in the core's error shape.
   */
  async function write(api, core, user, expectedJson) {
    const all = await api.storage.sync.get(null);
    const current = JSON.parse(core.settingsFromSync(JSON.stringify(all))).user;
    if (expectedJson !== undefined && JSON.stringify(current) !== expectedJson) {
      return failure('changedElsewhere', [], 'the settings were changed in another window');
    }
    const plan = JSON.parse(core.settingsToSync(JSON.stringify(user), JSON.stringify(Object.keys(all))));
    if (!plan.ok) return plan;
    try {
      await api.storage.sync.set(plan.items);
      if (plan.remove.length) await api.storage.sync.remove(plan.remove);
    } catch (error) {
      const reason = String(error?.message ?? error);
      return failure('storageRefused', [reason], reason);
    }
    return { ok: true };
  }

  const store = Object.freeze({ read, write });
  root.myccSettingsStore = store;
  if (typeof module === 'object' && module.exports) module.exports = store;
})(globalThis);
