import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { signToken } from '@npskit/core/signing';
import { findProduct, findStore } from '../src/shop/catalog.js';

const COOKIE = 'nc_session';
/** How long a signed token stays valid: the widget keeps unsent answers for up to 7 days. */
const TOKEN_SECONDS = 7 * 24 * 60 * 60;
const MAX_BODY = 16 * 1024;

/**
 * The demo shop's server side, the way a real shop does signing: it knows who is signed in (here a
 * session cookie stands in for a login) and what was ordered (it prices the cart itself from the
 * catalog), and signs exactly that with the site secret (`@npskit/core/signing`). The browser only
 * passes the tokens to npskit; it never sees the secret and cannot change a signed fact.
 *
 * @param {{ siteKey: string, secret: string, now?: () => number }} options
 */
export function createShopApi({ siteKey, secret, now = Date.now }) {
  const hmac = (message) => createHmac('sha256', secret).update(message).digest();
  // The session cookie's own MAC, with a key derived from the secret (not the npskit signature).
  const sessionMac = (id) =>
    createHmac('sha256', secret).update(`nc-session\0${id}`).digest('base64url');
  const sign = (claims) =>
    signToken({ ...claims, exp: Math.floor(now() / 1000) + TOKEN_SECONDS }, { siteKey, hmac });

  /** The signed-in customer of this request, minting one (and its cookie) on a first visit. */
  function session(req, res) {
    const cookie = /(?:^|;\s*)nc_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    const [id = '', mac = ''] = decodeURIComponent(cookie).split('.');
    const expected = Buffer.from(sessionMac(id));
    if (
      /^cust-\d{6}$/.test(id) &&
      mac.length === expected.length &&
      timingSafeEqual(Buffer.from(mac), expected)
    ) {
      return id;
    }
    const fresh = `cust-${randomInt(100000, 1000000)}`;
    res.setHeader(
      'set-cookie',
      `${COOKIE}=${encodeURIComponent(`${fresh}.${sessionMac(fresh)}`)}; Path=/; HttpOnly; SameSite=Lax`,
    );
    return fresh;
  }

  /** Fills the page's customer placeholders: its id and a fresh customer token. */
  function render(html, req, res) {
    if (!html.includes('%NPSKIT_CUSTOMER_ID%')) return html;
    const customerId = session(req, res);
    return html
      .replaceAll('%NPSKIT_CUSTOMER_ID%', customerId)
      .replaceAll('%NPSKIT_CUSTOMER_TOKEN%', sign({ customerId }));
  }

  function readBody(req) {
    return new Promise((resolve, reject) => {
      let size = 0;
      const chunks = [];
      req.on('data', (chunk) => {
        size += chunk.length;
        if (size > MAX_BODY) reject(new Error('too large'));
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  const json = (res, status, body) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify(body));
  };

  /** `POST /api/orders`: prices the cart, creates the order and signs its facts. */
  async function createOrder(req, res) {
    const customerId = session(req, res);
    let input;
    try {
      input = JSON.parse(await readBody(req));
    } catch {
      return json(res, 400, { error: 'invalid_json' });
    }
    const store = findStore(String(input?.unit ?? ''));
    const lines = Array.isArray(input?.lines) ? input.lines : [];
    const priced = lines.flatMap((line) => {
      const product = findProduct(String(line?.productId ?? ''));
      const quantity = Number(line?.quantity);
      if (!product || !Number.isInteger(quantity) || quantity < 1 || quantity > 99) return [];
      return [{ productId: product.id, name: product.name, quantity, price: product.price }];
    });
    if (!store || priced.length === 0) return json(res, 400, { error: 'invalid_order' });
    const order = {
      id: `NC-${randomInt(10000, 100000)}`,
      customerId,
      lines: priced,
      total: priced.reduce((sum, line) => sum + line.price * line.quantity, 0),
      currency: 'SEK',
      unit: store.unit,
      employee: store.employee,
      placedAt: new Date(now()).toISOString(),
    };
    const signed = sign({
      customerId,
      orderId: order.id,
      orderValue: order.total,
      currency: order.currency,
      unit: order.unit,
      employee: order.employee,
    });
    return json(res, 201, { order: { ...order, signed } });
  }

  return {
    render,
    /** Answers `/api/*`; returns false for any other path. */
    async handle(req, res, urlPath) {
      if (urlPath === '/api/orders' && req.method === 'POST') {
        await createOrder(req, res);
        return true;
      }
      if (urlPath.startsWith('/api/')) {
        json(res, 404, { error: 'not_found' });
        return true;
      }
      return false;
    },
  };
}
