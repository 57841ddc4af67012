import { defineProject, mergeConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceConditions,
  defineProject({
    test: {
      name: 'collector',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // A throwaway PostgreSQL cluster for the Postgres adapter's tests (see the file).
      globalSetup: ['test/postgres/global-setup.ts'],
    },
  }),
);
