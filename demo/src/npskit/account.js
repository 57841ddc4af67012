/*
 * npskit on "My account": only who the customer is. The relationship survey triggers itself on
 * page views under /account (see demo/collector.config.json), so the page tracks nothing.
 */
import { currentCustomer, customerToken } from '../shop/customer.js';

const customer = currentCustomer();

window.npskit = window.npskit || [];
window.npskit.push(['identify', customer.id, { name: customer.name, signed: customerToken() }]);
window.npskit.push(['context', { touchpoint: 'account' }]);
