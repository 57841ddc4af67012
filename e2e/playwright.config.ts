import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

export default defineConfig({
  testDir: '.',
  testMatch: 'tests/**/*.spec.ts',
  outputDir: 'artifacts/test-results',
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  // The CI machine has two cores; each test also runs its own collector process.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // NPSKIT_CHROMIUM, else Debian's /usr/bin/chromium, else Playwright's own browser.
    launchOptions: chromiumLaunchOptions(),
  },
});
