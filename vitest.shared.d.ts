import { type UserConfig } from 'vite';
/**
 * Workspace packages export a `npskit-source` condition that points at `src/`, so tests run on the
 * TypeScript sources without a build step (the same trick zod and TanStack use). Both the client and
 * the server (SSR) resolvers need it, because Vitest runs Node tests through the server resolver.
 */
export declare const sourceConditions: UserConfig;
//# sourceMappingURL=vitest.shared.d.ts.map
