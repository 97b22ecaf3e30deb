'use strict';
// Builds the benchmark CRM table: `rows` rows, one to three phone numbers each, with dates,
// money and ids beside them. Deterministic, so every run measures the same page.
const MOBILE = ['32', '33', '34', '35', '36', '37', '38', '39', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '86', '88', '90', '91', '93', '94', '96', '97', '98'];

function table(rows) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const mobile = () => {
    const nsn = MOBILE[Math.floor(rand() * MOBILE.length)] + digits(7);
    return rand() < 0.5 ? `0${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}` : `+84 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
  };
  const landline = () => `(028) ${2 + Math.floor(rand() * 7)}${digits(3)} ${digits(4)}`;
  const body = [];
  let numbers = 0;
  for (let i = 0; i < rows; i++) {
    const count = 1 + Math.floor(rand() * 3);
    numbers += count;
    const phones = [mobile()];
    if (count > 1) phones.push(landline());
    const third = count > 2 ? `ĐT phụ ${mobile()}` : 'không có';
    body.push(
      `<tr><td>KH-${String(i).padStart(6, '0')}</td><td>Khách hàng số ${i}</td><td>${phones.join(' / ')}</td>` +
        `<td>${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2024 09:${String(i % 60).padStart(2, '0')}</td>` +
        `<td>${(i * 7919) % 999}.${digits(3)}.000 đ</td><td>DH${digits(10)}</td><td>${third}</td></tr>`,
    );
  }
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bench table</title>
<script src="/bench/probe.js"></script>
<style>body{font:14px system-ui;margin:0}td{padding:4px 8px;border-bottom:1px solid #ddd}</style></head>
<body><table id="t" data-numbers="${numbers}"><tbody>${body.join('\n')}</tbody></table></body></html>`;
  return { html, numbers };
}

module.exports = { table };
