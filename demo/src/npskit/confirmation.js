/*
 * npskit on the order confirmation page, as the widget README tells a web developer: the command
 * queue, who the customer is, and the purchase that may trigger the checkout survey. It lives in
 * its own file (not an inline <script>) so the page works under a strict Content-Security-Policy.
 * The loader itself is the <script async src="/npskit/npskit.js" …> tag in confirmation.html.
 */
import { currentCustomer, customerToken } from '../shop/customer.js';
import { lastOrder } from '../shop/orders.js';

const customer = currentCustomer();
const order = lastOrder();

// An element with id="npskit" is window.npskit too; only an array (or the loaded API) has push.
window.npskit = window.npskit?.push ? window.npskit : [];
// `signed`: tokens the shop's server made with the site secret, so the collector marks the answer
// verified (customer, order, store and employee are what the server said, not what the page says).
window.npskit.push(['identify', customer.id, { name: customer.name, signed: customerToken() }]);
if (order) {
  window.npskit.push([
    'track',
    'purchase',
    {
      orderId: order.id,
      orderValue: order.total,
      currency: order.currency,
      unit: order.unit,
      touchpoint: 'checkout',
      employee: order.employee,
      signed: order.signed,
    },
  ]);
}
