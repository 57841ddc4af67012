import { findProduct } from './catalog.js';
import { readJson, writeJson } from './storage.js';

const KEY = 'nordic-coffee:cart';

/** @typedef {{ productId: string, quantity: number }} CartLine */

/** The cart's lines, dropping anything no longer sold. @returns {CartLine[]} */
export function readCart() {
  const lines = readJson(KEY);
  if (!Array.isArray(lines)) return [];
  return lines.filter(
    (line) => findProduct(line?.productId) && Number.isInteger(line.quantity) && line.quantity > 0,
  );
}

/** Adds `quantity` bags of a product. @param {string} productId @param {number} quantity */
export function addToCart(productId, quantity) {
  const lines = readCart();
  const line = lines.find((entry) => entry.productId === productId);
  if (line) line.quantity = Math.min(line.quantity + quantity, 20);
  else lines.push({ productId, quantity });
  writeJson(KEY, lines);
}

/** Sets a line's quantity; 0 removes it. @param {string} productId @param {number} quantity */
export function setQuantity(productId, quantity) {
  const lines = readCart()
    .map((line) => (line.productId === productId ? { ...line, quantity } : line))
    .filter((line) => line.quantity > 0);
  writeJson(KEY, lines);
}

/** Empties the cart (after an order is placed). */
export function clearCart() {
  writeJson(KEY, []);
}

/** Bags in the cart. */
export function cartCount() {
  return readCart().reduce((sum, line) => sum + line.quantity, 0);
}

/** Sum of the cart in SEK. */
export function cartTotal() {
  return readCart().reduce(
    (sum, line) => sum + (findProduct(line.productId)?.price ?? 0) * line.quantity,
    0,
  );
}
