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
 */

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
