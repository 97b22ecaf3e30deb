// The contact list every framework page renders, and what each page's text must read. The
// e2e framework suite (tests/e2e/scenarios/marking.js) compares the page against these.
export const FIRST = [
  { name: 'Anh An', phone: '0982 861 121', e164: '+84982861121', vip: false },
  { name: 'Chị Bình', phone: '+84 912 345 678', e164: '+84912345678', vip: false },
  { name: 'Tổng đài', phone: '1900 54 54 54', e164: '+841900545454', vip: false },
  { name: 'Văn phòng', phone: '(028) 3823 4567', e164: '+842838234567', vip: false },
];
export const NOTE = 'Đơn DH0912345678, ngày 12/03/2024, 319.867.130 đ';

/** The model after update(): a number rewritten, a sibling inserted after a number, a row appended. */
export function updated(contacts) {
  const next = contacts.map((c) => ({ ...c }));
  next[0].phone = '0933 456 789';
  next[0].e164 = '+84933456789';
  next[1].vip = true;
  next.push({ name: 'Số cũ', phone: '0168 286 1121', e164: '+84382861121', vip: false });
  return next;
}

/** The text of one rendered contact, exactly as the model says it reads. */
export const contactText = (c) => `${c.name}: ${c.phone}${c.vip ? 'VIP' : ''}`;
export const pageText = (contacts) => contacts.map(contactText).join('') + NOTE;
