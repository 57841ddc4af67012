import { existsSync } from 'node:fs';

/**
 * Flags for Chromium on a locked-down machine: no sandbox (root in a container), no GPU, and none of
 * the background connections (updates, sync, QUIC) that a closed network refuses by the dozen.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/**
 * The browser binary: `NPSKIT_CHROMIUM`, else Debian's `/usr/bin/chromium`, else `undefined` so
 * Playwright uses its own browser where one is installed (its download can't run here).
 * @returns {string | undefined}
 */
export function chromiumPath() {
  if (process.env.NPSKIT_CHROMIUM) return process.env.NPSKIT_CHROMIUM;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/**
 * Launch options shared by the e2e tests and the host-cost benchmark.
 * @returns {{ executablePath?: string, args: string[] }}
 */
export function chromiumLaunchOptions() {
  const executablePath = chromiumPath();
  return { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS };
}
