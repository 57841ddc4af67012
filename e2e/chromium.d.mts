/** Flags for Chromium on a locked-down machine (see chromium.mjs). */
export declare const CHROMIUM_ARGS: readonly string[];
/** `NPSKIT_CHROMIUM`, else `/usr/bin/chromium` if present, else Playwright's own browser. */
export declare function chromiumPath(): string | undefined;
/** Launch options shared by the e2e tests and the host-cost benchmark. */
export declare function chromiumLaunchOptions(): { executablePath?: string; args: string[] };
