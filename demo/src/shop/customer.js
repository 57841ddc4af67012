import { readJson, writeJson } from './storage.js';

const KEY = 'nordic-coffee:customer';
const NAMES = [
  ['Ada Lindqvist', 'ada'],
  ['Nils Ekström', 'nils'],
  ['Maja Holm', 'maja'],
  ['Amir Karimi', 'amir'],
  ['Freja Nyberg', 'freja'],
];

/** @typedef {{ id: string, name: string, email: string }} Customer */

function newCustomer() {
  const number = String(Math.floor(100000 + Math.random() * 900000));
  const [name, handle] = NAMES[Math.floor(Math.random() * NAMES.length)] ?? NAMES[0];
  return { id: `cust-${number}`, name, email: `${handle}.${number}@example.com` };
}

/**
 * What the shop's server says about the signed-in customer, rendered into the page
 * (`<meta name="npskit-customer" content="<id>" data-signed="<token>">`): its session cookie stands in
 * for a login. Null when the page was not served by the demo server (e.g. `vite dev`).
 * @returns {{ id: string, signed: string } | null}
 */
function serverCustomer() {
  const meta = document.querySelector('meta[name="npskit-customer"]');
  const id = meta?.getAttribute('content') ?? '';
  const signed = meta?.getAttribute('data-signed') ?? '';
  return /^cust-\d+$/.test(id) ? { id, signed } : null;
}

/**
 * The signed-in customer. The demo has no login: each browser gets its own customer on first
 * visit (the server's session cookie names it), so every fresh browser is a new respondent.
 * @returns {Customer}
 */
export function currentCustomer() {
  const stored = /** @type {Customer | null} */ (readJson(KEY));
  const server = serverCustomer();
  if (stored && typeof stored.id === 'string' && (!server || stored.id === server.id))
    return stored;
  const customer = { ...newCustomer(), ...(server ? { id: server.id } : {}) };
  writeJson(KEY, customer);
  return customer;
}

/**
 * The customer token the shop's server signed for this page, for `identify(id, { signed })`, or
 * undefined when there is none (the widget then sends the customer id unverified).
 * @returns {string | undefined}
 */
export function customerToken() {
  return serverCustomer()?.signed || undefined;
}

/** First name, for greetings. @param {Customer} customer */
export function firstName(customer) {
  return customer.name.split(' ')[0] ?? customer.name;
}
