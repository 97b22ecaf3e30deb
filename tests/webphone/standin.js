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

  function register() {
    post({ type: 'OnRegistered', data: {} });
    status.textContent = 'Đã đăng ký (OnRegistered)';
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
  const registerOnce = () => {
    if (registered) return;
    registered = true;
    register();
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
      register();
    }
    else if (command.action === 'raw') post(command.message);
    else if (command.action === 'reload') {
      // The WebPhone reloads itself, as a real one does after a crash or an update; with
      // registerAfter it comes back as that kind of WebPhone ("never": one that stays logged out).
      const url = new URL(location.href);
      if (command.registerAfter != null) url.searchParams.set('registerAfter', String(command.registerAfter));
      location.replace(url.href);
    }
  };
})();
