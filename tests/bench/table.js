'use strict';
// Builds the benchmark CRM table: `rows` rows, one to three phone numbers each, with dates,
// money and ids beside them. Deterministic, so every run measures the same page.
const MOBILE = ['32', '33', '34', '35', '36', '37', '38', '39', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '86', '88', '90', '91', '93', '94', '96', '97', '98'];

/**
 * `shape`: 'table' (rows in a <tbody>), 'implicit' (rows written straight into <table>: the
 * parser adds the tbody) or 'grid' (a div-based grid with ARIA roles, as many CRMs render).
 * Each row says how many numbers the table holds up to it (`data-upto`), so the probe can tell
 * when the rows on screen are marked without walking them.
 */
function table(rows, shape = 'table') {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const mobile = () => {
    const nsn = MOBILE[Math.floor(rand() * MOBILE.length)] + digits(7);
    return rand() < 0.5 ? `0${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}` : `+84 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
  };
  const landline = () => `(028) ${2 + Math.floor(rand() * 7)}${digits(3)} ${digits(4)}`;
  const grid = shape === 'grid';
  const [tr, td] = grid ? ['div role="row" class="r"', 'div role="gridcell"'] : ['tr', 'td'];
  const [trEnd, tdEnd] = grid ? ['</div>', '</div>'] : ['</tr>', '</td>'];
  const cell = (text) => `<${td}>${text}${tdEnd}`;
  const body = [];
  let numbers = 0;
  for (let i = 0; i < rows; i++) {
    const count = 1 + Math.floor(rand() * 3);
    numbers += count;
    const phones = [mobile()];
    if (count > 1) phones.push(landline());
    const third = count > 2 ? `ĐT phụ ${mobile()}` : 'không có';
    body.push(
      `<${tr} data-upto="${numbers}">${cell(`KH-${String(i).padStart(6, '0')}`)}${cell(`Khách hàng số ${i}`)}${cell(phones.join(' / '))}` +
        cell(`${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2024 09:${String(i % 60).padStart(2, '0')}`) +
        `${cell(`${(i * 7919) % 999}.${digits(3)}.000 đ`)}${cell(`DH${digits(10)}`)}${cell(third)}${trEnd}`,
    );
  }
  const style = grid
    ? '.r{display:grid;grid-template-columns:repeat(7,auto)} .r>div{padding:4px 8px;border-bottom:1px solid #ddd}'
    : 'td{padding:4px 8px;border-bottom:1px solid #ddd}';
  const open = { table: '<table id="t" data-numbers="N"><tbody>', implicit: '<table id="t" data-numbers="N">', grid: '<div id="t" role="grid" data-numbers="N">' }[shape];
  const close = { table: '</tbody></table>', implicit: '</table>', grid: '</div>' }[shape];
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bench table</title>
<script src="/bench/probe.js"></script>
<style>body{font:14px system-ui;margin:0}${style}</style></head>
<body>${open.replace('N', numbers)}${body.join('\n')}${close}</body></html>`;
  return { html, numbers };
}

module.exports = { table };
