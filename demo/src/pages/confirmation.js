import { findStore } from '../shop/catalog.js';
import { currentCustomer, firstName } from '../shop/customer.js';
import { byId, h } from '../shop/dom.js';
import { renderCartBadge } from '../shop/header.js';
import { formatSek } from '../shop/money.js';
import { lastOrder } from '../shop/orders.js';

const order = lastOrder();
const customer = currentCustomer();

if (order) {
  const store = findStore(order.unit);
  byId('greeting').textContent = `Thank you, ${firstName(customer)}!`;
  byId('order-id').textContent = order.id;
  byId('order-lines').append(
    ...order.lines.map((line) =>
      h('li', { class: 'cart-line' }, [
        h('span', { class: 'line-name' }, [`${line.quantity} × ${line.name}`]),
        h('span', { class: 'line-price' }, [formatSek(line.price * line.quantity)]),
      ]),
    ),
  );
  byId('order-total').textContent = formatSek(order.total);
  byId('fulfilment').textContent =
    order.unit === 'web'
      ? `${store?.employeeName ?? 'We'} will pack your coffee today; it arrives in 2–3 days.`
      : `${store?.employeeName ?? 'Our barista'} will have your order ready at ${store?.name.replace('Pick up: ', '') ?? 'the store'} in an hour.`;
  byId('order-details').hidden = false;
} else {
  byId('greeting').textContent = 'No recent order';
  byId('no-order').hidden = false;
}
renderCartBadge();
