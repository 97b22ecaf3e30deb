import { mount } from 'svelte';
import App from './App.svelte';
import { FIRST, updated, pageText } from './model.js';

let model = FIRST;
const props = $state({ contacts: FIRST });
mount(App, { target: document.getElementById('app'), props });
window.fw = {
  update: () => {
    model = updated(model);
    props.contacts = model;
  },
  expectedText: () => pageText(model),
  model: () => model,
};
window.fwWhenMarked(FIRST.length).then(() => (window.fw.done = true));
