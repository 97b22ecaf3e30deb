'use strict';
// A page that is not a CRM, as agents open all day: a news front page with articles and 12
// ad-style iframes (each with a little script of its own). Deterministic. The in-page probe
// (`offsiteProbe`) sums how long the main thread was busy from the start of parsing to 300 ms
// after load (gaps of a ping loop over MessageChannel, beyond 1 ms), a measure both browsers give.
function news(adBase) {
  const words = 'thị trường giá vàng hôm nay tăng nhẹ trong phiên sáng khi nhà đầu tư chờ số liệu lạm phát mới của Mỹ'.split(' ');
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  const articles = Array.from({ length: 60 }, (_, i) => `<article><h2>${sentence(8)}</h2><p>${sentence(60)}</p><p>${sentence(40)}${i % 10 === 0 ? ' Đường dây nóng 1900 1234.' : ''}</p></article>`);
  const ads = Array.from({ length: 12 }, (_, i) => `<iframe title="ad ${i}" width="300" height="100" src="${adBase}/bench/ad?n=${i}"></iframe>`);
  const body = [];
  for (let i = 0; i < articles.length; i++) {
    body.push(articles[i]);
    if (i % 5 === 4 && ads.length) body.push(ads.shift());
  }
  body.push(...ads);
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tin tức</title>
<script>
window.offsiteProbe = { busyMs: 0, done: false };
(() => {
  const channel = new MessageChannel();
  let last = performance.now();
  let loadedAt = null;
  addEventListener('load', () => (loadedAt = performance.now()));
  channel.port1.onmessage = () => {
    const now = performance.now();
    if (now - last > 1) window.offsiteProbe.busyMs += now - last - 1;
    last = now;
    if (loadedAt != null && now > loadedAt + 300) {
      const nav = performance.getEntriesByType('navigation')[0];
      Object.assign(window.offsiteProbe, { done: true, dcl: nav.domContentLoadedEventStart, load: nav.loadEventStart, frames: window.frames.length });
      return;
    }
    channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
})();
</script>
<style>article { max-width: 60em; } iframe { display: block; border: 1px solid #ccc; }</style></head>
<body><h1>Tin tức trong ngày</h1>
${body.join('\n')}
</body></html>`;
}

/** One ad: a box with text and a script that builds a few nodes, as ad tags do. */
function ad(n) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>ad</title></head><body style="margin:0;font:14px sans-serif">
<div id="ad">Quảng cáo ${n}</div>
<script>
const box = document.getElementById('ad');
for (let i = 0; i < 50; i++) { const s = document.createElement('span'); s.textContent = ' ưu đãi ' + i; box.append(s); }
</script></body></html>`;
}

module.exports = { news, ad };
