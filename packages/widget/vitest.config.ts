import { defineProject, mergeConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceConditions,
  defineProject({
    // The loader's build-time constant (see vite.config.ts); tests inject their own loadUi.
    define: { __NPSKIT_UI_INTEGRITY__: JSON.stringify('sha256-test') },
    test: {
      name: 'widget',
      environment: 'happy-dom',
      setupFiles: ['test/setup.ts'],
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    },
  }),
);
