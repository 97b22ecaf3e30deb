#!/usr/bin/env node
// Loopback server for the demo and the end-to-end tests. Two origins on two sites:
//   CRM origin      : http://127.0.0.1:PORT, the demo CRM (/), the test pages (/pages/*), the
//                     screen-pop target (/search)
//   second CRM      : http://127.0.0.3:PORT, the same pages on another site (a CRM of IT's policy
//                     beside the agent's own, in tests)
//   WebPhone origin : http://127.0.0.2:PORT, the WebPhone stand-in (/webphone) and its control
//                     channel (/control/*) (an address of its own, not "localhost", whose
//                     name the browsers may try on ::1 first)
//   the same stand-in over https (start({ tls: true })): https://127.0.0.2:PORT2, with a
//                     certificate from tests/tls.js, as a real WebPhone in a CRM's frame is served
// The stand-in asks for a real login when its address says `?login=1` (a form, then a session
// cookie `SameSite=None; Secure; HttpOnly` that lasts 30 days; `&partitioned=1` adds
// `Partitioned`): without it, it registers at once, as every other test expects.
// A real WebPhone is on another site than the CRM, so Chromium runs it in its own renderer. On
// the CRM's site it would share the CRM's renderer, and its start alone costs the CRM page a
// full restyle and relayout (a "fonts changed" invalidation: 0.7 s on the 5,000-row table).
// The stand-in speaks the vendor guide's protocol; tests drive it through /control/send
// (relayed to the page over server-sent events) and read what it received at /control/received.
'use strict';
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const here = __dirname;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function file(res, p, headers = {}) {
  fs.readFile(p, (err, body) => {
    if (err) return send(res, 404, 'not found');
    res.writeHead(200, { 'content-type': TYPES[path.extname(p)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers });
    res.end(body);
  });
}

function send(res, status, body, type = 'text/plain; charset=utf-8', headers = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(data || '{}'));
      } catch {
        resolve(null);
      }
    });
  });
}

// Strict CSP for the page that must still work: no inline script, no wasm.
const STRICT_CSP = { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'" };

// A page that arrives in two parts, 1.5 s apart, as a slow CRM's does: the extension marks the
// first part while the page loads. A number is cut between the parts (the parser appends the
// rest to the same text node), and a script in the second part fills a place in the first.
// Before the second part, a script notes what was marked by then.
function streamed(res) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.write(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trang tải chậm</title></head><body>
<p id="early">Gọi 0982 861 121 ngay</p>
<div id="behind">(chưa có)</div>
${'<p>Ghi chú không có số.</p>'.repeat(50)}
<table><tr><td>Khách A</td><td id="row">0912 345 678</td></tr></table>
<p id="cut">Miễn phí 1800 5454`);
  setTimeout(() => {
    res.end(` 54 nhé</p>
<script>window.markedWhileLoading = [...(CSS.highlights.get('mycc-phone') ?? [])].filter((r) => ['early', 'row'].includes(r.startContainer.parentElement?.id)).length;
document.getElementById('behind').textContent = 'Tổng đài 1900 54 54 54';</script>
<p id="late">Hotline (028) 3823 4567</p>
</body></html>`);
  }, 1500);
}

// The benchmark table arriving slowly: its rows in `chunks` parts, `gap` ms apart, as a CRM
// that streams a big result set.
function streamedTable(res, url) {
  const rows = Math.min(Number(url.searchParams.get('rows') ?? 5000), 20000);
  const chunks = Math.max(1, Number(url.searchParams.get('chunks') ?? 20));
  const gap = Number(url.searchParams.get('gap') ?? 100);
  const lines = require('./bench/table.js').table(rows).html.split('\n');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  const per = Math.ceil(lines.length / chunks);
  let at = 0;
  const next = () => {
    const part = lines.slice(at, at + per).join('\n');
    at += per;
    if (at >= lines.length) return res.end(part);
    res.write(`${part}\n`);
    setTimeout(next, gap);
  };
  next();
}

// The vendor guide's FULL EXAMPLE CODE, byte for byte, but for its WebPhone address, which points
// at this server's stand-in (the guide's example loads it from localhost:9999).
function guideExample(res, webphoneUrl) {
  const page = fs.readFileSync(path.join(here, 'fixtures', 'guide-example.html'), 'utf8');
  send(res, 200, page.replace('http://localhost:9999', webphoneUrl), 'text/html; charset=utf-8');
}

function crmHandler(req, res, webphoneUrl) {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/pages/guide-example') return guideExample(res, webphoneUrl);
  if (url.pathname === '/' || url.pathname === '/index.html') return file(res, path.join(here, 'demo', 'crm.html'));
  if (url.pathname === '/search') return file(res, path.join(here, 'demo', 'search.html'));
  if (url.pathname.startsWith('/demo/')) return file(res, path.join(here, 'demo', path.basename(url.pathname)));
  if (url.pathname === '/bench/virtual') return send(res, 200, require('./bench/virtual.js').virtual(Number(url.searchParams.get('rows') ?? 5000)).html, 'text/html; charset=utf-8');
  if (url.pathname === '/bench/stream') return streamedTable(res, url);
  if (url.pathname === '/bench/table') {
    const rows = Math.min(Number(url.searchParams.get('rows') ?? 5000), 20000);
    // `csp=strict`: the strict page (`script-src 'self'`), where Chromium refuses the content
    // script's wasm and the background detects.
    const headers = url.searchParams.get('csp') === 'strict' ? { 'content-security-policy': "script-src 'self'" } : {};
    const shape = ['implicit', 'grid'].includes(url.searchParams.get('shape')) ? url.searchParams.get('shape') : 'table';
    return send(res, 200, require('./bench/table.js').table(rows, shape).html, 'text/html; charset=utf-8', headers);
  }
  if (url.pathname === '/bench/probe.js') return file(res, path.join(here, 'bench', 'probe.js'));
  // A page that is not a CRM (scripts/bench offsite): its ads from the origin `ads=` names.
  if (url.pathname === '/bench/news') return send(res, 200, require('./bench/news.js').news(url.searchParams.get('ads') ?? ''), 'text/html; charset=utf-8');
  if (url.pathname === '/bench/ad') return send(res, 200, require('./bench/news.js').ad(Number(url.searchParams.get('n') ?? 0)), 'text/html; charset=utf-8');
  if (url.pathname === '/pages/streamed') return streamed(res);
  // The deferred script of late-dcl.html, 1.5 s late: the page is parsed, DOMContentLoaded waits.
  if (url.pathname === '/pages/late-dcl.js') return setTimeout(() => file(res, path.join(here, 'pages', 'late-dcl.js')), 1500);
  // The framework pages, built from the real packages by tests/frameworks/build.js.
  if (url.pathname.startsWith('/frameworks/')) return file(res, path.join(here, 'frameworks', '.built', path.basename(url.pathname)));
  if (url.pathname.startsWith('/pages/')) {
    const name = path.basename(url.pathname);
    const fileName = path.extname(name) ? name : `${name}.html`;
    const headers = fileName.startsWith('strict-csp') ? STRICT_CSP : {};
    return file(res, path.join(here, 'pages', fileName), headers);
  }
  send(res, 404, 'not found');
}

// The stand-in's one agent account (login mode).
const STANDIN_LOGIN = { user: 'agent01', password: 'mycc-e2e-secret' };
const SESSION_SECONDS = 30 * 24 * 3600;

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every value of the cookie `name` the request carries (a browser may send two of one name). */
function cookieValues(req, name) {
  return (req.headers.cookie ?? '').split(';').map((part) => part.trim().split('=')).filter(([n]) => n === name).map(([, v]) => v ?? '');
}

function readForm(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(new URLSearchParams(data)));
  });
}

function webphoneServer() {
  const clients = new Set();
  // Login mode: the sessions this server gave out (token -> user), and what it served: the form
  // shown in a frame or tab (`formShown`, not the dock's reachability fetch), logins that
  // succeeded, refused, and the phone served to a signed-in agent.
  const sessions = new Map();
  let login = { formShown: 0, logins: 0, refused: 0, phoneShown: 0 };
  const sessionOf = (req) => cookieValues(req, 'session').map((token) => sessions.get(token)).find(Boolean) ?? null;
  const loginForm = (req, res, next, error = '', status = 200) => {
    if (['iframe', 'document', 'frame', undefined].includes(req.headers['sec-fetch-dest'])) login.formShown++;
    const page = fs.readFileSync(path.join(here, 'webphone', 'login.html'), 'utf8')
      .replace('{{next}}', escapeHtml(next))
      .replace('{{error}}', escapeHtml(error));
    send(res, status, page, 'text/html; charset=utf-8');
  };
  let received = [];
  let loads = 0; // how often the stand-in page was loaded (reloads, retries)
  const loadUrls = []; // the address of each load (path and query)
  // /control/fail?status=500: the stand-in page answers with that status (a WebPhone server
  // down); status=0 serves it again.
  let failStatus = 0;
  const handler = async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/webphone' || url.pathname === '/webphone/') {
      loads++;
      loadUrls.push(req.url);
      if (failStatus) return send(res, failStatus, '<!doctype html><title>Server error</title><p>The WebPhone server failed.</p>', 'text/html; charset=utf-8');
      if (url.searchParams.get('login') === '1') {
        if (!sessionOf(req)) return loginForm(req, res, req.url);
        login.phoneShown++;
      }
      return file(res, path.join(here, 'webphone', 'index.html'));
    }
    if (url.pathname === '/webphone/login' && req.method === 'POST') {
      const form = await readForm(req);
      const next = (form.get('next') ?? '').startsWith('/webphone') ? form.get('next') : '/webphone?login=1';
      if (form.get('user') !== STANDIN_LOGIN.user || form.get('password') !== STANDIN_LOGIN.password) {
        login.refused++;
        return loginForm(req, res, next, 'Wrong user name or password.', 401);
      }
      const token = crypto.randomBytes(24).toString('base64url');
      sessions.set(token, { user: STANDIN_LOGIN.user });
      login.logins++;
      // `&partitioned=1` in the WebPhone's address: a cookie with CHIPS' `Partitioned` attribute,
      // which a browser that blocks third-party cookies may still keep, per top-level site.
      const partitioned = new URL(next, 'https://x').searchParams.get('partitioned') === '1' ? '; Partitioned' : '';
      res.writeHead(303, {
        location: next,
        'cache-control': 'no-store',
        'set-cookie': `session=${token}; Max-Age=${SESSION_SECONDS}; Path=/; Secure; HttpOnly; SameSite=None${partitioned}`,
      });
      return res.end();
    }
    // The phone asks who is signed in before it registers (login mode).
    if (url.pathname === '/webphone/session') {
      const session = sessionOf(req);
      return session ? send(res, 200, session, 'application/json') : send(res, 401, { error: 'not signed in' }, 'application/json');
    }
    // GET: the login counts and how many sessions are open; DELETE: every session ends and the
    // counts start again (each test that logs in starts logged out, whatever cookie the browser kept).
    if (url.pathname === '/control/login') {
      if (req.method === 'DELETE') {
        sessions.clear();
        login = { formShown: 0, logins: 0, refused: 0, phoneShown: 0 };
      }
      return send(res, 200, { ...login, sessions: sessions.size }, 'application/json');
    }
    if (url.pathname === '/control/fail') {
      const status = Number(url.searchParams.get('status') ?? 0);
      failStatus = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 0;
      return send(res, 200, { failStatus }, 'application/json');
    }
    if (url.pathname === '/control/loads') return send(res, 200, { loads, urls: loadUrls }, 'application/json');
    if (url.pathname === '/webphone/standin.js') return file(res, path.join(here, 'webphone', 'standin.js'));
    if (url.pathname === '/fixtures/guide-payloads.json') return file(res, path.join(here, 'fixtures', 'guide-payloads.json'));
    if (url.pathname === '/control/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url.pathname === '/control/send' && req.method === 'POST') {
      const command = await readBody(req);
      if (!command) return send(res, 400, 'bad json');
      for (const c of clients) c.write(`data: ${JSON.stringify(command)}\n\n`);
      return send(res, 200, { delivered: clients.size }, 'application/json');
    }
    if (url.pathname === '/control/received') {
      if (req.method === 'POST') {
        const entry = await readBody(req);
        if (entry) received.push(entry);
        return send(res, 204, '');
      }
      if (req.method === 'DELETE') {
        received = [];
        return send(res, 204, '');
      }
      return send(res, 200, received, 'application/json');
    }
    if (url.pathname === '/control/clients') return send(res, 200, { clients: clients.size }, 'application/json');
    send(res, 404, 'not found');
  };
  return { handler, closeAll: () => clients.forEach((c) => c.end()) };
}

function listen(handler, port, host, tlsOptions = null) {
  return new Promise((resolve, reject) => {
    const server = tlsOptions ? https.createServer(tlsOptions, handler) : http.createServer(handler);
    server.on('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Starts the servers. `tls`: the stand-in over https too (same state: one control channel, one
 * login), with a fresh CA whose file (`tls.caFile`) and server key hash (`tls.spki`) the drivers
 * use to trust it.
 */
async function start({ crmPort = 0, webphonePort = 0, tls = false } = {}) {
  const wp = webphoneServer();
  const phone = await listen(wp.handler, webphonePort, '127.0.0.2');
  const webphoneOrigin = `http://127.0.0.2:${phone.address().port}`;
  const certificates = tls ? require('./tls.js').makeCertificates('127.0.0.2') : null;
  const securePhone = certificates ? await listen(wp.handler, 0, '127.0.0.2', { key: certificates.key, cert: certificates.cert }) : null;
  const pages = (req, res) => crmHandler(req, res, `${webphoneOrigin}/webphone`);
  const crm = await listen(pages, crmPort, '127.0.0.1');
  const crm2 = await listen(pages, crm.address().port, '127.0.0.3').catch(() => listen(pages, 0, '127.0.0.3'));
  const crmOrigin = `http://127.0.0.1:${crm.address().port}`;
  return {
    crmOrigin,
    crm2Origin: `http://127.0.0.3:${crm2.address().port}`,
    webphoneOrigin,
    webphoneUrl: `${webphoneOrigin}/webphone`,
    webphoneTlsOrigin: securePhone ? `https://127.0.0.2:${securePhone.address().port}` : null,
    tls: certificates ? { caFile: certificates.caFile, spki: certificates.spki } : null,
    close: () => {
      wp.closeAll();
      crm.closeAllConnections?.();
      crm2.closeAllConnections?.();
      phone.closeAllConnections?.();
      crm.close();
      crm2.close();
      phone.close();
      securePhone?.closeAllConnections?.();
      securePhone?.close();
      certificates?.remove();
    },
  };
}

module.exports = { start, STANDIN_LOGIN };

if (require.main === module) {
  const crmPort = Number(process.env.CRM_PORT ?? 8080);
  const webphonePort = Number(process.env.WEBPHONE_PORT ?? 9999);
  start({ crmPort, webphonePort }).then((s) => {
    console.log(`demo CRM:           ${s.crmOrigin}/`);
    console.log(`WebPhone stand-in:  ${s.webphoneUrl}`);
  });
}
