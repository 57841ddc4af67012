import { cartCount } from './cart-store.js';

/** Shows the number of bags in the cart in the header badge. */
export function renderCartBadge() {
  const badge = document.querySelector('[data-cart-count]');
  if (!badge) return;
  const count = cartCount();
  badge.textContent = String(count);
  badge.toggleAttribute('hidden', count === 0);
}
