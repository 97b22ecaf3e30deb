import { createSSRApp, h, reactive } from 'vue';
import { FIRST, NOTE, updated, pageText } from './model.js';

export function makeApp(initial) {
  const state = reactive({ contacts: initial });
  const app = createSSRApp({
    render: () =>
      h('div', [
        h('ul', state.contacts.map((c) => h('li', { key: c.name }, [h('b', c.name), ': ', h('span', { class: 'phone' }, [c.phone, c.vip ? 'VIP' : null])]))),
        h('p', NOTE),
      ]),
  });
  return { app, state };
}

if (typeof window !== 'undefined') {
  let model = FIRST;
  const { app, state } = makeApp(FIRST);
  window.fw = {
    update: () => {
      model = updated(model);
      state.contacts = model;
    },
    expectedText: () => pageText(model),
    model: () => model,
  };
  window.fwWhenMarked(FIRST.length).then(() => {
    app.config.errorHandler = (error) => window.fwConsole.push(`vue error: ${error.message}`);
    app.config.warnHandler = (message) => window.fwConsole.push(`vue warn: ${message}`);
    app.mount('#app');
    requestAnimationFrame(() => (window.fw.done = true));
  });
}
