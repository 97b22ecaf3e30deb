import { render } from 'preact'; // JSX through preact/jsx-runtime (build.js)
import { FIRST, NOTE, updated, pageText } from './model.js';

// Client-rendered: a contact's VIP tag is a text sibling inserted after the number on update,
// where Preact anchors on the number's nextSibling.
const App = ({ contacts }) => (
  <div>
    <ul>
      {contacts.map((c) => (
        <li key={c.name}>
          <b>{c.name}</b>: <span class="phone">{c.phone}{c.vip && 'VIP'}</span>
        </li>
      ))}
    </ul>
    <p>{NOTE}</p>
  </div>
);

let model = FIRST;
const root = document.getElementById('app');
window.fw = {
  update: () => {
    model = updated(model);
    render(<App contacts={model} />, root);
  },
  expectedText: () => pageText(model),
  model: () => model,
};
render(<App contacts={model} />, root);
window.fwWhenMarked(FIRST.length).then(() => (window.fw.done = true));
