/** The demo shop's public write key. */
export const DEMO_SITE_KEY: string;
/** The demo shop's site secret (server side only). */
export const DEMO_SITE_SECRET: string;
