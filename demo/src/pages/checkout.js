import { cartTotal, clearCart, readCart } from '../shop/cart-store.js';
import { STORES } from '../shop/catalog.js';
import { currentCustomer } from '../shop/customer.js';
import { byId, h } from '../shop/dom.js';
import { renderCartBadge } from '../shop/header.js';
import { formatSek } from '../shop/money.js';
import { submitOrder } from '../shop/orders.js';

const customer = currentCustomer();
const form = /** @type {HTMLFormElement} */ (byId('checkout-form'));
const fields = /** @type {HTMLFormControlsCollection & Record<string, HTMLInputElement>} */ (
  form.elements
);
const delivery = /** @type {HTMLSelectElement} */ (byId('delivery'));
const address = byId('address-fields');

delivery.append(...STORES.map((store) => h('option', { value: store.unit }, [store.name])));
fields.name.value = customer.name;
fields.email.value = customer.email;
byId('checkout-total').textContent = formatSek(cartTotal());

function showAddress() {
  address.toggleAttribute('hidden', delivery.value !== 'web');
  for (const input of address.querySelectorAll('input')) input.required = delivery.value === 'web';
}
delivery.addEventListener('change', showAddress);
showAddress();

const empty = readCart().length === 0;
byId('checkout-empty').toggleAttribute('hidden', !empty);
/** @type {HTMLButtonElement} */ (byId('place-order')).disabled = empty;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const lines = readCart();
  if (lines.length === 0 || !form.reportValidity()) return;
  /** @type {HTMLButtonElement} */ (byId('place-order')).disabled = true;
  await submitOrder({ customerId: customer.id, unit: delivery.value, lines });
  clearCart();
  renderCartBadge();
  // A real shop would wait for the payment provider here; the demo pretends it said yes.
  location.assign('/confirmation');
});

renderCartBadge();
