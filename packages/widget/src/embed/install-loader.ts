import type { InitOptions } from '../runtime/api.js';
import { createShell } from '../runtime/create-shell.js';
import { createWidget } from '../runtime/create-widget.js';
import { readConfig, withDefaults } from '../runtime/read-config.js';
import type { UiModule } from '../ui/contract.js';
import { report } from '../util/safe.js';

declare global {
  interface Window {
    /** Before load: the command queue array; after: the npskit API (see the README). */
    npskit?: unknown;
  }
}

/** `sha256-…` of dist/npskit-ui.js, written into the loader at build time (vite.config.ts). */
declare const __NPSKIT_UI_INTEGRITY__: string;

/**
 * Imports the UI chunk only if it is the one this loader was built with: a module `<script>` with
 * `integrity` fetches and checks it (a tampered or swapped file is refused, and the page never runs
 * it), then `import()` of the same URL returns that already-evaluated module from the page's module
 * map without a second fetch. The element is removed again at once.
 */
export function importChecked(url: string, nonce?: string): Promise<UiModule> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.integrity = __NPSKIT_UI_INTEGRITY__;
    if (nonce) script.nonce = nonce;
    script.onload = script.onerror = (event) => {
      script.remove();
      if ((event as Event).type === 'load') resolve(import(/* @vite-ignore */ url));
      else reject(new Error(`${url} not loaded (network, CSP or integrity); no survey`));
    };
    script.src = url;
    document.head.append(script);
  });
}

/** The options the embedding `<script>` tag carries as `data-*` attributes (and its CSP nonce). */
export function readScriptTag(tag: HTMLScriptElement | null): InitOptions {
  const options: Record<string, string> = {};
  for (const name of ['site', 'collector', 'consent', 'locale']) {
    const value = tag?.getAttribute(`data-${name}`);
    if (value != null) options[name] = value;
  }
  // `nonce` (the property, not the attribute: browsers hide the attribute from the DOM).
  if (tag?.nonce) options.nonce = tag.nonce;
  return options;
}

/**
 * Installs the script-tag build: reads the options from its own `<script>` tag, runs the commands
 * queued in `window.npskit` in order, and replaces the queue with the live API (whose `push` keeps
 * the queue snippet working). The UI chunk is imported from next to this script, and only when a
 * survey is about to be shown.
 */
export function installLoader(
  script: Element | null = document.currentScript,
  loadUi?: (url: string, nonce?: string) => Promise<UiModule>,
): void {
  try {
    // An element with id="npskit" is `window.npskit` too (named access); only an array is a queue.
    const queued = window.npskit as { init?: unknown } | undefined;
    // Loaded twice: the first copy is already running and owns `window.npskit`.
    if (typeof queued?.init === 'function') return;
    // A classic script always is currentScript while it runs (the embed is one).
    const tag = script as HTMLScriptElement | null;
    const attributes = readScriptTag(tag);
    const uiUrl = new URL('npskit-ui.js', tag?.src || location.href).href;
    const shell = createShell((options, listeners) => {
      const config = readConfig({ ...attributes, ...options }, 'data-', withDefaults);
      return (
        config &&
        createWidget(
          config,
          { loadUi: () => (loadUi ?? importChecked)(uiUrl, config.nonce) },
          listeners,
        )
      );
    });
    window.npskit = shell;
    shell.push(...(Array.isArray(queued) ? queued : []));
    // Without a queued init, start with the tag's attributes alone.
    shell.init();
  } catch (error) {
    report(error);
  }
}
