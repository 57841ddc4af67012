/*
 * Host-page script for the e2e pages: reads who the customer is and what they bought from the
 * query string and queues the npskit commands, the way the demo's confirmation page does. An
 * external file, so it also runs under the strict CSP page.
 *
 * It also records the computed styles of the host's own elements before the widget can mount,
 * so a test can check that the widget changed nothing on the host page.
 */
(() => {
  const params = new URLSearchParams(location.search);
  const PROBED = [
    'color',
    'font-size',
    'font-family',
    'display',
    'background-color',
    'margin',
    'padding',
    'line-height',
    'border',
  ];

  window.__snapshotHostStyles = () =>
    Array.from(document.querySelectorAll('[data-host-probe]'), (element) => {
      const style = getComputedStyle(element);
      return [
        element.getAttribute('data-host-probe'),
        PROBED.map((name) => `${name}:${style.getPropertyValue(name)}`).join(';'),
      ];
    });
  window.__hostStylesBefore = window.__snapshotHostStyles();

  // An element with id="npskit" is window.npskit too; only an array (or the loaded API) has push.
  window.npskit = window.npskit?.push ? window.npskit : [];
  const customer = params.get('customer');
  if (customer) window.npskit.push(['identify', customer, { name: 'Test Customer' }]);
  const order = params.get('order');
  if (order) {
    window.npskit.push([
      'track',
      'purchase',
      {
        orderId: order,
        orderValue: Number(params.get('value') ?? 100),
        currency: 'SEK',
        unit: params.get('unit') ?? 'stockholm-sodermalm',
        touchpoint: 'checkout',
        employee: 'emp-elin',
      },
    ]);
  }
})();
