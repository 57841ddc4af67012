/*
 * What old libraries and careless page scripts do to built-ins, applied before the widget loads.
 * `?patch=` lists which (comma separated):
 * - prototype:   Prototype.js 1.6-style `toJSON` on Array, Object and String prototypes
 * - enumerable:  enumerable junk on Object.prototype and Array.prototype (MooTools-era helpers)
 * - nofinally:   a Promise without `finally` (old polyfills)
 * - wrapfetch:   a well-behaved fetch wrapper, as monitoring tools install
 * - brokenfetch: a fetch wrapper that drops the request options (so every call is a GET)
 * - brokenjson:  a JSON.stringify that does not produce JSON
 */
(() => {
  const patches = new Set((new URLSearchParams(location.search).get('patch') ?? '').split(','));
  if (patches.has('prototype')) {
    // Prototype.js serialised arrays itself; native JSON.stringify then quotes the result.
    Array.prototype.toJSON = () => '"HIJACKED"';
    Object.defineProperty(Object.prototype, 'toJSON', {
      value() {
        return 'HIJACKED';
      },
      writable: true,
      configurable: true,
    });
    String.prototype.toJSON = () => 'HIJACKED';
  }
  if (patches.has('enumerable')) {
    Object.prototype.hostExtra = 'junk';
    Array.prototype.hostHelper = function hostHelper() {
      return this.length;
    };
  }
  if (patches.has('nofinally')) delete Promise.prototype.finally;
  const original = window.fetch;
  if (patches.has('wrapfetch')) {
    window.fetch = function monitoredFetch(input, init) {
      window.__monitored = (window.__monitored ?? 0) + 1;
      return original.call(this, input, init);
    };
  }
  if (patches.has('brokenfetch')) window.fetch = (input) => original(input);
  if (patches.has('brokenjson')) JSON.stringify = () => '"HIJACKED"';
})();
