import { findProduct, findStore } from './catalog.js';
import { readJson, writeJson } from './storage.js';

const LAST = 'nordic-coffee:last-order';
const HISTORY = 'nordic-coffee:orders';

/**
 * @typedef {object} Order
 * @property {string} id e.g. `NC-48213`
 * @property {string} customerId
 * @property {{ productId: string, name: string, quantity: number, price: number }[]} lines
 * @property {number} total SEK
 * @property {'SEK'} currency
 * @property {string} unit store (or `web`) the order is fulfilled by
 * @property {string} employee
 * @property {string} placedAt ISO time
 * @property {string} [signed] the npskit token the shop's server signed for this order
 */

/**
 * Places the order with the shop's server (`POST /api/orders`), which prices it from its own
 * catalog and signs its facts for npskit, and remembers it for the confirmation and account pages.
 * Falls back to a local order (unsigned) when no server answers, e.g. under `vite dev`.
 * @param {{ customerId: string, unit: string, lines: { productId: string, quantity: number }[] }} input
 * @returns {Promise<Order>}
 */
export async function submitOrder(input) {
  try {
    const response = await fetch('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unit: input.unit, lines: input.lines }),
    });
    if (response.ok) {
      const { order } = /** @type {{ order: Order }} */ (await response.json());
      writeJson(LAST, order);
      writeJson(HISTORY, [order, ...orderHistory()].slice(0, 20));
      return order;
    }
  } catch {
    // No shop server: keep the order local.
  }
  return placeOrder(input);
}

/**
 * Turns the cart into an order and remembers it for the confirmation and account pages.
 * @param {{ customerId: string, unit: string, lines: { productId: string, quantity: number }[] }} input
 * @returns {Order}
 */
export function placeOrder({ customerId, unit, lines }) {
  const store = findStore(unit);
  const orderLines = lines.map((line) => {
    const product = findProduct(line.productId);
    return {
      productId: line.productId,
      name: product?.name ?? line.productId,
      quantity: line.quantity,
      price: product?.price ?? 0,
    };
  });
  const order = {
    id: `NC-${Math.floor(10000 + Math.random() * 90000)}`,
    customerId,
    lines: orderLines,
    total: orderLines.reduce((sum, line) => sum + line.price * line.quantity, 0),
    currency: /** @type {const} */ ('SEK'),
    unit,
    employee: store?.employee ?? 'emp-unknown',
    placedAt: new Date().toISOString(),
  };
  writeJson(LAST, order);
  writeJson(HISTORY, [order, ...orderHistory()].slice(0, 20));
  return order;
}

/** The order just placed, if any. @returns {Order | null} */
export function lastOrder() {
  const order = /** @type {Order | null} */ (readJson(LAST));
  return order && typeof order.id === 'string' ? order : null;
}

/** Past orders, newest first. @returns {Order[]} */
export function orderHistory() {
  const orders = readJson(HISTORY);
  return Array.isArray(orders) ? orders : [];
}
