/*
 * npskit on "My account": only who the customer is. The relationship survey triggers itself on
 * page views under /account (see demo/collector.config.json), so the page tracks nothing.
 */
import { currentCustomer, customerToken } from '../shop/customer.js';

const customer = currentCustomer();

// An element with id="npskit" is window.npskit too; only an array (or the loaded API) has push.
window.npskit = window.npskit?.push ? window.npskit : [];
window.npskit.push(['identify', customer.id, { name: customer.name, signed: customerToken() }]);
window.npskit.push(['context', { touchpoint: 'account' }]);
