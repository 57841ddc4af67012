/** The package's entries, by import name, as paths relative to `src/`. */
export const ENTRIES: {
  readonly '@npskit/core': 'index.ts';
  readonly '@npskit/core/eligibility': 'eligibility/index.ts';
  readonly '@npskit/core/period': 'period/index.ts';
  readonly '@npskit/core/score': 'score/index.ts';
  readonly '@npskit/core/schema': 'schema/index.ts';
  readonly '@npskit/core/signing': 'signing/index.ts';
};

/** One bundled entry. */
export interface BundledEntry {
  /** The minified code. */
  code: string;
  /** Minified size in bytes. */
  bytes: number;
  /** Brotli size in bytes. */
  brotli: number;
  /** Every input esbuild pulled in, as paths relative to the working directory. */
  inputs: string[];
}

/**
 * Bundles one entry (a path relative to `src/`) the way a browser app would: minified ESM, browser
 * platform, from source through the `npskit-source` condition.
 */
export function bundleEntry(entry: string): Promise<BundledEntry>;
