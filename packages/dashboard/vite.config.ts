import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The dashboard is a static app served by the collector at `/dashboard/` (same origin as the API, so
 * the session cookie just works and no CORS is needed). Hashed file names under `assets/` let the
 * collector cache them forever; `index.html` is revalidated on every load.
 */
export default defineConfig({
  base: '/dashboard/',
  // Build from the workspace sources of @npskit/core (see vitest.shared.ts for the condition).
  resolve: { conditions: ['npskit-source', ...defaultClientConditions] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: 'oxc',
    manifest: true,
    // No inline <script>/<style> and no data: module preload polyfill: the collector's CSP allows 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
