import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { widgetPackageDir } from '../widget/widget-build.js';
import { pageCss } from './page-css.js';

/** One file the hosted page loads from the collector itself (never a third party). */
export interface HostedAsset {
  body: Uint8Array;
  contentType: string;
  etag: string;
}

/**
 * The hosted survey page's files, by name under `/s/assets/`. Names carry a content hash, so a new
 * build is a new URL and every file can be cached for a year.
 */
export interface HostedAssets {
  files: ReadonlyMap<string, HostedAsset>;
  /** The page's stylesheet (always there). */
  css: string;
  /**
   * The page's script (`@npskit/widget`'s `npskit-hosted.js`) and the widget's UI chunk it loads
   * (`npskit-ui.js`, the very file the widget loads on a shop's page). Undefined when the widget
   * is not built next to the collector: the page then works as a plain HTML form.
   */
  script?: string;
  ui?: string;
}

const hashOf = (body: Uint8Array) => createHash('sha256').update(body).digest('base64url');

function asset(stem: string, extension: string, body: Uint8Array, contentType: string) {
  const hash = hashOf(body);
  return [
    `${stem}.${hash.slice(0, 12)}.${extension}`,
    { body, contentType, etag: `"${hash}"` },
  ] as [string, HostedAsset];
}

/**
 * Loads the hosted page's files once: the stylesheet, and — from the `@npskit/widget` build next to
 * the collector (or `packageDir`) — the page script and the UI chunk.
 */
export function loadHostedAssets(
  packageDir: string | undefined = widgetPackageDir(),
): HostedAssets {
  const css = asset('page', 'css', new TextEncoder().encode(pageCss()), 'text/css; charset=utf-8');
  const files = new Map<string, HostedAsset>([css]);
  const dist = packageDir && join(packageDir, 'dist');
  const read = (file: string) =>
    dist && existsSync(join(dist, file)) ? readFileSync(join(dist, file)) : undefined;
  const script = read('npskit-hosted.js');
  const ui = read('npskit-ui.js');
  if (!script || !ui) return { files, css: css[0] };
  const js = 'text/javascript; charset=utf-8';
  const scriptFile = asset('npskit-hosted', 'js', script, js);
  const uiFile = asset('npskit-ui', 'js', ui, js);
  files.set(...scriptFile);
  files.set(...uiFile);
  return { files, css: css[0], script: scriptFile[0], ui: uiFile[0] };
}

/** Assets from given bytes (tests). */
export function hostedAssetsOf(script: string, ui: string): HostedAssets {
  const encoder = new TextEncoder();
  const base = loadHostedAssets(undefined);
  const js = 'text/javascript; charset=utf-8';
  const scriptFile = asset('npskit-hosted', 'js', encoder.encode(script), js);
  const uiFile = asset('npskit-ui', 'js', encoder.encode(ui), js);
  const files = new Map(base.files);
  files.set(...scriptFile);
  files.set(...uiFile);
  return { files, css: base.css, script: scriptFile[0], ui: uiFile[0] };
}
