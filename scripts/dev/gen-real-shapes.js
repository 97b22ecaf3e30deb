#!/usr/bin/env node
// Writes tests/corpus/real-shapes.tsv: lines in the shapes real Vietnamese text takes (company
// footers, office and government directories, hotline pages, shop lists, bank statements,
// rows pasted from Word and spreadsheets, old records with pre-2017 area codes and 11-digit
// mobiles), labelled with the E.164 of every phone number they hold.
//
// The labels come from construction: each number is built from its parts (an area code, a
// local number, a mobile prefix) and its E.164 is derived from those parts here, never by the
// detector. An old landline is labelled with its new form, however it is written, including
// when its digits are also a mobile's and nothing in the line tells them apart: that is what
// it is, so such lines count against the detector. Short service codes (113, 1022) and numbers
// whose trunk `0` a spreadsheet dropped (912345678) are not phone numbers here: the product
// does not link them (design-notes.md, "Numbers").
//
// Seeded, so the file is reproducible: `node scripts/dev/gen-real-shapes.js`.
'use strict';
const path = require('path');
const { isValidPhoneNumber } = require('libphonenumber-js/max');
const { seededRandom, assemble, writeTsv } = require('./corpus-lines.js');

const rand = seededRandom(20261201);
const pick = (list) => list[Math.floor(rand() * list.length)];
const chance = (p) => rand() < p;
const int = (a, b) => a + Math.floor(rand() * (b - a + 1));
const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const pad = (n, w = 2) => String(n).padStart(w, '0');

// Provinces: name, area code before the 2017 renumbering, area code since (MIC Decision
// 2036/QĐ-BTTTT). Written out here on its own, not read from the detector, so that a mistake
// in either shows.
const PROVINCES = [
  ['Hà Nội', '4', '24'], ['TP.HCM', '8', '28'], ['Hải Phòng', '31', '225'], ['Đà Nẵng', '511', '236'],
  ['Cần Thơ', '710', '292'], ['Quảng Ninh', '33', '203'], ['Bắc Giang', '240', '204'], ['Lạng Sơn', '25', '205'],
  ['Cao Bằng', '26', '206'], ['Tuyên Quang', '27', '207'], ['Thái Nguyên', '280', '208'], ['Bắc Kạn', '281', '209'],
  ['Lào Cai', '20', '214'], ['Sơn La', '22', '212'], ['Lai Châu', '231', '213'], ['Điện Biên', '230', '215'],
  ['Yên Bái', '29', '216'], ['Hải Dương', '320', '220'], ['Hưng Yên', '321', '221'], ['Bắc Ninh', '241', '222'],
  ['Hà Nam', '351', '226'], ['Thái Bình', '36', '227'], ['Nam Định', '350', '228'], ['Ninh Bình', '30', '229'],
  ['Quảng Bình', '52', '232'], ['Quảng Trị', '53', '233'], ['Thừa Thiên Huế', '54', '234'], ['Quảng Nam', '510', '235'],
  ['Thanh Hóa', '37', '237'], ['Nghệ An', '38', '238'], ['Hà Tĩnh', '39', '239'], ['Đồng Nai', '61', '251'],
  ['Bình Thuận', '62', '252'], ['Bà Rịa - Vũng Tàu', '64', '254'], ['Quảng Ngãi', '55', '255'], ['Bình Định', '56', '256'],
  ['Phú Yên', '57', '257'], ['Khánh Hòa', '58', '258'], ['Ninh Thuận', '68', '259'], ['Kon Tum', '60', '260'],
  ['Đắk Nông', '501', '261'], ['Đắk Lắk', '500', '262'], ['Lâm Đồng', '63', '263'], ['Gia Lai', '59', '269'],
  ['Vĩnh Long', '70', '270'], ['Bình Phước', '651', '271'], ['Long An', '72', '272'], ['Tiền Giang', '73', '273'],
  ['Bình Dương', '650', '274'], ['Bến Tre', '75', '275'], ['Tây Ninh', '66', '276'], ['Đồng Tháp', '67', '277'],
  ['Cà Mau', '780', '290'], ['Bạc Liêu', '781', '291'], ['Hậu Giang', '711', '293'], ['Trà Vinh', '74', '294'],
  ['An Giang', '76', '296'], ['Kiên Giang', '77', '297'], ['Sóc Trăng', '79', '299'],
  // Unchanged in 2017.
  ['Vĩnh Phúc', '211', '211'], ['Phú Thọ', '210', '210'], ['Hòa Bình', '218', '218'], ['Hà Giang', '219', '219'],
];
// Mobile prefixes whose whole block is in use (052, 089 and 099 are only partly).
const MOBILE = ['32', '33', '34', '35', '36', '37', '38', '39', '56', '58', '59', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '86', '87', '88', '90', '91', '92', '93', '94', '96', '97', '98'];
const LEGACY = { 162: '32', 163: '33', 164: '34', 165: '35', 166: '36', 167: '37', 168: '38', 169: '39', 120: '70', 121: '79', 122: '77', 126: '76', 128: '78', 123: '83', 124: '84', 125: '85', 127: '81', 129: '82', 186: '56', 188: '58', 199: '59' };

/** A local landline number: 8 digits in Hà Nội and TP.HCM, 7 elsewhere; never led by 0 or 1. */
function localNumber(province) {
  const big = province[2].length === 2;
  return `${big ? pick(['3', '3', '3', '6', '7', '2', '5']) : pick(['3', '3', '3', '6', '8', '2', '5', '7'])}${digits(big ? 7 : 6)}`;
}

/** Splits a local number the ways people do: 3823 4567, 38 23 45 67, 3.823.456, 3823456. */
function splitLocal(local, sep) {
  if (local.length === 8) return pick([`${local.slice(0, 4)}${sep}${local.slice(4)}`, local, `${local.slice(0, 2)}${sep}${local.slice(2, 4)}${sep}${local.slice(4, 6)}${sep}${local.slice(6)}`, `${local.slice(0, 1)}${sep}${local.slice(1, 4)}${sep}${local.slice(4)}`]);
  return pick([`${local.slice(0, 4)}${sep}${local.slice(4)}`, local, local, `${local.slice(0, 3)}${sep}${local.slice(3)}`, `${local.slice(0, 1)}${sep}${local.slice(1, 4)}${sep}${local.slice(4)}`, `${local.slice(0, 1)}${sep}${local.slice(1, 4)}${sep}${local.slice(4)}`]);
}

/** A landline in today's plan, written as Vietnamese text writes it. */
function landline(province = pick(PROVINCES)) {
  const area = province[2];
  const local = localNumber(province);
  const sep = pick([' ', ' ', '.', '-']);
  const text = pick([
    `(0${area}) ${splitLocal(local, sep)}`, `0${area} ${splitLocal(local, sep)}`, `0${area}${sep}${splitLocal(local, sep)}`,
    `0${area}${local}`, `(0${area})${splitLocal(local, sep)}`, `(+84) ${area} ${splitLocal(local, ' ')}`,
    `+84 ${area} ${splitLocal(local, ' ')}`, `(84-${area}) ${splitLocal(local, sep)}`, `+84-${area}-${local}`,
    `( 0${area}) ${splitLocal(local, sep)}`, `(84) 0${area} ${splitLocal(local, ' ')}`, `(0${area}).${local}`,
  ]);
  return { text, e164: `+84${area}${local}` };
}

/** A landline written with its pre-2017 area code; labelled with its new form. */
function oldLandline(province = pick(PROVINCES.slice(0, 59))) {
  const [, old, now] = province;
  const local = localNumber(province);
  const sep = pick([' ', ' ', '.', '.', '-']);
  const text = pick([
    `(0${old}) ${splitLocal(local, sep)}`, `0${old} ${splitLocal(local, sep)}`, `0${old}.${splitLocal(local, sep)}`,
    `0${old}${sep}${local}`, `(0${old})${local}`, `(0${old}).${local}`, `0${old}${local}`,
    `(84-${old}) ${splitLocal(local, sep)}`, `(84.${old}) ${local}`, `+84 ${old} ${splitLocal(local, ' ')}`,
    `84-${old}-${local}`,
  ]);
  return { text, e164: `+84${now}${local}` };
}

function mobile() {
  const nsn = `${pick(MOBILE)}${digits(7)}`;
  const [a, b, c] = [nsn.slice(0, 3), nsn.slice(3, 6), nsn.slice(6)];
  const [p, q, r] = [nsn.slice(0, 2), nsn.slice(2, 5), nsn.slice(5)];
  const text = pick([
    `0${nsn}`, `0${nsn}`, `0${a} ${b} ${c}`, `0${a}.${b}.${c}`, `0${a}-${b}-${c}`, `0${p} ${q} ${r}`, `0${p}.${q}.${r}`,
    `+84 ${a} ${b} ${c}`, `+84${nsn}`, `84${nsn}`, `(+84) ${a} ${b} ${c}`, `0${a}.${b} ${c}`, `0${p}${q}.${r}`,
    `0${nsn.slice(0, 3)} ${nsn.slice(3, 7)} ${nsn.slice(7)}`,
  ]);
  return { text, e164: `+84${nsn}` };
}

function legacyMobile() {
  const old = pick(Object.keys(LEGACY));
  const rest = digits(7);
  const text = pick([`0${old}${rest}`, `0${old} ${rest.slice(0, 3)} ${rest.slice(3)}`, `0${old}.${rest.slice(0, 3)}.${rest.slice(3)}`, `0${old}.${rest}`]);
  return { text, e164: `+84${LEGACY[old]}${rest}` };
}

function service() {
  const kind = pick(['1800', '1900']);
  if (chance(0.5)) {
    const rest = digits(4);
    return { text: pick([`${kind} ${rest}`, `${kind}${rest}`, `${kind}.${rest}`, `${kind} ${rest.slice(0, 2)} ${rest.slice(2)}`]), e164: `+84${kind}${rest}` };
  }
  const rest = digits(6);
  return { text: pick([`${kind} ${rest.slice(0, 2)} ${rest.slice(2, 4)} ${rest.slice(4)}`, `${kind}${rest}`, `${kind} ${rest.slice(0, 3)} ${rest.slice(3)}`, `${kind}.${rest.slice(0, 3)}.${rest.slice(3)}`]), e164: `+84${kind}${rest}` };
}

/** Foreign numbers in offices' footers, drawn until valid in their country's plan. */
function foreign() {
  for (;;) {
    const made = foreignShape();
    if (isValidPhoneNumber(made.e164)) return made;
  }
}

function foreignShape() {
  return pick([
    () => { const n = `${pick(['212', '415', '646', '312', '206'])}${pick(['2', '5', '7'])}${digits(6)}`; return { text: pick([`+1 ${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, `+1 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`]), e164: `+1${n}` }; },
    () => { const n = `${pick(['6', '8', '9'])}${digits(7)}`; return { text: `+65 ${n.slice(0, 4)} ${n.slice(4)}`, e164: `+65${n}` }; },
    () => { const n = `3${pick(['3', '5', '6'])}${digits(7)}`; return { text: `+81 ${n.slice(0, 1)}-${n.slice(1, 5)}-${n.slice(5)}`, e164: `+81${n}` }; },
    () => { const n = `20${pick(['7', '3', '8'])}${digits(7)}`; return { text: pick([`+44 ${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}`, `+44 (0) ${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}`]), e164: `+44${n}` }; },
    () => { const n = `1${pick(['3', '5', '8'])}${pick(['6', '8', '9'])}${digits(8)}`; return { text: `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, e164: `+86${n}` }; },
    () => { const n = `10${pick(['2', '3', '4', '5', '6', '7', '8', '9'])}${digits(7)}`; return { text: `+82 10-${n.slice(2, 6)}-${n.slice(6)}`, e164: `+82${n}` }; },
  ])();
}

/** Full-width forms, as text pasted from Word or typed with an IME has them. */
const FULL = { 0: '０', 1: '１', 2: '２', 3: '３', 4: '４', 5: '５', 6: '６', 7: '７', 8: '８', 9: '９', '(': '（', ')': '）', '.': '．', '-': '－' };
const fullWidth = (text) => [...text].map((c) => FULL[c] || c).join('');

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Minh Dũng', 'Hoàng Thu Hà', 'Vũ Đức Hải', 'Đặng Ngọc Lan', 'Bùi Quang Minh', 'Ngô Thị Mai', 'Đỗ Văn Nam', 'Trương Thị Hồng', 'Lý Quốc Bảo'];
const ASCII_NAMES = ['NGUYEN VAN AN', 'TRAN THI BINH', 'LE HOANG CUONG', 'PHAM MINH DUNG', 'HOANG THU HA', 'DO VAN NAM'];
const STREETS = ['Nguyễn Huệ', 'Lê Lợi', 'Trần Hưng Đạo', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Lý Thường Kiệt', 'Quang Trung', 'Lê Duẩn'];
const DEPARTMENTS = ['Văn phòng', 'Phòng Tổ chức cán bộ', 'Phòng Kế hoạch - Tài chính', 'Phòng Đào tạo', 'P.Tuyển sinh', 'Thanh tra', 'Phòng Hành chính', 'Ban Giám đốc', 'Phòng Kỹ thuật', 'Bộ phận một cửa'];
const BANKS = ['Vietcombank', 'VCB', 'BIDV', 'Techcombank', 'Agribank', 'VietinBank', 'ACB', 'MB Bank', 'TPBank', 'Sacombank'];
const date = () => `${pad(int(1, 28))}/${pad(int(1, 12))}/${int(2008, 2025)}`;
const money = () => `${int(1, 999)}.${pick(['000', '500', digits(3)])}${chance(0.5) ? `.${digits(3)}` : ''}`;
const taxCode = () => `${pick(['01', '02', '03', '04', '06', '08', '31', '37', '42'])}${digits(8)}`;
// Vietcombank's 13 digits: a branch, then 000/001/100 and six digits.
const account13 = () => `${pick(['0071', '0081', '0091', '0011', '0451', '0491', '0531'])}${pick(['000', '001', '100'])}${digits(6)}`;
const address = () => `${int(1, 399)} ${pick(STREETS)}`;

const lines = [];
const add = (parts) => lines.push(assemble(parts));

// Company footers and contact blocks: today's numbers and old ones, labels glued or spaced.
const phoneNow = () => pick([landline, landline, mobile, mobile, service])();
const phoneOld = () => pick([oldLandline, oldLandline, oldLandline, legacyMobile])();
// A fax is a landline: today's form in today's text, the old form in old text.
const faxFor = (phone) => (phone === phoneOld ? oldLandline : landline);
const footer = (phone, fax = faxFor(phone)) => pick([
  () => [`Trụ sở: ${address()}, ${pick(PROVINCES)[0]} - ĐT: `, phone(), ` - Fax: `, fax(), ` - Email: info@congty.vn`],
  () => [`Tel: `, phone(), ` | Fax: `, fax()],
  () => [`Tel.`, phone(), ` / Fax.`, fax()],
  () => [`Điện thoại: `, phone(), ` * Fax: `, fax(), ` * Website: www.congty.com.vn`],
  () => [`Hotline:`, phone(), ` - `, phone()],
  () => [`CÔNG TY TNHH ${pick(['AN PHÁT', 'MINH LONG', 'HOÀNG GIA', 'VIỆT TIẾN'])} - MST: ${taxCode()} - ĐT: `, phone()],
  () => [`T: `, phone(), `  F: `, fax(), `  E: sales@company.vn`],
  () => [`ĐT.`, phone(), ` - DĐ.`, mobile()],
  () => [`SĐT-`, phone(), ` (gặp ${pick(NAMES)})`],
  () => [`Phone: `, phone(), `; Mobile: `, mobile(), `; Email: contact@company.vn`],
  () => [`GPĐKKD số ${taxCode()} do Sở KH&ĐT cấp ngày ${date()}. Điện thoại: `, phone()],
  () => [`Tel: `, phone(), ` - Hotline: `, service()],
  () => [`Văn phòng đại diện: `, foreign(), ` | Việt Nam: `, phone()],
  () => [`Liên hệ: `, phone(), ` (giờ hành chính)`],
  () => [`Tel:`, phone(), `;Fax:`, fax()],
])();
for (let i = 0; i < 260; i++) add(footer(phoneNow));
for (let i = 0; i < 220; i++) add(footer(phoneOld));

// Office and government directories: department, number, fax, extensions, ranges.
const directory = (phone, fax = faxFor(phone)) => pick([
  () => [`${int(1, 40)} | ${pick(DEPARTMENTS)} | `, phone(), ` | `, fax()],
  () => [`${pick(DEPARTMENTS)}: `, phone(), ` - máy lẻ ${int(100, 299)}`],
  () => [`${pick(DEPARTMENTS)}   `, phone(), `   Fax: `, fax()],
  () => [`Đường dây nóng: `, mobile(), ` (đ/c ${pick(NAMES)} - Chánh Văn phòng)`],
  () => [`Trực ban: `, phone(), `; Cấp cứu: 115; Cứu hỏa: 114`],
  () => {
    const n = phone();
    if (!/\d{4}$/.test(n.text)) return [`ĐT: `, n];
    const last = Number(n.text.slice(-2));
    return last < 90 ? [`ĐT: `, n, `-${pad(int(last + 1, Math.min(99, last + 9)))}`] : [`ĐT: `, n];
  },
  () => [`ĐT `, phone(), `-${pick(DEPARTMENTS)}`],
  () => [`${pick(PROVINCES)[0]}: `, phone(), `, `, phone(), ` (${pick(DEPARTMENTS)})`],
  () => [`- ${pick(DEPARTMENTS)} (tầng ${int(1, 9)}): ĐT `, phone()],
  () => [`Tổng đài hỗ trợ 1022 hoặc `, phone()],
  () => [`Số điện thoại tiếp nhận phản ánh: `, phone(), ` (trong giờ hành chính), `, mobile(), ` (ngoài giờ)`],
])();
for (let i = 0; i < 230; i++) add(directory(phoneNow));
for (let i = 0; i < 180; i++) add(directory(phoneOld));

// Shop and branch lists.
const shop = () => pick([
  () => [`Cửa hàng ${int(1, 30)}: ${address()}, Q.${int(1, 12)} - `, mobile()],
  () => [`CN ${pick(PROVINCES)[0]}: `, landline(), ` – `, mobile()],
  () => [`Zalo: `, mobile()],
  () => [`Hotline/Zalo: `, mobile(), ` (${pick(NAMES)})`],
  () => [`Showroom ${address()}. ĐT: `, phoneNow(), ` - ${pick(['Mở cửa 8h-21h', 'Giờ mở cửa: 08:00 - 21:30', 'T2-CN'])}`],
  () => [`Đặt hàng: `, mobile(), ` hoặc `, mobile()],
  () => [`${pick(NAMES)} - `, mobile(), ` - ${pick(['Quận 1', 'Ba Đình', 'Hải Châu'])}`],
])();
for (let i = 0; i < 200; i++) add(shop());

// Bank statements and payment references: accounts, amounts and references are never numbers;
// a phone number inside a transfer's description is.
const statement = () => pick([
  () => [`${date()} | ${int(1000, 9999)}.${digits(5)} | ${money()} | MBVCB.${digits(10)}.${digits(6)}.${pick(ASCII_NAMES)} chuyen tien.CT tu ${account13()} ${pick(ASCII_NAMES)} toi ${account13()} MAT TRAN TO QUOC VN`],
  () => [`${date()} | ${money()} | ${digits(20)}-`, mobile0(), `-Ung ho dong bao mien Bac`],
  () => [`${date()} ${money()} IBFT Ung ho ${pick(['lu lut', 'bao Yagi', 'mien Trung'])} `, mobile0()],
  () => [`${date()} | ${money()} | ${pick(ASCII_NAMES)} `, mobile0(), ` ung ho`],
  () => [`${date()} | ${money()} | TKThe :${account13()}, tai ${pick(BANKS)}. ung ho dong bao`],
  () => [`STK ${pick(BANKS)}: ${account13()} - Chủ TK: ${pick(ASCII_NAMES)}`],
  () => [`Số tài khoản: ${pick(['1903', '1020', '0601'])}${digits(8)} tại ${pick(BANKS)}`],
  () => [`STK: `, `${pick(BANKS)} 0${pick(MOBILE)}${digits(7)}`, ` (${pick(ASCII_NAMES)})`],
  () => [`${date()} | ${money()} | FT${digits(11)}-`, mobile0(), `-${pick(ASCII_NAMES)} ung ho`],
  () => [`ND: ${pick(ASCII_NAMES)} chuyen khoan ${money()} VND, so du ${money()} VND`],
  () => [`${date()} | ${money()} | ${account13()} | REF ${digits(12)}`],
  () => [`${date()} | ${money()} | ${pick(ASCII_NAMES)} SDT `, mobile0(), ` ung ho MTTQ`],
  () => [`${date()} | ${money()} | ${pick(['IBFT', 'MBVCB', 'CK'])}-`, mobile0(), `-Ung ho dong bao`],
])();
// Payment descriptions carry the bare ten-digit national form.
function mobile0() {
  const nsn = `${pick(MOBILE)}${digits(7)}`;
  return { text: `0${nsn}`, e164: `+84${nsn}` };
}
for (let i = 0; i < 220; i++) add(statement());

// Rows pasted from Word and spreadsheets: tabs, full-width forms, names glued to parentheses.
const exported = () => pick([
  () => [`${int(1, 500)}\t${pick(NAMES)}\t`, mobile(), `\t${pick(PROVINCES)[0]}\t${date()}`],
  () => [`${int(1, 500)}\t${pick(NAMES)}\t`, phoneOld(), `\t${money()}`],
  () => { const n = pick([landline, mobile, oldLandline])(); return [`ĐT：`, { text: fullWidth(n.text), e164: n.e164 }]; },
  () => { const n = mobile(); return [`${pick(NAMES)}（`, { text: fullWidth(n.text), e164: n.e164 }, `）`]; },
  () => [`${pick(NAMES)}(`, mobile(), `)`],
  () => [`${pick(NAMES)} - `, mixedMobile()],
  () => [`Người liên hệ: ${pick(NAMES)}; ĐT: `, mobile(), `; Email: ${pick(['an', 'binh', 'ha'])}@gmail.com`],
  () => [`${pick(NAMES)}, ${pick(['Giám đốc', 'Kế toán', 'Trưởng phòng'])}, `, phoneNow(), `, CCCD ${pick(['001', '079', '031'])}${digits(9)}`],
  () => [`Mã KH: KH${digits(6)} | SĐT: `, mobile(), ` | Ngày sinh: ${date()}`],
])();
function mixedMobile() {
  const nsn = `${pick(MOBILE)}${digits(7)}`;
  return { text: pick([`0${nsn.slice(0, 3)}.${nsn.slice(3, 6)} ${nsn.slice(6)}`, `0${nsn.slice(0, 2)}.${nsn.slice(2, 5)} ${nsn.slice(5)}`]), e164: `+84${nsn}` };
}
for (let i = 0; i < 230; i++) add(exported());

// Registration, tax, identity and account numbers behind their labels; dates, money, ids.
const negative = () => pick([
  () => `MST: ${taxCode()}`,
  () => `Mã số thuế: ${taxCode()}-${digits(3)}`,
  () => `GPĐKKD: ${taxCode()} cấp ngày ${date()}`,
  () => `ĐKKD số ${taxCode()} do Sở KH&ĐT ${pick(PROVINCES)[0]} cấp`,
  () => `Mã DN: ${taxCode()}`,
  () => `MSDN ${taxCode()}`,
  () => `Mã số DN: ${taxCode()}`,
  () => `Số CCCD: ${pick(['001', '079', '031', '048'])}${digits(9)}`,
  () => `CMND: 0${pick(MOBILE)}${digits(7)}`,
  () => `STK: 0${pick(MOBILE)}${digits(7)}`,
  () => `STK ${pick(BANKS)} 0${pick(MOBILE)}${digits(7)}`,
  () => `Số TK: ${account13()} - ${pick(BANKS)}`,
  () => `${account13()}`,
  () => `Tài khoản: ${account13()} tại ${pick(BANKS)} chi nhánh ${pick(PROVINCES)[0]}`,
  () => `Số hóa đơn: ${pad(int(1, 9999999), 7)}, ký hiệu 1C${int(22, 25)}TAA, ngày ${date()}`,
  () => `Tổng tiền: ${money()} đ (bằng chữ: ...)`,
  () => `Giờ làm việc: 7h30 - 17h00, T2 - T6`,
  () => `Mã vận đơn: SPXVN0${digits(11)}`,
  () => `Mã bưu chính: ${int(10, 99)}0000`,
  () => `Ngày ${date()} - ${date()}`,
  () => `Số lượng 1.250 sản phẩm x ${money()} VNĐ`,
  () => `Quyết định số ${int(100, 9999)}/QĐ-UBND ngày ${date()}`,
  () => `Phiên bản 10.0.${int(10000, 22631)}.${int(100, 4000)}`,
  () => `Đơn hàng #${digits(10)} đã giao`,
  () => `Đơn DH-0${pick(MOBILE)}${digits(7)} đã giao, mã KH-0${pick(MOBILE)}${digits(7)}`,
  () => `Tổng đài 113, 114, 115 miễn phí`,
  () => `Mã giao dịch: FT${digits(12)}`,
])();
for (let i = 0; i < 300; i++) add([negative()]);

const header = '# text<TAB>expected E.164 numbers, comma-separated (empty: none). Generated by scripts/dev/gen-real-shapes.js; labels by construction.';
writeTsv(path.join(__dirname, '..', '..', 'tests', 'corpus', 'real-shapes.tsv'), header, lines);
console.log(`wrote ${lines.length} lines (${lines.filter((l) => l[1].length).length} with numbers, ${lines.reduce((n, l) => n + l[1].length, 0)} numbers)`);
