#!/usr/bin/env node
// Writes tests/corpus/crm-lines.tsv: realistic CRM lines (Vietnamese and English: lists,
// notes, addresses, tickets) labelled with the E.164 of every phone number they contain.
// The labels come from construction (what was inserted), never from the detector under
// test. Seeded, so the file is reproducible: `node scripts/dev/gen-corpus.js`.
'use strict';
const path = require('path');
const { isValidPhoneNumber } = require('libphonenumber-js/max');
const { assemble, writeTsv } = require('./corpus-lines.js');

let seed = 20261124;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const int = (a, b) => a + Math.floor(rand() * (b - a + 1));
const pad = (n, w = 2) => String(n).padStart(w, '0');

const MOBILE = ['32', '33', '34', '35', '36', '37', '38', '39', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '86', '87', '88', '90', '91', '93', '94', '96', '97', '98', '99', '56', '58', '59'];
const AREA2 = ['24', '28'];
const AREA3 = ['203', '204', '205', '206', '207', '208', '209', '210', '211', '212', '213', '214', '215', '216', '218', '219', '220', '221', '222', '225', '226', '227', '228', '229', '232', '233', '234', '235', '236', '237', '238', '239', '251', '252', '254', '255', '256', '257', '258', '259', '260', '261', '262', '263', '269', '270', '271', '272', '273', '274', '275', '276', '277', '290', '291', '292', '293', '294', '296', '297', '299'];
const LEGACY = { '162': '32', '163': '33', '164': '34', '165': '35', '166': '36', '167': '37', '168': '38', '169': '39', '120': '70', '121': '79', '122': '77', '126': '76', '128': '78', '123': '83', '124': '84', '125': '85', '127': '81', '129': '82', '186': '56', '188': '58', '199': '59' };

function mobile() {
  const nsn = pick(MOBILE) + digits(7);
  const [a, b, c] = [nsn.slice(0, 3), nsn.slice(3, 6), nsn.slice(6)];
  const text = pick([
    `0${nsn}`, `0${a} ${b} ${c}`, `0${a}.${b}.${c}`, `0${a}-${b}-${c}`, `0${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5)}`,
    `+84${nsn}`, `+84 ${a} ${b} ${c}`, `+84-${a}-${b}-${c}`, `84${nsn}`, `(+84) ${a} ${b} ${c}`, `0084 ${a} ${b} ${c}`,
    `0${a}\u00a0${b}\u00a0${c}`, `+84 (0) ${a} ${b} ${c}`,
  ]);
  return { text, e164: `+84${nsn}` };
}

function landline() {
  // After 024 and 028 the local number starts with 2 to 8 (libphonenumber's VN plan).
  const nsn = rand() < 0.5 ? pick(AREA2) + int(2, 8) + digits(7) : pick(AREA3) + digits(7);
  const area = nsn.startsWith('24') || nsn.startsWith('28') ? nsn.slice(0, 2) : nsn.slice(0, 3);
  const local = nsn.slice(area.length);
  const half = local.length === 8 ? 4 : 3;
  const text = pick([
    `(0${area}) ${local.slice(0, half)} ${local.slice(half)}`, `0${area} ${local.slice(0, half)} ${local.slice(half)}`,
    `0${area}.${local.slice(0, half)}.${local.slice(half)}`, `0${nsn}`, `+84 ${area} ${local.slice(0, half)} ${local.slice(half)}`,
    `(+84) ${area} ${local}`, `0${area}-${local}`,
  ]);
  return { text, e164: `+84${nsn}` };
}

function service() {
  const kind = pick(['1800', '1900']);
  const rest = rand() < 0.5 ? digits(4) : digits(6);
  const text = rest.length === 4 ? pick([`${kind} ${rest}`, `${kind}${rest}`, `${kind}.${rest}`]) : pick([`${kind} ${rest.slice(0, 2)} ${rest.slice(2, 4)} ${rest.slice(4)}`, `${kind}${rest}`, `${kind} ${rest}`, `${kind}.${rest.slice(0, 3)}.${rest.slice(3)}`]);
  return { text, e164: `+84${kind}${rest}` };
}

function legacy() {
  const old = pick(Object.keys(LEGACY));
  const rest = digits(7);
  const text = pick([`0${old}${rest}`, `0${old} ${rest.slice(0, 3)} ${rest.slice(3)}`, `0${old}.${rest.slice(0, 3)}.${rest.slice(3)}`]);
  return { text, e164: `+84${LEGACY[old]}${rest}` };
}

// Foreign numbers are drawn until libphonenumber-js calls them valid in their country's plan
// (random digits behind a real prefix are often numbers no one can dial).
function foreign() {
  for (;;) {
    const made = foreignShape();
    if (isValidPhoneNumber(made.e164)) return made;
  }
}

function foreignShape() {
  const nanp = () => `${int(2, 9)}${digits(2)}`;
  return pick([
    () => { const a = nanp(), b = `${int(2, 9)}${digits(2)}`, c = digits(4); return { text: pick([`+1 ${a}-${b}-${c}`, `+1 (${a}) ${b}-${c}`, `+1 ${a} ${b} ${c}`]), e164: `+1${a}${b}${c}` }; },
    () => { const n = `20${digits(8)}`; return { text: pick([`+44 20 ${n.slice(2, 6)} ${n.slice(6)}`, `0044 20 ${n.slice(2, 6)} ${n.slice(6)}`]), e164: `+44${n}` }; },
    () => { const n = `${pick(['6', '8', '9'])}${digits(7)}`; return { text: `+65 ${n.slice(0, 4)} ${n.slice(4)}`, e164: `+65${n}` }; },
    () => { const n = `3${digits(8)}`; return { text: `+81 3-${n.slice(1, 5)}-${n.slice(5)}`, e164: `+81${n}` }; },
    () => { const n = `2${digits(8)}`; return { text: `+61 2 ${n.slice(1, 5)} ${n.slice(5)}`, e164: `+61${n}` }; },
    () => { const n = `13${digits(9)}`; return { text: `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, e164: `+86${n}` }; },
    () => { const n = `10${digits(8)}`; return { text: `+82 10-${n.slice(2, 6)}-${n.slice(6)}`, e164: `+82${n}` }; },
    () => { const n = `8${digits(7)}`; return { text: `+66 ${n.slice(0, 1)} ${n.slice(1, 5)} ${n.slice(5)}`, e164: `+66${n}` }; },
  ])();
}

const phone = () => pick([mobile, mobile, mobile, mobile, landline, landline, service, legacy, foreign])();

// Look-alikes: things in CRM text that must never be linked.
const lookalike = () => pick([
  () => `${pad(int(1, 28))}/${pad(int(1, 12))}/${int(2019, 2026)}`,
  () => `${int(2019, 2026)}-${pad(int(1, 12))}-${pad(int(1, 28))}`,
  () => `${pad(int(1, 28))}.${pad(int(1, 12))}.${int(2019, 2026)}`,
  () => `${pad(int(1, 28))}-${pad(int(1, 12))}-${int(2019, 2026)} ${pad(int(0, 23))}:${pad(int(0, 59))}`,
  () => `${int(2019, 2026)}-${pad(int(1, 12))}-${pad(int(1, 28))}T${pad(int(0, 23))}:${pad(int(0, 59))}:${pad(int(0, 59))}Z`,
  () => `${int(1, 999)}.${digits(3)}.${digits(3)} đ`,
  () => `${int(1, 999)}.${digits(3)}.${digits(3)} VNĐ`,
  () => `${int(1, 99)},${digits(3)},${digits(3)} VND`,
  () => `${int(1, 999)}.${digits(3)}.000₫`,
  () => `$${int(1, 99)},${digits(3)}`,
  () => `${int(10, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
  () => `v${int(1, 12)}.${int(0, 30)}.${int(0, 200)}`,
  () => `${int(10, 11)}.0.${int(10000, 22631)}.${int(100, 4000)}`,
  () => `DH${int(2019, 2026)}${digits(6)}`,
  () => `INV-${pick(['0', ''])}${pick(MOBILE)}${digits(7)}`,
  () => `SO${pick(MOBILE)}${digits(8)}`,
  () => `${digits(8)}-${digits(4)}-${digits(4)}-${digits(4)}-${digits(12)}`.replace(/^(.)/, 'c'),
  () => `${int(1500, 1799)}${digits(9)}`,
  () => `${pick(['001', '079', '036', '048'])}${digits(9)}`,
  () => `${int(1, 9)}${digits(9)}`,
  // Ten digits behind prefixes no plan uses, old or new (060 was Kon Tum's area code).
  () => `0${pick(['10', '40', '50', '69', '80', '11', '12', '13', '14', '15'])}${digits(7)}`,
  () => `${digits(5)}`,
  () => `0${pick(MOBILE)}${digits(8)}`,
  () => `0${pick(MOBILE)}${digits(5)}`,
  () => `${pick(['1920x1080', '1366x768', '2560x1440', '3840x2160'])}`,
  () => `${int(700000, 799999)}`,
  () => `${pad(int(0, 23))}:${pad(int(0, 59))}`,
  () => `#${pick(MOBILE)}${digits(8)}`,
  () => `${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)}`,
  () => `${int(100, 999)}-${int(10, 99)}-${digits(5)}`,
])();

const labelled = () => pick([
  () => `MST: 0${pick(['1', '3'])}${digits(8)}`,
  () => `Mã số thuế ${pick(MOBILE.map((m) => `0${m}`))}${digits(7)}`,
  () => `Tax code: 0${digits(9)}`,
  () => `STK: ${pick(['0', '1'])}${digits(12)}`,
  () => `Số tài khoản ${pick(MOBILE.map((m) => `0${m}`))}${digits(7)}`,
  () => `CCCD: 0${digits(11)}`,
  () => `CMND ${pick(MOBILE.map((m) => `0${m}`))}${digits(7)}`,
  () => `Mã đơn: ${pick(MOBILE.map((m) => `0${m}`))}${digits(7)}`,
  () => `Order ID: ${pick(MOBILE.map((m) => `0${m}`))}${digits(7)}`,
  () => `Invoice #${pick(MOBILE.map((m) => `0${m}`))}${digits(7)}`,
])();

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Minh Dũng', 'Hoàng Thu Hà', 'Vũ Đức Hải', 'Đặng Ngọc Lan', 'Bùi Quang Minh', 'Ngô Thị Mai', 'Đỗ Văn Nam', 'John Smith', 'Sarah Lee', 'Mr. Tanaka'];
const STREETS = ['Nguyễn Huệ', 'Lê Lợi', 'Trần Hưng Đạo', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Cách Mạng Tháng 8'];
const CITIES = ['Q.1, TP.HCM', 'Q. Hoàn Kiếm, Hà Nội', 'Hải Châu, Đà Nẵng', 'Ninh Kiều, Cần Thơ', 'District 7, HCMC'];

const P = (x) => x; // marks a phone slot in a template
const templates = [
  (p, l) => [`Khách hàng ${pick(NAMES)}, SĐT: `, P(p()), `, ngày tạo ${l()}`],
  (p, l) => [`${pick(NAMES)} - `, P(p()), ` - doanh số ${l()}`],
  (p, l) => [`Gọi lại cho anh ${pick(NAMES).split(' ').pop()} số `, P(p()), ` lúc ${l()}`],
  (p, l) => [`Địa chỉ: ${int(1, 300)} ${pick(STREETS)}, ${pick(CITIES)}. ĐT: `, P(p())],
  (p, l) => [`Contact ${pick(NAMES)} at `, P(p()), ` (last order ${l()})`],
  (p, l) => [`Ghi chú: khách đổi số, số mới `, P(p()), `, số cũ `, P(p())],
  (p, l) => [`Hotline: `, P(p()), ` | Email: cskh@example.vn | Ref ${l()}`],
  (p, l) => [`Ticket #${int(1000, 99999)}: customer called from `, P(p()), ` about invoice ${l()}`],
  (p, l) => [`ĐT bàn `, P(p()), ` / di động `, P(p())],
  (p, l) => [`${int(1, 50)}. ${pick(NAMES)}\t`, P(p()), `\t${l()}\t${l()}`],
  (p, l) => [`Nhắc lịch hẹn ${l()}: liên hệ `, P(p()), ` trước 17:00`],
  (p, l) => [`Call log: outbound to `, P(p()), `, duration 00:0${int(1, 9)}:${pad(int(0, 59))}`],
  (p, l) => [`Zalo/ĐT: `, P(p()), `; CK: ${l()}`],
  (p, l) => [`(`, P(p()), `)`],
  (p, l) => [`Người liên hệ: ${pick(NAMES)} (`, P(p()), `)`],
];
const negatives = [
  (l) => `Đơn hàng ${l()} giao ngày ${l()}, tổng ${l()}`,
  (l) => `Hóa đơn số ${l()}, thanh toán ${l()} lúc ${l()}`,
  (l) => `Server ${l()} updated to ${l()} on ${l()}`,
  (l) => `${labelled()} - ${pick(NAMES)}`,
  (l) => `Khách ${pick(NAMES)}: ${labelled()}, ngày ${l()}`,
  (l) => `Session ${l()} expired at ${l()}`,
  (l) => `Mã KH ${l()} — hạn mức ${l()}`,
  (l) => `Màn hình ${l()}, phiên bản ${l()}, build ${l()}`,
  (l) => `Số lượng: ${int(1, 500)} sản phẩm, đơn giá ${l()}`,
  (l) => `Ghi chú: ${l()} ${l()} ${l()}`,
];

const lines = [];
for (let i = 0; i < 1400; i++) {
  if (rand() < 0.62) {
    // A template returns strings and {text, e164} slots: the line and its labels.
    lines.push(assemble(pick(templates)(phone, lookalike)));
  } else {
    lines.push([pick(negatives)(lookalike), []]);
  }
}
const header = '# text<TAB>expected E.164 numbers, comma-separated (empty: none). Generated by scripts/dev/gen-corpus.js.';
writeTsv(path.join(__dirname, '..', '..', 'tests', 'corpus', 'crm-lines.tsv'), header, lines);
console.log(`wrote ${lines.length} lines (${lines.filter((l) => l[1].length).length} with numbers)`);
