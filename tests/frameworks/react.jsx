import { useState } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { FIRST, NOTE, updated, pageText } from './model.js';

export function App({ initial, onReady }) {
  const [contacts, setContacts] = useState(initial);
  if (onReady) onReady(() => setContacts(updated), () => contacts);
  return (
    <div>
      <ul>
        {contacts.map((c) => (
          <li key={c.name}>
            <b>{c.name}</b>: <span className="phone">{c.phone}{c.vip && 'VIP'}</span>
          </li>
        ))}
      </ul>
      <p>{NOTE}</p>
    </div>
  );
}

if (typeof window !== 'undefined') {
  let update = () => undefined;
  let model = FIRST;
  window.fw = {
    update: () => {
      model = updated(model);
      update();
    },
    expectedText: () => pageText(model),
    model: () => model,
  };
  window.fwWhenMarked(FIRST.length).then(() => {
    hydrateRoot(document.getElementById('app'), <App initial={FIRST} onReady={(u) => (update = u)} />, {
      onRecoverableError: (error) => window.fwConsole.push(`recoverable: ${error.message}`),
    });
    requestAnimationFrame(() => (window.fw.done = true));
  });
}
