import { addToCart } from '../shop/cart-store.js';
import { PRODUCTS } from '../shop/catalog.js';
import { byId, h } from '../shop/dom.js';
import { renderCartBadge } from '../shop/header.js';
import { formatSek } from '../shop/money.js';

/** A coffee bag drawn in CSS: the colour is the only per-product part. */
function bag(color) {
  const element = h('div', { class: 'bag', 'aria-hidden': 'true' }, [h('span', {}, ['NC'])]);
  element.style.setProperty('--bag', color);
  return element;
}

function productCard(product) {
  const quantity = h('input', {
    type: 'number',
    min: '1',
    max: '20',
    value: '1',
    id: `qty-${product.id}`,
    class: 'qty',
  });
  const status = h('p', { class: 'added', role: 'status' });
  const form = h('form', { class: 'add-form' }, [
    h('label', { for: `qty-${product.id}` }, ['Bags']),
    quantity,
    h('button', { type: 'submit', class: 'button primary' }, ['Add to cart']),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const bags = Math.max(
      1,
      Math.min(20, Number(/** @type {HTMLInputElement} */ (quantity).value) || 1),
    );
    addToCart(product.id, bags);
    renderCartBadge();
    status.textContent = `Added ${bags} × ${product.name} to your cart.`;
  });
  return h('article', { class: 'product', 'data-product': product.id }, [
    bag(product.color),
    h('div', { class: 'product-body' }, [
      h('h2', {}, [product.name]),
      h('p', { class: 'origin' }, [product.origin]),
      h('p', {}, [product.notes]),
      h('p', { class: 'price' }, [formatSek(product.price), h('small', {}, [' / 250 g'])]),
      form,
      status,
    ]),
  ]);
}

byId('products').append(...PRODUCTS.map(productCard));
renderCartBadge();
