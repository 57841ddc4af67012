import { build } from 'vite';
import { missingArtifacts, paths } from './fixtures/paths.js';

/**
 * Runs once before the workers: fails fast with the build command when an artifact is missing,
 * and builds the demo shop (the root `npm run build` builds core, widget and collector only).
 */
export default async function globalSetup(): Promise<void> {
  const missing = missingArtifacts();
  if (missing.length > 0) {
    throw new Error(`e2e runs against built artifacts; missing:\n  ${missing.join('\n  ')}`);
  }
  await build({ configFile: paths.demoViteConfig, logLevel: 'warn' });
}
