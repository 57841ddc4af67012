import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The browser files the collector serves: the loader pages embed, and the UI chunk it imports. */
export const WIDGET_FILES = ['npskit.js', 'npskit-ui.js'] as const;
export type WidgetFile = (typeof WIDGET_FILES)[number];

/** One served file, read once. */
export interface WidgetAsset {
  body: Uint8Array;
  /** `sha384-…`, for the `integrity` attribute of the embed snippet. */
  integrity: string;
  etag: string;
}

/** A built `@npskit/widget`: its version (the URL path segment) and its files. */
export interface WidgetBuild {
  version: string;
  files: Readonly<Record<WidgetFile, WidgetAsset>>;
}

/** The path under which the collector serves a widget build: `/widget/<version>/`. */
export const widgetPath = (version: string): string => `/widget/${version}/`;

/** The directory of `@npskit/widget` as installed next to the collector, if it is. */
export function widgetPackageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('@npskit/widget/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * Reads the widget build from `@npskit/widget` as installed next to the collector (its `dist/`), or
 * from `packageDir`. Returns undefined when the package or its build is missing: the collector then
 * runs without serving the widget (pages load it from a CDN), and `snippet` says how to build it.
 */
export function loadWidgetBuild(packageDir = widgetPackageDir()): WidgetBuild | undefined {
  const dir = packageDir;
  if (!dir) return undefined;
  const paths = WIDGET_FILES.map((file) => join(dir, 'dist', file));
  if (!paths.every((path) => existsSync(path))) return undefined;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const files = Object.fromEntries(
    WIDGET_FILES.map((file, index) => {
      const body = readFileSync(paths[index] as string);
      const digest = (algorithm: string) => createHash(algorithm).update(body).digest('base64');
      return [
        file,
        { body, integrity: `sha384-${digest('sha384')}`, etag: `"${digest('sha256')}"` },
      ];
    }),
  ) as unknown as Record<WidgetFile, WidgetAsset>;
  return { version, files };
}
