// Acme Pay's backend state, in the page: Mei Chen's orders, cards, automatic payments,
// receipts, refunds, payments and support chats. mocks.js answers the API from it. It starts
// afresh on every page load, so a reload (or "Restart session") resets the demo.

const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Date.now();

/** A moment `days` ago at hh:mm local time, never in the future. */
function ago(days, hh, mm) {
  const d = new Date(NOW - days * DAY);
  d.setHours(hh, mm, 0, 0);
  return new Date(Math.min(d.getTime(), NOW - 20 * MINUTE)).toISOString();
}
/** A day `days` from now, at 06:00, for the next charge of an agreement. */
function ahead(days) {
  const d = new Date(NOW + days * DAY);
  d.setHours(6, 0, 0, 0);
  return d.toISOString();
}
const plus = (iso, minutes) => new Date(new Date(iso).getTime() + minutes * MINUTE).toISOString();

const VISA = { brand: 'visa', last4: '4242' };
const MASTERCARD = { brand: 'mastercard', last4: '8210' };

/** One order with the activity its status implies. */
function order(id, merchant, category, date, amount, method, status, autodebit) {
  const first = { type: autodebit ? 'autodebit' : 'placed', at: date };
  const timeline = {
    paid: [first, { type: 'paid', at: plus(date, 1) }],
    pending: [first, { type: 'processing', at: plus(date, 1) }],
    failed: [first, { type: 'declined', at: plus(date, 1) }],
    refunded: [first, { type: 'paid', at: plus(date, 1) }, { type: 'refunded', at: plus(date, 3 * 24 * 60 + 95) }],
  }[status];
  return { id, merchant, category, date, amount, method, status, autodebit: autodebit ?? null, timeline, receipt: null, refund: null };
}

const state = {
  orders: [
    order('ORD-10472', 'Blue Fern Café', 'food', ago(0, 8, 42), 12.4, VISA, 'paid'),
    order('ORD-10471', 'Northwind Electronics', 'electronics', ago(1, 19, 12), 249, VISA, 'pending'),
    order('ORD-10470', 'Streamly', 'streaming', ago(3, 6, 0), 12.99, VISA, 'paid', 'streamly'),
    order('ORD-10469', 'Lumen Home', 'home', ago(5, 14, 27), 86.5, MASTERCARD, 'paid'),
    order('ORD-10468', 'City Power', 'utilities', ago(8, 6, 0), 78.2, VISA, 'paid', 'city-power'),
    order('ORD-10467', 'Orbit Air', 'travel', ago(11, 21, 5), 412, MASTERCARD, 'failed'),
    order('ORD-10466', 'Paper & Pine Books', 'books', ago(16, 11, 48), 34.75, VISA, 'refunded'),
    order('ORD-10465', 'Fern Fitness', 'fitness', ago(20, 7, 0), 35, VISA, 'paid', 'fern-fitness'),
  ],
  agreements: [
    { id: 'streamly', merchant: 'Streamly', category: 'streaming', amount: 12.99, variable: false, since: ago(620, 9, 0), nextCharge: ahead(9), card: VISA, enabled: true },
    { id: 'city-power', merchant: 'City Power', category: 'utilities', amount: 80, variable: true, since: ago(830, 9, 0), nextCharge: ahead(22), card: VISA, enabled: true },
    { id: 'fern-fitness', merchant: 'Fern Fitness', category: 'fitness', amount: 35, variable: false, since: ago(318, 9, 0), nextCharge: ahead(10), card: VISA, enabled: true },
  ],
  cards: [
    { id: 'card-visa', ...VISA, expiry: '09/28', holder: 'Mei Chen', primary: true },
    { id: 'card-mastercard', ...MASTERCARD, expiry: '03/27', holder: 'Mei Chen', primary: false },
  ],
  bank: { name: 'Chase', kind: 'checking', last4: '6612' },
  payees: [
    { id: 'city-power', name: 'City Power', account: '•••• 3391' },
    { id: 'streamly', name: 'Streamly', account: 'mei.chen@example.com' },
    { id: 'blue-fern', name: 'Blue Fern Café', account: '•••• 0718' },
  ],
  payments: [
    { id: 'PAY-88204', payee: 'blue-fern', payeeName: 'Blue Fern Café', amount: 18, card: VISA, at: ago(13, 12, 31), order: null },
    { id: 'PAY-88131', payee: 'city-power', payeeName: 'City Power', amount: 76.1, card: VISA, at: ago(38, 18, 2), order: null },
  ],
  profile: { name: 'Mei Chen', email: 'mei.chen@example.com', phone: '+1 415 555 0192', memberSince: ago(1290, 9, 0) },
  security: {
    passwordChanged: ago(96, 20, 14),
    twoStep: { on: true, method: 'sms', phone: '0192' },
    devices: [
      { name: 'Pixel 8', app: 'Chrome', place: 'San Francisco, CA', lastActive: new Date(NOW).toISOString(), current: true },
      { name: 'MacBook Air', app: 'Safari', place: 'San Francisco, CA', lastActive: ago(2, 21, 40), current: false },
      { name: 'iPad', app: 'Acme Pay app', place: 'Oakland, CA', lastActive: ago(19, 8, 15), current: false },
    ],
  },
  notifications: { receipts: true, refunds: true, autopay: true, security: true, offers: false },
  chats: new Map(),
  next: { order: 10473, payment: 88230, refund: 4120, chat: 7301 },
};

const copy = (value) => structuredClone(value);
const findOrder = (id) => state.orders.find((o) => o.id === id);
const findAgreement = (id) => state.agreements.find((a) => a.id === id);
const ok = (body, status = 200) => ({ status, body: copy(body) });
const missing = { status: 404, body: { error: 'not_found' } };

export const listOrders = () => ok(state.orders);
export const getOrder = (id) => (findOrder(id) ? ok(findOrder(id)) : missing);

/** Asks the bank again: a processing payment has gone through by now; others are unchanged. */
export function recheckOrder(id) {
  const o = findOrder(id);
  if (!o) return missing;
  if (o.status === 'pending') {
    o.status = 'paid';
    o.timeline = o.timeline.filter((e) => e.type !== 'processing').concat({ type: 'paid', at: new Date().toISOString() });
  }
  return ok(o);
}

/** Keeps the receipt's name and size (the demo has nowhere to store the file itself). */
export function attachReceipt(id, file) {
  const o = findOrder(id);
  if (!o) return missing;
  o.receipt = { name: file.name, size: file.size, type: file.type };
  o.timeline.push({ type: 'receipt', at: new Date().toISOString() });
  return ok({ order: id, file: file.name, size: file.size }, 201);
}

/** A refund needs a paid order and, here, a receipt: there is no way to attach one in the app. */
export function requestRefund({ order: id, reason }) {
  const o = findOrder(id);
  if (!o) return missing;
  if (o.refund) return { status: 409, body: { error: 'already_requested', ref: o.refund.ref } };
  if (o.status !== 'paid') return { status: 409, body: { error: 'not_refundable', status: o.status } };
  if (!o.receipt) return { status: 422, body: { error: 'receipt_required' } };
  o.refund = { ref: `RF-${state.next.refund++}`, reason: String(reason ?? 'other'), at: new Date().toISOString() };
  o.timeline.push({ type: 'refund-requested', at: o.refund.at });
  return ok({ ref: o.refund.ref }, 201);
}

export const listAgreements = () => ok(state.agreements);
export const getAgreement = (id) => (findAgreement(id) ? ok(findAgreement(id)) : missing);

/** Switches an agreement on or off; off, the merchant can no longer charge. */
export function setAgreement(id, { enabled }) {
  const a = findAgreement(id);
  if (!a) return missing;
  if (typeof enabled !== 'boolean') return { status: 400, body: { error: 'enabled_required' } };
  a.enabled = enabled;
  a.nextCharge = enabled ? ahead(30) : null;
  return ok(a);
}

export const listCards = () => ok({ cards: state.cards, bank: state.bank });
export const listPayees = () => ok(state.payees);
export const listPayments = () => ok(state.payments);
export const getPayment = (id) => {
  const p = state.payments.find((x) => x.id === id);
  return p ? ok(p) : missing;
};

/** Luhn's check digit, as card networks define it. */
function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const DAILY_LIMIT = 1000;

/** The payment service's own validation: it wants MM/YY and at most $1,000 a day. */
function paymentErrors({ payee, amount, card, expiry, cvc }) {
  const errors = {};
  if (!state.payees.some((p) => p.id === payee)) errors.payee = 'required';
  const text = String(amount ?? '').trim();
  const value = Number(text.replace(/[\s,$]/g, ''));
  if (!text || !Number.isFinite(value) || value <= 0 || !/^\$?\s*[\d,]*\.?\d{0,2}$/.test(text)) errors.amount = 'invalid';
  else if (value > DAILY_LIMIT) errors.amount = 'over_limit';
  const digits = String(card ?? '').replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) errors.card = 'invalid';
  const exp = String(expiry ?? '').trim();
  const m = /^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/.test(exp) && /^(\d{2})\s*\/\s*(\d{2})$/.exec(exp);
  // A card is good until the end of its expiry month.
  if (!m || new Date(2000 + Number(m[2]), Number(m[1]), 1).getTime() <= Date.now()) errors.expiry = 'invalid';
  if (!/^\d{3,4}$/.test(String(cvc ?? '').trim())) errors.cvc = 'invalid';
  return { errors, value, digits };
}

/** Pays a bill: 422 with every rejected field, or 200 and a new order in the list. */
export function createPayment(body) {
  const { errors, value, digits } = paymentErrors(body ?? {});
  if (Object.keys(errors).length) return { status: 422, body: { errors } };
  const payee = state.payees.find((p) => p.id === body.payee);
  const cardUsed = { brand: digits.startsWith('4') ? 'visa' : digits.startsWith('5') ? 'mastercard' : 'card', last4: digits.slice(-4) };
  const at = new Date().toISOString();
  const o = order(`ORD-${state.next.order++}`, payee.name, payee.id === 'blue-fern' ? 'food' : payee.id === 'streamly' ? 'streaming' : 'utilities', at, value, cardUsed, 'paid');
  state.orders.unshift(o);
  const payment = { id: `PAY-${state.next.payment++}`, payee: payee.id, payeeName: payee.name, amount: value, card: cardUsed, at, order: o.id };
  state.payments.unshift(payment);
  return ok({ id: payment.id, order: o.id });
}

export const getProfile = () => ok(state.profile);
/** Updates the fields it knows; an empty name or an email without @ is refused. */
export function updateProfile(patch) {
  const errors = {};
  if ('name' in patch && !String(patch.name).trim()) errors.name = 'required';
  if ('email' in patch && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(patch.email).trim())) errors.email = 'invalid';
  if (Object.keys(errors).length) return { status: 422, body: { errors } };
  for (const key of ['name', 'email', 'phone']) if (key in patch) state.profile[key] = String(patch[key]).trim();
  return ok(state.profile);
}

export const getSecurity = () => ok(state.security);
export const getNotifications = () => ok(state.notifications);
/** Security alerts cannot be switched off. */
export function updateNotifications(patch) {
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (!(key in state.notifications) || typeof value !== 'boolean') return { status: 400, body: { error: 'unknown_setting', key } };
    if (key === 'security' && !value) return { status: 409, body: { error: 'required_setting', key } };
  }
  Object.assign(state.notifications, patch);
  return ok(state.notifications);
}

// The one thing that outlives a reload: Zero Call's hand-off opens the chat in a new tab, and
// the support desk must know it there. (Restart session clears localStorage, and with it this.)
const CHATS_KEY = 'acme-pay-support-chats';
function savedChats() {
  try {
    const list = JSON.parse(localStorage.getItem(CHATS_KEY) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** What the support desk received from a hand-off. */
export function createChat(packet) {
  const known = savedChats();
  const last = Math.max(state.next.chat - 1, ...known.map((c) => Number(String(c.ref).slice(3)) || 0));
  const chat = { ref: `CH-${last + 1}`, created: new Date().toISOString(), packet };
  state.next.chat = last + 2;
  state.chats.set(chat.ref, chat);
  try {
    localStorage.setItem(CHATS_KEY, JSON.stringify([...known, chat].slice(-10)));
  } catch {
    /* storage full or blocked: this tab still knows it */
  }
  return ok({ ref: chat.ref, href: `/demo/support/${chat.ref}` }, 201);
}
export function getChat(ref) {
  const chat = state.chats.get(ref) ?? savedChats().find((c) => c.ref === ref);
  return chat ? ok(chat) : missing;
}
