'use strict';
// A local stand-in for the myCC WebPhone that speaks the vendor guide's protocol exactly:
// it posts {type, data} events to window.parent (with target "*", as the guide's host
// example expects) and takes {type: "OutboundCallRequest", data: {target}} requests.
// The six documented payloads are replayed verbatim from the guide (the same fixture the
// Rust tests read); "OnCallEnd" is our assumption: the guide says "Call End" but names no type.
(async () => {
  const status = document.getElementById('status');
  const numberInput = document.getElementById('number');
  const receivedList = document.getElementById('received');
  const payloads = await (await fetch('/fixtures/guide-payloads.json')).json();
  const LABELS = {
    'queue-ringing': 'Hàng đợi: đổ chuông', 'queue-answered': 'Hàng đợi: trả lời',
    'direct-ringing': 'Gọi thẳng: đổ chuông', 'direct-answered': 'Gọi thẳng: trả lời',
    'outbound-ringing': 'Gọi ra: đổ chuông', 'outbound-answered': 'Gọi ra: trả lời',
  };
  let lastCall = null;

  function post(message) {
    window.parent.postMessage(message, '*');
  }

  /** The documented payload, with the customer's number replaced where the agent typed one. */
  function payload(name, number) {
    const message = structuredClone(payloads[name]);
    if (number) {
      if (name.startsWith('outbound')) {
        const sip = `${number}@acc01.mycc.vn`;
        message.data.request = sip;
        message.data.state.request = sip;
        if (message.data.calleeIdNumber) message.data.calleeIdNumber = number;
      } else {
        message.data.callerIdNumber = number;
      }
    }
    return message;
  }

  function replay(name, number) {
    if (!payloads[name]) return;
    const message = payload(name, number);
    lastCall = message.data;
    post(message);
    status.textContent = `Đã gửi ${message.type} (${name})`;
  }

  function endCall() {
    const data = lastCall ? { interactionID: lastCall.interactionID, callId: lastCall.callId, accountId: lastCall.accountId, ownerId: lastCall.ownerId } : {};
    post({ type: 'OnCallEnd', data });
    status.textContent = 'Đã gửi OnCallEnd';
  }

  // Login mode (?login=1): the server served this page only to a signed-in agent; like a real
  // WebPhone, it asks who that is before it registers, and never registers without a session.
  const loginMode = new URLSearchParams(location.search).get('login') === '1';
  const signedIn = loginMode
    ? fetch('/webphone/session', { cache: 'no-store' }).then((r) => (r.ok ? r.json() : null), () => null)
    : Promise.resolve({});

  async function register() {
    const session = await signedIn;
    if (!session) {
      status.textContent = 'Chưa đăng nhập: không đăng ký';
      return;
    }
    post({ type: 'OnRegistered', data: {} });
    status.textContent = loginMode ? `Đã đăng ký (OnRegistered) as ${session.user}` : 'Đã đăng ký (OnRegistered)';
  }

  const grid = document.getElementById('scenarios');
  for (const name of Object.keys(payloads)) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = LABELS[name] ?? name;
    button.addEventListener('click', () => replay(name, numberInput.value.trim()));
    grid.append(button);
  }
  const end = document.createElement('button');
  end.type = 'button';
  end.textContent = 'Kết thúc cuộc gọi';
  end.addEventListener('click', endCall);
  grid.append(end);

  /** A note in the received list (not a message from the parent): {type: 'e2e:note', data}. */
  function note(data) {
    return fetch('/control/received', { method: 'POST', body: JSON.stringify({ origin: location.origin, message: { type: 'e2e:note', data } }) });
  }

  // Junk a broken or hostile WebPhone could post: ~20 kinds that are not the protocol's events
  // (non-objects, no type, a type that is not text, a long type, huge data, unknown types,
  // event types with a payload of the wrong shape). None is a valid event.
  const HUGE = 'x'.repeat(70 * 1024);
  const deep = (depth) => {
    let value = { leaf: true };
    for (let i = 0; i < depth; i++) value = { type: 'OnCallRinging', data: value };
    return value;
  };
  const JUNK = [
    () => null,
    () => 42,
    () => 'OnCallRinging',
    () => true,
    () => [1, 2, 3],
    () => ({}),
    () => ({ data: { callerIdNumber: '0982861121' } }),
    () => ({ type: 123, data: {} }),
    () => ({ type: null, data: {} }),
    () => ({ type: 'T'.repeat(5000), data: {} }),
    () => ({ type: 'e2e:unknown', data: { pad: HUGE } }),
    (i) => ({ type: `e2e:unknown-${i}`, data: { i } }),
    () => ({ type: 'SomethingElse', data: null }),
    () => ({ type: '', data: {} }),
    () => ({ type: '__proto__', data: {} }),
    () => ({ type: 'OnCallRinging', data: 'not an object' }),
    () => ({ type: 'OnCallAnswer', data: [1, 2] }),
    () => ({ type: 'OnCallRinging', data: { callerIdNumber: HUGE } }),
    () => deep(300),
    () => new Map([['type', 'OnCallRinging']]),
  ];

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const item = document.createElement('li');
    item.textContent = `${JSON.stringify(event.data)} từ ${event.origin}`;
    receivedList.append(item);
    fetch('/control/received', { method: 'POST', body: JSON.stringify({ origin: event.origin, message: event.data }) });
    if (event.data?.type === 'OutboundCallRequest') status.textContent = `Đang gọi ${event.data.data?.target}`;
  });

  // Scriptable control for tests and the demo: commands arrive over server-sent events.
  const control = new EventSource('/control/stream');
  // Register once the control channel is up, so a test never commands a stand-in that can't
  // hear it yet; without a control channel (opened by hand), register anyway after 2 s.
  let registered = false;
  // ?e2eNote=TEXT: a note in the received list just before registering by itself, so a test can
  // tell what came before that registration from what came after (as the register command's note).
  const selfNote = new URLSearchParams(location.search).get('e2eNote');
  const registerOnce = async () => {
    if (registered) return;
    registered = true;
    if (selfNote) await note(selfNote);
    await register();
  };
  // ?registerAfter=MS plays a WebPhone that takes that long to log in; "never", one that is
  // down or logged out.
  const registerParam = new URLSearchParams(location.search).get('registerAfter');
  if (registerParam === 'never') {
    status.textContent = 'Không đăng ký (mô phỏng WebPhone lỗi)';
  } else {
    const registerAfter = Number(registerParam ?? 0);
    control.onopen = () => setTimeout(registerOnce, registerAfter);
    setTimeout(registerOnce, Math.max(2000, registerAfter));
  }
  control.onmessage = async (event) => {
    const command = JSON.parse(event.data);
    if (command.action === 'replay') replay(command.scenario, command.number);
    else if (command.action === 'end') endCall();
    else if (command.action === 'register') {
      // {note}: put a note in the received list first, so a test can tell what came before the
      // registration from what came after.
      if (command.note) await fetch('/control/received', { method: 'POST', body: JSON.stringify({ origin: location.origin, message: { type: 'e2e:note', data: command.note } }) });
      await register();
    }
    else if (command.action === 'raw') post(command.message);
    else if (command.action === 'flood') {
      // {count, then}: `count` junk messages as fast as possible, then the real message `then`
      // at once; a note in the received list says when `then` was posted (thenAt, ms since epoch)
      // and how long the flood took.
      const started = Date.now();
      for (let i = 0; i < command.count; i++) post(JUNK[i % JUNK.length](i));
      const thenAt = Date.now();
      if (command.then) post(command.then);
      status.textContent = `Đã gửi ${command.count} tin rác`;
      await note({ flooded: command.count, floodMs: thenAt - started, thenAt });
    } else if (command.action === 'big') {
      // {count, chars, message}: `message` posted `count` times, each with a field of `chars`
      // characters added to its data (data.e2ePad).
      for (let i = 0; i < command.count; i++) {
        const message = structuredClone(command.message);
        message.data = { ...(message.data ?? {}), e2ePad: 'p'.repeat(command.chars) };
        post(message);
      }
      await note({ big: command.count, chars: command.chars });
    }
    else if (command.action === 'reload') {
      // The WebPhone reloads itself, as a real one does after a crash or an update; with
      // registerAfter it comes back as that kind of WebPhone ("never": one that stays logged out).
      // With note, it notes that text in the received list before it registers by itself.
      const url = new URL(location.href);
      if (command.registerAfter != null) url.searchParams.set('registerAfter', String(command.registerAfter));
      if (command.note != null) url.searchParams.set('e2eNote', String(command.note));
      location.replace(url.href);
    }
  };
})();
