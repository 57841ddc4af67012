import { currentCustomer } from '../shop/customer.js';
import { byId, h } from '../shop/dom.js';
import { renderCartBadge } from '../shop/header.js';
import { formatSek } from '../shop/money.js';
import { orderHistory } from '../shop/orders.js';

const customer = currentCustomer();
byId('customer-name').textContent = customer.name;
byId('customer-email').textContent = customer.email;
byId('customer-id').textContent = customer.id;

const orders = orderHistory().filter((order) => order.customerId === customer.id);
byId('orders').append(
  ...orders.map((order) =>
    h('li', { class: 'cart-line' }, [
      h('span', { class: 'line-name' }, [
        `${order.id} · ${new Date(order.placedAt).toLocaleDateString('en-GB')}`,
      ]),
      h('span', { class: 'line-price' }, [formatSek(order.total)]),
    ]),
  ),
);
byId('no-orders').hidden = orders.length > 0;

renderCartBadge();
