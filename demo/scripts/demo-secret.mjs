/*
 * The demo shop's site key and site secret. The secret is a demo value (like the demo read keys):
 * the shop's server signs with it, the collector verifies with it (start.mjs passes it in
 * NPSKIT_SITE_SECRETS), and collector.config.json holds only its SHA-256. A real shop keeps its
 * `sk_…` in a secret store (and `keys create --type secret` makes one).
 */

/** The demo shop's public write key (`data-site`). */
export const DEMO_SITE_KEY = 'pk_demo_shop_0001';

/** The demo shop's site secret; never sent to a browser. */
export const DEMO_SITE_SECRET = 'sk_demo_shop_secret_0001';
