import { LitElement, html } from 'lit';
import { FIRST, NOTE, updated, contactText } from './model.js';

// Shadow roots that appear late: <contact-card> hosts in the served HTML are defined only after
// the extension has scanned the page (an upgrade attaches their roots), one card is rendered
// inside another component's shadow root, and one host is inserted as the added node itself.
class ContactCard extends LitElement {
  static properties = { name: {}, phone: {}, vip: { type: Boolean } };
  render() {
    return html`<p><b>${this.name}</b>: <span class="phone">${this.phone}${this.vip ? 'VIP' : ''}</span></p>`;
  }
}

class ContactGroup extends LitElement {
  static properties = { contact: { attribute: false } };
  render() {
    const c = this.contact;
    return html`<contact-card .name=${c.name} .phone=${c.phone} .vip=${c.vip}></contact-card>`;
  }
}

let model = FIRST;
const cards = () => [
  ...document.querySelectorAll('#app > contact-card'),
  document.querySelector('#app > contact-group')?.shadowRoot?.querySelector('contact-card'),
  ...document.querySelectorAll('#inserted > contact-card'),
].filter(Boolean);

window.fw = {
  update: () => {
    model = updated(model);
    const [a, b] = cards();
    a.phone = model[0].phone;
    b.vip = true; // the group's card: set on the inner element, as its owner would
    const added = document.createElement('contact-card');
    Object.assign(added, model[4]);
    document.getElementById('inserted').append(added);
  },
  // What the shadow roots read, in model order.
  renderedText: () => cards().map((card) => card.shadowRoot.textContent).join('') + document.getElementById('note').textContent,
  expectedText: () => model.map(contactText).join('') + NOTE,
  model: () => model,
};

// The light DOM holds one number (the note has none): wait until the extension has been
// through the page, then define the components.
window.fwWhenMarked(1).then(async () => {
  customElements.define('contact-card', ContactCard);
  customElements.define('contact-group', ContactGroup);
  const group = document.querySelector('#app > contact-group');
  group.contact = model[1];
  // Two hosts inserted directly, each as the added node itself.
  for (const c of model.slice(2)) {
    const card = document.createElement('contact-card');
    Object.assign(card, c);
    document.getElementById('inserted').append(card);
  }
  await Promise.all(cards().map((card) => card.updateComplete));
  await group.updateComplete;
  await Promise.all(cards().map((card) => card.updateComplete));
  window.fw.done = true;
});
