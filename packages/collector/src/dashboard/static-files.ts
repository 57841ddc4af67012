/** One static file of the dashboard build. */
export interface StaticFile {
  body: Uint8Array;
  /** Strong validator for revalidation (`If-None-Match`). */
  etag: string;
}

/**
 * Where the dashboard's built files come from: `read('assets/index-abc.js')`. Paths are relative,
 * already checked (no `..`, no leading `/`). Node reads a directory (`node/dashboard-directory.ts`);
 * tests pass a map.
 */
export interface DashboardFiles {
  read(path: string): Promise<StaticFile | undefined>;
}
