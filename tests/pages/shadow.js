'use strict';
// A Lightning-style web component with an open shadow root, plus a same-origin iframe.
class ContactCard extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.id = 'phone';
    p.textContent = 'Điện thoại: 0982 861 121';
    root.append(p);
  }
}
customElements.define('contact-card', ContactCard);
