import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const pages = ['index', 'cart', 'checkout', 'confirmation', 'account', 'refer'] as const;

/**
 * The demo shop: plain multi-page HTML. The widget is not bundled: the confirmation and account pages
 * load the built `npskit.js` by script tag (`vite-ignore`, which Vite strips from the output), as a
 * site without a bundler would. `%NPSKIT_COLLECTOR_URL%` is not a Vite env variable, so Vite leaves
 * it in the HTML and `scripts/start.mjs` fills it in when serving.
 */
export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    rolldownOptions: {
      input: Object.fromEntries(pages.map((page) => [page, resolve(root, `${page}.html`)])),
    },
  },
});
