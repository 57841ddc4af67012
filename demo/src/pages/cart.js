import { cartTotal, readCart, setQuantity } from '../shop/cart-store.js';
import { findProduct } from '../shop/catalog.js';
import { byId, h } from '../shop/dom.js';
import { renderCartBadge } from '../shop/header.js';
import { formatSek } from '../shop/money.js';

function render() {
  const list = byId('cart-lines');
  const lines = readCart();
  list.replaceChildren(
    ...lines.map((line) => {
      const product = findProduct(line.productId);
      const remove = h('button', { type: 'button', class: 'link' }, ['Remove']);
      remove.addEventListener('click', () => {
        setQuantity(line.productId, 0);
        render();
      });
      return h('li', { class: 'cart-line' }, [
        h('span', { class: 'line-name' }, [
          `${line.quantity} × ${product?.name ?? line.productId}`,
        ]),
        h('span', { class: 'line-price' }, [formatSek((product?.price ?? 0) * line.quantity)]),
        remove,
      ]);
    }),
  );
  byId('cart-total').textContent = formatSek(cartTotal());
  byId('cart-empty').toggleAttribute('hidden', lines.length > 0);
  byId('cart-summary').toggleAttribute('hidden', lines.length === 0);
  renderCartBadge();
}

render();
