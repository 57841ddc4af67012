import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import type { DashboardFiles, StaticFile } from '../dashboard/static-files.js';

/**
 * Serves a dashboard build directory. Files found are read once and kept in memory (the whole build
 * is about 200 KB); a path that resolves outside the directory is never read.
 */
export function dashboardDirectory(directory: string): DashboardFiles {
  const root = resolve(directory);
  const cache = new Map<string, Promise<StaticFile | undefined>>();
  const load = async (path: string): Promise<StaticFile | undefined> => {
    const file = resolve(root, path);
    if (!file.startsWith(root + sep)) return undefined;
    try {
      const body = new Uint8Array(await readFile(file));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      return { body, etag };
    } catch {
      return undefined;
    }
  };
  return {
    read(path) {
      let entry = cache.get(path);
      if (!entry) {
        entry = load(path);
        cache.set(path, entry);
        // Misses are not kept: a rebuild may add the file later.
        entry.then((file) => file ?? cache.delete(path));
      }
      return entry;
    },
  };
}

/**
 * The installed `@npskit/dashboard` build (`…/@npskit/dashboard/dist`), or undefined when the
 * package or its build is missing. The collector serves these files; it never imports their code.
 */
export function findDashboardBuild(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@npskit/dashboard/package.json');
    const dist = join(dirname(manifest), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}
