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
 * The signed-in customer. The demo has no login: each browser gets its own customer on first
 * visit, so every fresh browser is a new respondent for npskit.
 * @returns {Customer}
 */
export function currentCustomer() {
  const stored = /** @type {Customer | null} */ (readJson(KEY));
  if (stored && typeof stored.id === 'string') return stored;
  const customer = newCustomer();
  writeJson(KEY, customer);
  return customer;
}

/** First name, for greetings. @param {Customer} customer */
export function firstName(customer) {
  return customer.name.split(' ')[0] ?? customer.name;
}
